package org.relevanceworkbench.ui;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.compare.Comparison;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.eval.PmrrResult;
import org.relevanceworkbench.eval.Pmrr;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;

/**
 * The side-by-side comparison of one topic's variants: a row per document with its score and rank
 * under each variant, Δp and rank change between two chosen variants A and B, filters (flipped
 * across a threshold, moved by at least N places, text), a summary (flips, mean |Δp|, Kendall τ,
 * p-MRR when qrels of A and B exist) and the selected document's text with the query's and the
 * instructions' words highlighted. Scores arrive batch by batch while a run streams. Approximate
 * scores (p(true) only bounded, from a server's top-k logprobs) are never mixed in silently: their
 * cells read {@code ≈} with the interval, and the summary counts them.
 */
public final class ComparisonViewModel {
    /** One dot of the A-versus-B scatter chart. */
    public record Point(String docId, double a, double b) {
    }

    /**
     * One key of the table's sort: a column ({@code doc}, {@code title}, {@code score-V}, {@code rank-V},
     * {@code delta}, {@code move}) and its direction, as the table's sort order lists them.
     */
    public record SortKey(String column, boolean ascending) {
    }

    /** Up to this many rows are filtered and sorted in place (well under a millisecond); more, in the background. */
    static final int IN_PLACE_ROWS = 2_000;

    private final Database db;
    private final TaskExecutor tasks;
    private final Consumer<Throwable> failures;
    private long collectionId = -1;
    private String topicId;
    private String query = "";
    private final Map<String, String> instructions = new LinkedHashMap<>();
    /** The scores and titles held: owned by the background computations (see {@link Scores}). */
    private Scores held = new Scores();
    /** variant → doc → {low, high}, for approximate scores only: the score cells read it on the FX thread. */
    private final Map<String, Map<String, double[]>> bounds = new HashMap<>();
    private Map<String, Map<String, Integer>> qrelsByVariant = Map.of();
    static final long REFRESH_MILLIS = 250;
    private boolean refreshPending;
    /** A computation is in flight (at most one): a refresh asked for meanwhile waits for it ({@link #dirty}). */
    private boolean computing;
    private boolean dirty;
    private long lastComputeMillis;
    private volatile long refreshGeneration;
    private long lastRefresh = System.nanoTime() - REFRESH_MILLIS * 1_000_000;

    private final ReplacedList<ComparisonRow> rows = new ReplacedList<>();
    /** The rows the table shows: filtered and sorted off the FX thread, then handed over in one change. */
    private final ReplacedList<ComparisonRow> visible = new ReplacedList<>();
    private List<SortKey> sortKeys = List.of();
    private long viewGeneration;
    private final ObservableList<String> variants = FXCollections.observableArrayList();
    private final StringProperty variantA = new SimpleStringProperty();
    private final StringProperty variantB = new SimpleStringProperty();
    private final DoubleProperty threshold = new SimpleDoubleProperty(0.5);
    private final BooleanProperty flippedOnly = new SimpleBooleanProperty();
    private final IntegerProperty minMove = new SimpleIntegerProperty(0);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty probabilities = new SimpleBooleanProperty(true);
    /** The scatter's dots, one immutable list per refresh: no list of a million dots is copied on the FX thread. */
    private final ReadOnlyObjectWrapper<List<Point>> points = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<ComparisonRow> selected = new SimpleObjectProperty<>();
    static final String NOTHING_SELECTED = "Select a row to read the document, query and instruction words highlighted";
    private final StringProperty selectedTitle = new SimpleStringProperty(NOTHING_SELECTED);
    private final ObservableList<Highlighter.Segment> selectedText = FXCollections.observableArrayList();

    public ComparisonViewModel(Database db, TaskExecutor tasks, Consumer<Throwable> failures) {
        this.db = db;
        this.tasks = tasks;
        this.failures = failures;
        variantA.addListener((obs, old, now) -> refresh());
        variantB.addListener((obs, old, now) -> refresh());
        threshold.addListener((obs, old, now) -> refresh());
        flippedOnly.addListener((obs, old, now) -> refilter());
        minMove.addListener((obs, old, now) -> refilter());
        filterText.addListener((obs, old, now) -> refilter());
        selected.addListener((obs, old, now) -> showDocument(now));
    }

    /**
     * Starts a comparison of a topic's variants (their instructions by name), clearing any scores;
     * reads the topic's imported qrels for p-MRR.
     */
    public void open(long collection, String topic, String queryText, Map<String, String> variantInstructions) {
        collectionId = collection;
        topicId = topic;
        query = queryText;
        instructions.clear();
        instructions.putAll(variantInstructions);
        held = new Scores(); // computations of the previous topic finish on the old one, and are not shown
        refreshGeneration++;
        bounds.clear();
        variants.setAll(variantInstructions.keySet());
        variantA.set(variants.isEmpty() ? null : variants.get(0));
        variantB.set(variants.size() < 2 ? variantA.get() : variants.get(1));
        qrelsByVariant = Map.of();
        long id = collection;
        String onlyTopic = topic;
        tasks.run(() -> db.read(c -> new QrelDao(c).list(id, onlyTopic)), this::keepQrels, failures);
        refresh();
    }

    private void keepQrels(List<Qrel> all) {
        Map<String, Map<String, Integer>> byVariant = new HashMap<>();
        for (Qrel q : all) {
            if (q.topicId().equals(topicId) && q.source().equals(QrelDao.IMPORTED)) {
                byVariant.computeIfAbsent(q.variant(), k -> new HashMap<>()).put(q.docId(), q.grade());
            }
        }
        qrelsByVariant = byVariant;
        refresh();
    }

    /**
     * Adds scores of a variant (a streamed batch or cached scores) and titles of their documents. On the FX thread this
     * costs the batch only: the batch waits for the next background computation, which folds it into the scores held.
     */
    public void addScores(String variant, List<CachedScore> batch, Map<String, String> batchTitles) {
        held.add(variant, List.copyOf(batch), Map.copyOf(batchTitles));
        Map<String, double[]> approximate = bounds.get(variant);
        for (CachedScore s : batch) {
            if (s.approximate()) {
                bounds.computeIfAbsent(variant, k -> new HashMap<>()).put(s.docId(), new double[] {s.pLow(), s.pHigh()});
            } else if (approximate != null) {
                approximate.remove(s.docId());
            }
        }
        requestRefresh();
    }

    /**
     * The comparison's scores, titles and approximate marks. Batches queue up from the FX thread (a list append); the
     * background computations, one at a time, fold them in and compute from the maps directly, so the FX thread never
     * copies 40,000 scores to hand them over.
     */
    private static final class Scores {
        private record Batch(String variant, List<CachedScore> scores, Map<String, String> titles) {
        }

        private final Object queueLock = new Object();
        private List<Batch> queued = new java.util.ArrayList<>();
        private final Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        private final Map<String, String> titles = new HashMap<>();
        private final Map<String, java.util.Set<String>> approximate = new HashMap<>();

        void add(String variant, List<CachedScore> batch, Map<String, String> batchTitles) {
            synchronized (queueLock) {
                queued.add(new Batch(variant, batch, batchTitles));
            }
        }

        /** Folds in what was queued; call holding this object's lock. */
        private void fold() {
            List<Batch> batches;
            synchronized (queueLock) {
                batches = queued;
                queued = new java.util.ArrayList<>();
            }
            for (Batch b : batches) {
                Map<String, Double> target = scores.computeIfAbsent(b.variant(), k -> new LinkedHashMap<>());
                java.util.Set<String> marked = approximate.computeIfAbsent(b.variant(), k -> new java.util.HashSet<>());
                for (CachedScore s : b.scores()) {
                    target.put(s.docId(), s.pTrue());
                    if (s.approximate()) {
                        marked.add(s.docId());
                    } else {
                        marked.remove(s.docId());
                    }
                }
                titles.putAll(b.titles());
            }
        }

        int approximateCount() {
            int n = 0;
            for (Map.Entry<String, java.util.Set<String>> e : approximate.entrySet()) {
                Map<String, Double> byDoc = scores.getOrDefault(e.getKey(), Map.of());
                for (String doc : e.getValue()) {
                    n += byDoc.containsKey(doc) ? 1 : 0;
                }
            }
            return n;
        }
    }

    /**
     * Refreshes at most every {@value #REFRESH_MILLIS} ms while batches stream in (or every two computations' time,
     * when one takes longer than half of that): rebuilding the table and the chart for every small batch would cost the
     * window its responsiveness, and on two cores a computation always running would starve the FX and render threads.
     */
    private void requestRefresh() {
        if (refreshPending) {
            return;
        }
        long wait = Math.max(REFRESH_MILLIS, 2 * lastComputeMillis) - (System.nanoTime() - lastRefresh) / 1_000_000;
        if (wait <= 0) {
            refresh();
            return;
        }
        refreshPending = true;
        tasks.onUiAfter(wait, () -> {
            refreshPending = false;
            refresh();
        });
    }

    /** Whether the score of a document under a variant is approximate: p(true) only bounded. */
    public boolean approximate(String variant, String docId) {
        Map<String, double[]> byDoc = bounds.get(variant);
        return byDoc != null && byDoc.containsKey(docId);
    }

    /** A score cell's text: four decimals, after {@code ≈} when the score is approximate. */
    public String scoreText(String variant, String docId, double value) {
        return (approximate(variant, docId) ? "≈" : "") + String.format(Locale.US, "%.4f", value);
    }

    /** For an approximate score, {@code approximate: p in [low, high]}; null for an exact one. */
    public String approximateText(String variant, String docId) {
        Map<String, double[]> byDoc = bounds.get(variant);
        double[] b = byDoc == null ? null : byDoc.get(docId);
        return b == null ? null : String.format(Locale.US, "approximate: p in [%.4f, %.4f]", b[0], b[1]);
    }

    /** What one refresh computes away from the UI thread: also the table's filtered and sorted rows. */
    private record Computed(Comparison comparison, List<Point> points, String summary, List<ComparisonRow> visible,
            long millis) {
    }

    /**
     * Recomputes ranks, rows, summary (Kendall τ, p-MRR) and points from a snapshot of the scores
     * held, in the background; only the newest refresh is shown when several overlap.
     */
    private void refresh() {
        if (computing) {
            dirty = true; // computed again as soon as the one in flight is shown
            return;
        }
        computing = true;
        lastRefresh = System.nanoTime();
        long generation = refreshGeneration;
        List<String> names = List.copyOf(variants);
        Scores state = held;
        String a = variantA.get();
        String b = variantB.get();
        double t = threshold.get();
        Map<String, Map<String, Integer>> qrels = qrelsByVariant;
        String topic = topicId;
        ViewSettings view = viewSettings();
        long viewAt = ++viewGeneration;
        tasks.run(() -> {
            synchronized (state) { // one computation at a time folds in and reads the scores held
                if (generation != refreshGeneration) {
                    return null; // another topic was opened meanwhile: skip the work
                }
                long started = System.nanoTime();
                state.fold();
                Comparison computed = Comparison.of(names, state.scores, state.titles);
                List<Point> dots = computed.rows().stream().filter(r -> a != null && b != null && r.score(a) != null
                        && r.score(b) != null).map(r -> new Point(r.docId(), r.score(a), r.score(b)))
                        .collect(java.util.stream.Collectors.toUnmodifiableList());
                return new Computed(computed, dots, summaryText(computed, state.scores, qrels, topic, a, b, t)
                        + approximateText(state.approximateCount(), state.scores), view.apply(computed.rows()),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }, computed -> {
            computing = false;
            if (computed != null) {
                lastComputeMillis = computed.millis();
                if (generation == refreshGeneration) {
                    show(computed, viewAt);
                }
            }
            if (dirty) {
                dirty = false;
                requestRefresh();
            }
        }, failure -> {
            computing = false;
            failures.accept(failure);
        });
    }

    private void show(Computed computed, long viewAt) {
        ComparisonRow keep = selected.get();
        rows.replace(computed.comparison().rows());
        if (viewAt == viewGeneration) {
            visible.replace(computed.visible());
        } else {
            refilter(); // the filter or sort changed meanwhile
        }
        points.set(computed.points());
        summary.set(computed.summary());
        if (keep != null) {
            rows.stream().filter(r -> r.docId().equals(keep.docId())).findFirst().ifPresent(selected::set);
        }
    }

    /** The filter and sort of the moment, applicable to any snapshot of rows on any thread. */
    private record ViewSettings(String a, String b, String text, double threshold, int move, boolean flips,
            List<SortKey> sort) {

        List<ComparisonRow> apply(List<ComparisonRow> all) {
            List<ComparisonRow> out = new java.util.ArrayList<>(all.size());
            for (ComparisonRow r : all) {
                if ((!flips || r.flipped(a, b, threshold))
                        && (move <= 0 || (r.rankChange(a, b) != null && Math.abs(r.rankChange(a, b)) >= move))
                        && (text.isEmpty() || r.docId().toLowerCase(Locale.ROOT).contains(text)
                                || (r.title() != null && r.title().toLowerCase(Locale.ROOT).contains(text)))) {
                    out.add(r);
                }
            }
            java.util.Comparator<ComparisonRow> order = comparator(sort, a, b);
            if (order != null) {
                out.sort(order); // stable: equal rows keep the comparison's order, as the table's own sort did
            }
            return List.copyOf(out); // immutable, copied here: the table shows this very list
        }
    }

    private ViewSettings viewSettings() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        return new ViewSettings(variantA.get(), variantB.get(), text, threshold.get(), minMove.get(),
                flippedOnly.get(), sortKeys);
    }

    /**
     * Filters and sorts the rows held into the table's rows: in place for a few rows, else in the background (only the
     * newest request is shown), so that neither a filter nor a sort of 10,000 rows runs on the FX thread.
     */
    private void refilter() {
        ViewSettings view = viewSettings();
        long at = ++viewGeneration;
        List<ComparisonRow> snapshot = rows.current();
        if (snapshot.size() <= IN_PLACE_ROWS) {
            visible.replace(view.apply(snapshot));
            return;
        }
        tasks.run(() -> view.apply(snapshot), shown -> {
            if (at == viewGeneration) {
                visible.replace(shown);
            }
        }, failures);
    }

    /** Sorts the table's rows by these keys (the table's sort order), off the FX thread for a large table. */
    public void sortBy(List<SortKey> keys) {
        List<SortKey> copy = List.copyOf(keys);
        if (!copy.equals(sortKeys)) {
            sortKeys = copy;
            refilter();
        }
    }

    /** The order of {@code keys} as the table's columns compare (nulls first, text by the locale's collation). */
    static java.util.Comparator<ComparisonRow> comparator(List<SortKey> keys, String a, String b) {
        java.util.Comparator<ComparisonRow> order = null;
        java.text.Collator collator = java.text.Collator.getInstance();
        for (SortKey key : keys) {
            String column = key.column() == null ? "" : key.column();
            java.util.Comparator<ComparisonRow> one;
            if (column.equals("doc")) {
                one = java.util.Comparator.comparing(ComparisonRow::docId, collator);
            } else if (column.equals("title")) {
                one = java.util.Comparator.comparing(ComparisonRow::title,
                        java.util.Comparator.nullsFirst(collator));
            } else if (column.startsWith("score-")) {
                String v = column.substring("score-".length());
                one = java.util.Comparator.comparing(r -> r.score(v),
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            } else if (column.startsWith("rank-")) {
                String v = column.substring("rank-".length());
                one = java.util.Comparator.comparing(r -> r.rank(v),
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            } else if (column.equals("delta")) {
                one = java.util.Comparator.comparing(r -> r.delta(a, b),
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            } else if (column.equals("move")) {
                one = java.util.Comparator.comparing(r -> r.rankChange(a, b),
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            } else {
                continue;
            }
            one = key.ascending() ? one : one.reversed();
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    private static String summaryText(Comparison comparison, Map<String, Map<String, Double>> scores,
            Map<String, Map<String, Integer>> qrels, String topic, String a, String b, double threshold) {
        if (a == null || b == null || scores.isEmpty()) {
            return "No scores yet";
        }
        Comparison.Summary s = comparison.summary(a, b, threshold);
        String text = String.format(Locale.US, "%s → %s: %d documents, %d flips at %.2f, mean |Δ| %.3f, Kendall τ %s",
                a, b, s.compared(), s.flips(), threshold, Double.isNaN(s.meanAbsDelta()) ? 0 : s.meanAbsDelta(),
                Double.isNaN(s.kendallTau()) ? "n/a" : String.format(Locale.US, "%.3f", s.kendallTau()));
        return text + pMrrText(scores, qrels, topic, a, b);
    }

    /** How many of the scores held are approximate, when any are. */
    private static String approximateText(int approximate, Map<String, Map<String, Double>> scores) {
        if (approximate == 0) {
            return "";
        }
        int all = scores.values().stream().mapToInt(Map::size).sum();
        return String.format(Locale.US, "; %d of %d scores approximate (≈: the server's top-k logprobs lacked "
                + "\"true\" or \"false\", so p is only bounded)", approximate, all);
    }

    /** p-MRR of B against A, when the topic has imported qrels of both variants and some grade changes. */
    private static String pMrrText(Map<String, Map<String, Double>> scores, Map<String, Map<String, Integer>> qrels,
            String topic, String a, String b) {
        Map<String, Integer> og = qrels.get(a);
        Map<String, Integer> changed = qrels.get(b);
        if (og == null || changed == null || a.equals(b) || !scores.containsKey(a) || !scores.containsKey(b)) {
            return "";
        }
        PmrrResult result = Pmrr.compute(Map.of(topic, og), Map.of(topic, changed),
                Map.of(topic, scores.get(a)), Map.of(topic, scores.get(b)));
        return result.isEmpty() ? "" : String.format(Locale.US, ", p-MRR %.3f (%.1f ×100)", result.value(),
                result.percent());
    }

    private void showDocument(ComparisonRow row) {
        if (row == null) {
            selectedTitle.set(NOTHING_SELECTED);
            selectedText.clear();
            return;
        }
        long collection = collectionId;
        Highlighter highlighter = new Highlighter(query, instructions.get(variantA.get()), instructions.get(variantB.get()));
        tasks.run(() -> db.read(c -> new DocumentDao(c).find(collection, row.docId())).orElse(null), (Document d) -> {
            selectedTitle.set(d == null ? row.docId() : row.docId() + (d.title() == null ? "" : " · " + d.title()));
            selectedText.setAll(d == null ? List.of() : highlighter.segments(d.text()));
        }, failures);
    }

    /** Selects the row of a document (a click on the scatter chart). */
    public void select(String docId) {
        rows.stream().filter(r -> r.docId().equals(docId)).findFirst().ifPresent(selected::set);
    }

    /** The executor this comparison's background work goes through: the view's scatter paints its dots there too. */
    public TaskExecutor tasks() {
        return tasks;
    }

    public ObservableList<ComparisonRow> rows() {
        return rows;
    }

    /** The table's rows: the comparison's rows filtered and sorted (see {@link #sortBy}). */
    public ObservableList<ComparisonRow> visibleRows() {
        return visible;
    }

    public ObservableList<String> variants() {
        return variants;
    }

    public StringProperty variantAProperty() {
        return variantA;
    }

    public StringProperty variantBProperty() {
        return variantB;
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public BooleanProperty flippedOnlyProperty() {
        return flippedOnly;
    }

    public IntegerProperty minMoveProperty() {
        return minMove;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Whether the scores are FollowIR's p(true) (coloured on a 0–1 scale), not BM25 scores. */
    public BooleanProperty probabilitiesProperty() {
        return probabilities;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** The scatter's dots of the refresh shown, an immutable list (replaced, never changed). */
    public ReadOnlyObjectProperty<List<Point>> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    public ObjectProperty<ComparisonRow> selectedProperty() {
        return selected;
    }

    public StringProperty selectedTitleProperty() {
        return selectedTitle;
    }

    public ObservableList<Highlighter.Segment> selectedText() {
        return selectedText;
    }
}
