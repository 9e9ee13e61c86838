package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.attribution.Attribution;
import org.relevanceworkbench.attribution.AttributionExport;
import org.relevanceworkbench.attribution.AttributionPlan;
import org.relevanceworkbench.attribution.AttributionRequest;
import org.relevanceworkbench.attribution.AttributionService;
import org.relevanceworkbench.attribution.Clauses;
import org.relevanceworkbench.attribution.Cost;
import org.relevanceworkbench.attribution.DeltaColors;
import org.relevanceworkbench.attribution.DocumentAttribution;
import org.relevanceworkbench.attribution.WordOcclusion;
import org.relevanceworkbench.attribution.Words;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.export.Table;
import org.relevanceworkbench.formats.AtomicFile;
import org.relevanceworkbench.formats.PngFile;
import org.relevanceworkbench.rerank.Bm25Scorer;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * The Attribution tab: which clauses of the selected variant's instruction move each candidate's score, with the
 * window's scorer, as the {@code attribute} command computes it. It follows the window's topic and selected variant;
 * shows the clause split, which the user can edit (join two neighbours, split one before a word, reset to the
 * automatic split); says what a run costs before it runs (pairs, how many the score cache has, the ETA at the rate
 * this scorer managed here last); runs in the background holding the scorer as a run does, with progress and
 * Cancel; and then holds the heat map (sortable), the preview of a clicked cell's document with that clause struck
 * through, one document's word occlusion, what-if variants and the exports (table and lines as CSV or JSON Lines, the
 * heat map as PNG). No controls here: {@link AttributionView} binds to these properties.
 */
public final class AttributionViewModel {
    /** A clause of the instruction in the preview, struck through when the prompt of the clicked cell left it out. */
    public record InstructionPart(String text, boolean struck) {
    }

    /**
     * A word of the instruction in the occlusion view, coloured by Δp on {@link DeltaColors}' scale.
     *
     * @param color   {@code #rrggbb}
     * @param dark    whether the colour is dark enough to want white text
     */
    public record WordCell(int index, String word, double delta, String color, boolean dark, String tooltip) {
    }

    private final Database db;
    private final TaskExecutor tasks;
    private final ScoringViewModel scoring;
    private final VariantsEditorViewModel editor;
    private final Consumer<Throwable> failures;
    private final AttributionService service;

    private Collection collection;
    private Topic topic;
    private Variant variant;
    private String sourceKey;
    /** Bumps when what a result would show changes: the topic, the variant, its text, the clauses. */
    private long version;
    /** Bumps at every plan, so only the last plan's answer is shown. */
    private long planVersion;
    private boolean stale = true;
    private AttributionPlan plan;
    private CancellationToken cancel = new CancellationToken();
    private String resultScorer = "";
    private String plannedCandidates;

    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<Clauses> clauses = new SimpleObjectProperty<>();
    private final BooleanProperty edited = new SimpleBooleanProperty();
    private final BooleanProperty clauseAlone = new SimpleBooleanProperty();
    private final StringProperty candidates = new SimpleStringProperty("");
    private final StringProperty cost = new SimpleStringProperty("");
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final ObjectProperty<Attribution> result = new SimpleObjectProperty<>();
    private final ObjectProperty<AttributionHeatMap> heatMap = new SimpleObjectProperty<>();
    private final StringProperty selectedDoc = new SimpleStringProperty();
    private final IntegerProperty selectedColumn = new SimpleIntegerProperty(-1);
    private final StringProperty previewTitle = new SimpleStringProperty("");
    private final StringProperty previewScores = new SimpleStringProperty("");
    private final StringProperty previewText = new SimpleStringProperty("");
    private final ObservableList<InstructionPart> previewInstruction = FXCollections.observableArrayList();
    private final ObjectProperty<WordOcclusion> occlusion = new SimpleObjectProperty<>();
    private final ObservableList<WordCell> words = FXCollections.observableArrayList();
    private final ObservableList<String> rankedWords = FXCollections.observableArrayList();
    private final StringProperty wordsStatus = new SimpleStringProperty("");
    private final BooleanProperty wordsAvailable = new SimpleBooleanProperty();
    private final DoubleProperty wordsRange = new SimpleDoubleProperty(1);

    public AttributionViewModel(Database db, TaskExecutor tasks, ScoringViewModel scoring, VariantsEditorViewModel editor,
            Consumer<Throwable> failures) {
        this.db = db;
        this.tasks = tasks;
        this.scoring = scoring;
        this.editor = editor;
        this.failures = failures;
        this.service = new AttributionService(db);
        editor.topicProperty().addListener((obs, old, now) -> sourceChanged());
        editor.selectedProperty().addListener((obs, old, now) -> sourceChanged());
        scoring.scorerProperty().addListener((obs, old, now) -> replan());
        scoring.useBm25Property().addListener((obs, old, now) -> replan());
        scoring.runningProperty().addListener((obs, was, is) -> {
            if (!is) {
                replan(); // a run or a job just ended: the score cache, and so the cost, changed
            }
        });
        clauseAlone.addListener((obs, old, now) -> replan());
        active.addListener((obs, was, is) -> {
            if (is && stale) {
                replan();
            }
        });
        sourceChanged();
    }

    /** The topic or the selected variant changed: a new instruction starts from its automatic split. */
    private void sourceChanged() {
        Topic t = editor.topicProperty().get();
        VariantsEditorViewModel.Item item = editor.selectedProperty().get();
        Collection c = editor.collection();
        Variant v = t == null || item == null || c == null ? null : t.variant(item.name()).orElse(null);
        String key = v == null ? null : c.id() + "\u0000" + t.topicId() + "\u0000" + t.query() + "\u0000" + v.name()
                + "\u0000" + v.instruction();
        topic = t;
        if (Objects.equals(key, sourceKey)) {
            return; // the same instruction (a variant was added beside it): keep the split and the result
        }
        sourceKey = key;
        collection = v == null ? null : c;
        variant = v;
        String instruction = v == null || v.instruction() == null ? "" : v.instruction();
        clauses.set(v == null ? null : Clauses.of(instruction));
        edited.set(false);
        title.set(v == null ? "Choose a topic and a variant to attribute" : "Variant '" + v.name() + "' of topic "
                + t.topicId());
        int count = Words.of(instruction).size();
        wordsAvailable.set(v != null && count > 0 && count <= AttributionService.MAX_WORDS);
        clearResult();
        status.set("");
        wordsStatus.set(v == null || count <= AttributionService.MAX_WORDS ? ""
                : "Word occlusion takes instructions of up to " + AttributionService.MAX_WORDS + " words; this one has "
                        + count);
        replan();
    }

    private void clearResult() {
        version++;
        result.set(null);
        heatMap.set(null);
        clearSelection();
    }

    private void clearSelection() {
        selectedDoc.set(null);
        selectedColumn.set(-1);
        previewTitle.set("");
        previewScores.set("");
        previewText.set("");
        previewInstruction.clear();
        clearWords();
    }

    private void clearWords() {
        occlusion.set(null);
        words.clear();
        rankedWords.clear();
    }

    /** The request the tab's settings make; a bad candidate spec is a one-line {@link UserException}. */
    AttributionRequest request() {
        String spec = candidates.get() == null || candidates.get().isBlank() ? scoring.candidatesProperty().get()
                : candidates.get();
        return AttributionRequest.of(collection.name(), topic.topicId(), variant.name(), CandidateSpec.parse(spec))
                .withClauses(clauses.get()).withClauseAlone(clauseAlone.get());
    }

    /** The candidates a run takes: the tab's own spec, else the window's. */
    public String candidatesInUse() {
        return candidates.get() == null || candidates.get().isBlank() ? scoring.candidatesProperty().get()
                : candidates.get().strip();
    }

    /** The candidate field was left or Enter pressed: plans again if its spec changed. */
    public void commitCandidates() {
        if (!Objects.equals(candidatesInUse(), plannedCandidates)) {
            replan();
        }
    }

    /** Checks the settings and says what running them costs, in the background; only the last answer counts. */
    public void replan() {
        long mine = ++planVersion;
        plannedCandidates = variant == null ? null : candidatesInUse();
        plan = null;
        ready.set(false);
        if (variant == null) {
            cost.set("");
            return;
        }
        if (!active.get()) {
            stale = true; // planned when the tab is shown
            return;
        }
        stale = false;
        if (running.get()) {
            return;
        }
        AttributionRequest request;
        Scorer scorer = scoring.scorerFor(collection);
        try {
            request = request();
        } catch (UserException e) {
            cost.set(e.getMessage());
            return;
        }
        cost.set("Counting the pairs…");
        double rate = scoring.pairsPerSecond(scorer);
        tasks.run(() -> {
            AttributionPlan p = service.plan(request);
            return new Planned(p, service.cost(p, scorer));
        }, planned -> {
            if (mine != planVersion) {
                return;
            }
            plan = planned.plan();
            ready.set(true);
            cost.set(costText(planned.plan(), planned.cost(), scorer, rate));
        }, f -> {
            if (mine != planVersion) {
                return;
            }
            cost.set(WorkbenchViewModel.message(f));
            if (!(f instanceof UserException)) {
                failures.accept(f);
            }
        });
    }

    private record Planned(AttributionPlan plan, Cost cost) {
    }

    static String costText(AttributionPlan p, Cost c, Scorer scorer, double rate) {
        int n = p.clauses().size();
        String what = String.format(Locale.US, "%d %s × %d candidates (%s)", n, n == 1 ? "clause" : "clauses",
                p.candidates().size(), scorer instanceof Bm25Scorer ? "BM25 baseline" : scorer.describe());
        String eta = c.describe(rate);
        if (Double.isNaN(rate) && c.toScore() > 0) {
            eta += scorer instanceof Bm25Scorer ? ", in moments (BM25)" : "; the ETA shows once this scorer has run";
        }
        String notes = p.notes().isEmpty() ? "" : " · note: " + String.join("; ", p.notes());
        return what + ": " + eta + notes;
    }

    /** Runs the attribution with the window's scorer. */
    public void run() {
        if (running.get()) {
            return;
        }
        AttributionPlan p = plan;
        if (p == null) {
            status.set(variant == null ? "Choose a topic and a variant to attribute"
                    : cost.get().isEmpty() ? "Nothing to run yet" : cost.get());
            return;
        }
        Scorer scorer = scoring.scorerFor(collection);
        CancellationToken token = scoring.claim("Attributing variant '" + variant.name() + "' of topic "
                + topic.topicId() + "…");
        if (token == null) {
            status.set("A run is going on: attribute once it ends");
            return;
        }
        cancel = token;
        running.set(true);
        progress.set(0);
        status.set("Starting…");
        long mine = version;
        boolean probabilities = !(scorer instanceof Bm25Scorer);
        String scorerText = scorer.describe();
        long started = System.nanoTime();
        tasks.run(() -> service.run(p, scorer, listener(started, "attributing", status), token), a -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.set(1);
            String done = String.format(Locale.US, "Done: %,d pairs (%,d from the cache, %,d scored) in %.1f s",
                    a.cost().pairs(), a.cost().cached(), a.scored(), seconds);
            scoring.recordRate(scorer, a.scored(), seconds);
            if (mine != version) {
                status.set(done + "; the variant changed meanwhile: Run shows the new one (the scores are cached)");
            } else {
                result.set(a);
                resultScorer = scorerText;
                heatMap.set(AttributionHeatMap.of(a, probabilities));
                clearSelection();
                status.set(done + ". Click a cell for its document; click a header to sort.");
            }
            running.set(false); // last: whoever sees the run ended sees its result and its status too
            scoring.release("Attributed variant '" + a.variant() + "' of topic " + a.topicId() + ": " + done);
        }, f -> ended(f, "Attribution"));
    }

    private AttributionService.Listener listener(long started, String what, StringProperty shown) {
        long[] lastShown = {0};
        return new AttributionService.Listener() {
            @Override
            public void progress(int done, int total) {
                long now = System.nanoTime();
                if (now - lastShown[0] < 100_000_000L && done < total) {
                    return; // at most ten updates a second reach the FX thread
                }
                lastShown[0] = now;
                String text = progressText(what, done, total, started);
                double fraction = total == 0 ? 1 : (double) done / total;
                tasks.onUi(() -> {
                    if (!running.get()) {
                        return; // the last batch's progress can arrive from the writer thread after "Done"
                    }
                    shown.set(text);
                    progress.set(fraction);
                    scoring.jobProgress(text, fraction);
                });
            }
        };
    }

    static String progressText(String what, int done, int total, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return String.format(Locale.US, "%s%s: %,d / %,d pairs%s", Character.toUpperCase(what.charAt(0)),
                what.substring(1), done, total, seconds > 1 && done < total ? String.format(Locale.US, " · %.0f s",
                        seconds) : "");
    }

    private void ended(Throwable f, String what) {
        running.set(false);
        if (f instanceof CancelledException) {
            status.set("Cancelled: every finished batch stays in the score cache, so running again resumes");
            scoring.release(what + " cancelled");
        } else {
            status.set(WorkbenchViewModel.message(f));
            scoring.release(what + " failed");
            if (!(f instanceof UserException)) {
                failures.accept(f);
            }
        }
    }

    /** Cancels the attribution or word occlusion after its current batch. */
    public void cancel() {
        cancel.cancel();
    }

    // The clause split.

    private void edit(Clauses next) {
        clauses.set(next);
        edited.set(variant != null && !next.equals(Clauses.of(variant.instruction())));
        clearResult();
        status.set("Clauses changed: Attribute ▶ runs them");
        replan();
    }

    /** Joins clause {@code index} (0-based) with the next one. */
    public void joinWithNext(int index) {
        Clauses c = clauses.get();
        if (c != null && !running.get() && index >= 0 && index + 1 < c.size()) {
            edit(c.joinWithNext(index));
        }
    }

    /** Splits clause {@code index} before its word {@code word} (0-based, 1 to its word count − 1). */
    public void splitAt(int index, int word) {
        Clauses c = clauses.get();
        if (c != null && !running.get() && index >= 0 && index < c.size() && word >= 1
                && word < Words.of(c.get(index)).size()) {
            edit(c.splitAt(index, word));
        }
    }

    /** Back to the automatic split. */
    public void resetClauses() {
        if (variant != null && !running.get() && edited.get()) {
            edit(Clauses.of(variant.instruction()));
        }
    }

    // The heat map.

    /** Sorts the rows by a column (a header click: again reverses), {@link AttributionHeatMap#P_FULL} or DOCUMENT. */
    public void sortBy(int column) {
        AttributionHeatMap map = heatMap.get();
        if (map != null) {
            heatMap.set(map.toggled(column));
        }
    }

    /** Selects a cell (column -1: the document only): the preview shows it, with the cell's clause struck through. */
    public void select(String docId, int column) {
        AttributionHeatMap map = heatMap.get();
        Attribution a = result.get();
        int row = map == null || docId == null ? -1 : map.rowOf(docId);
        if (row < 0) {
            clearSelection();
            return;
        }
        int col = column < map.columnCount() ? column : -1;
        if (!docId.equals(selectedDoc.get())) {
            clearWords();
            wordsStatus.set(wordsAvailable.get() ? "" : wordsStatus.get());
        }
        selectedDoc.set(docId);
        selectedColumn.set(col);
        DocumentAttribution d = map.row(row);
        previewTitle.set(d.docId() + (d.title() == null || d.title().isBlank() ? "" : " · " + d.title()));
        List<InstructionPart> parts = new ArrayList<>();
        AttributionHeatMap.Column c = col < 0 ? null : map.column(col);
        for (int k = 0; k < a.clauses().size(); k++) {
            boolean struck = c != null && switch (c.kind()) {
                case WITHOUT -> c.clause() == k;
                case QUERY_ALONE -> true;
                case ALONE -> c.clause() != k;
            };
            parts.add(new InstructionPart(a.clauses().get(k), struck));
        }
        previewInstruction.setAll(parts);
        String p = map.probabilities() ? "p" : "BM25";
        previewScores.set(c == null ? String.format(Locale.US, "%s_full %s with the whole instruction", p,
                map.pFullText(row)) : String.format(Locale.US, "%s: %s_full %s → %s · Δ%s %s", c.name(), p,
                        map.pFullText(row), number(map.scored(row, col), map.probabilities()),
                        map.probabilities() ? "p" : "", signed(map.delta(row, col), map.probabilities())));
        long collectionId = collection.id();
        long mine = version;
        tasks.run(() -> db.read(conn -> new DocumentDao(conn).find(collectionId, docId)).orElse(null), (Document doc) -> {
            if (mine == version && docId.equals(selectedDoc.get())) {
                previewText.set(doc == null ? "" : doc.text());
            }
        }, failures);
    }

    private static String number(double v, boolean probabilities) {
        return String.format(Locale.US, probabilities ? "%.4f" : "%.3f", v);
    }

    private static String signed(double v, boolean probabilities) {
        return String.format(Locale.US, probabilities ? "%+.4f" : "%+.3f", v);
    }

    // Word occlusion.

    /**
     * Rescores the selected document with each word of the instruction left out, in the background: the words are
     * coloured by Δp and ranked by |Δp|. Only that document is scored (2 + one per word pairs, less what is cached).
     */
    public void occludeWords() {
        String docId = selectedDoc.get();
        if (variant == null || docId == null) {
            wordsStatus.set("Click a cell of the heat map first: word occlusion is per document");
            return;
        }
        if (running.get()) {
            return;
        }
        AttributionRequest request;
        try {
            request = request().withWords(docId);
        } catch (UserException e) {
            wordsStatus.set(e.getMessage());
            return;
        }
        Scorer scorer = scoring.scorerFor(collection);
        CancellationToken token = scoring.claim("Word occlusion of " + docId + "…");
        if (token == null) {
            wordsStatus.set("A run is going on: occlude once it ends");
            return;
        }
        cancel = token;
        running.set(true);
        progress.set(0);
        wordsStatus.set("Scoring " + docId + " without each word…");
        long mine = version;
        boolean probabilities = !(scorer instanceof Bm25Scorer);
        long started = System.nanoTime();
        tasks.run(() -> {
            AttributionPlan checked = service.plan(request); // the checks: up to 80 words, the document exists
            AttributionPlan one = new AttributionPlan(checked.collection(), checked.topic(), checked.variant(),
                    checked.clauses(), List.of(checked.wordsDocument()), false, false, checked.wordsDocument(),
                    checked.words(), List.of());
            return service.run(one, scorer, listener(started, "occluding words", wordsStatus), token);
        }, a -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.set(1);
            scoring.recordRate(scorer, a.scored(), seconds);
            String done = String.format(Locale.US, "%d words of %s · %,d pairs (%,d cached) in %.1f s",
                    a.words().words().size(), docId, a.cost().pairs(), a.cost().cached(), seconds);
            if (mine == version && docId.equals(selectedDoc.get())) {
                showWords(a.words(), probabilities);
                wordsStatus.set(done + " · colours ±" + trim(wordsRange.get()));
            } else {
                wordsStatus.set(done + "; the selection changed meanwhile");
            }
            running.set(false); // last, as for the clauses' run
            scoring.release(String.format(Locale.US, "Word occlusion of %s: %,d pairs (%,d from the cache) in %.1f s",
                    docId, a.cost().pairs(), a.cost().cached(), seconds));
        }, f -> {
            ended(f, "Word occlusion");
            wordsStatus.set(status.get());
        });
    }

    private void showWords(WordOcclusion w, boolean probabilities) {
        occlusion.set(w);
        double largest = w.words().stream().mapToDouble(x -> Math.abs(x.delta(w.pFull()))).max().orElse(0);
        double range = probabilities ? Math.min(1, AttributionHeatMap.niceRange(largest))
                : AttributionHeatMap.niceRange(largest);
        wordsRange.set(range);
        List<WordCell> cells = new ArrayList<>();
        String p = probabilities ? "p" : "BM25";
        for (WordOcclusion.Word word : w.words()) {
            double delta = word.delta(w.pFull());
            int rgb = DeltaColors.rgb(delta, range);
            cells.add(new WordCell(word.index(), word.word(), delta, DeltaColors.hex(delta, range),
                    HeatMapView.dark(rgb), String.format(Locale.US, "word %d “%s”: Δ%s %s (%s_full %s → %s_without %s)",
                            word.index(), word.word(), probabilities ? "p" : "", signed(delta, probabilities), p,
                            number(w.pFull(), probabilities), p, number(word.pWithout(), probabilities))));
        }
        words.setAll(cells);
        List<String> ranked = new ArrayList<>();
        int n = 1;
        for (WordOcclusion.Word word : w.ranked()) {
            ranked.add(String.format(Locale.US, "%2d.  %s  %s  (word %d)", n++, signed(word.delta(w.pFull()),
                    probabilities), word.word(), word.index()));
        }
        rankedWords.setAll(ranked);
    }

    private static String trim(double v) {
        String s = String.format(Locale.US, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    // What-if variants.

    /** A free name for a what-if variant: {@code changed-without-2}, {@code changed-only-2}, then -2, -3 … */
    public String defaultVariantName(int clause, boolean alone) {
        if (variant == null) {
            return "";
        }
        String stem = variant.name() + (alone ? "-only-" : "-without-") + (clause + 1);
        List<String> taken = topic.variants().stream().map(Variant::name).toList();
        if (!taken.contains(stem)) {
            return stem;
        }
        for (int n = 2; ; n++) {
            if (!taken.contains(stem + "-" + n)) {
                return stem + "-" + n;
            }
        }
    }

    /**
     * Stores "without clause K" (or "clause K alone") of the current split as a new variant of the topic, named
     * {@code name}; the variants editor and the comparison then list it, and it runs, judges and exports like any
     * other. A taken or blank name is a one-line message.
     */
    public void makeVariant(int clause, boolean alone, String name) {
        if (variant == null || name == null) {
            return;
        }
        Collection c = collection;
        String topicId = topic.topicId();
        String from = variant.name();
        Clauses cut = clauses.get();
        tasks.run(() -> {
            Variant made = service.whatIf(c.name(), topicId, from, cut, clause, alone, name);
            Topic stored = db.read(conn -> new TopicDao(conn).find(c.id(), topicId)).orElseThrow();
            return new Made(made, stored);
        }, made -> {
            if (editor.topicProperty().get() != null && editor.topicProperty().get().topicId().equals(topicId)
                    && editor.collection() != null && editor.collection().id() == c.id()) {
                editor.open(c, made.topic()); // the editor keeps its selection: this tab keeps its heat map
            }
            status.set("Made variant '" + made.variant().name() + "': " + AttributionService.rowName(clause, alone)
                    + " of '" + from + "'; it compares, judges and exports like any other variant");
        }, f -> {
            status.set(WorkbenchViewModel.message(f));
            if (!(f instanceof UserException)) {
                failures.accept(f);
            }
        });
    }

    private record Made(Variant variant, Topic topic) {
    }

    // Exports.

    /** The format a file's name asks for: {@code .jsonl} (or {@code .json}) for JSON Lines, else CSV. */
    static Table.Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".json") ? Table.Format.jsonl : Table.Format.csv;
    }

    /** A file name for an export: {@code attribution-104-changed-table.csv}. */
    public String suggestedName(String what, String extension) {
        Attribution a = result.get();
        String stem = a == null ? "attribution" : "attribution-" + a.topicId() + "-" + a.variant();
        return stem.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + what + "." + extension;
    }

    /** The attribution table (a row per document, a Δ column per clause, the clauses first, the summary last). */
    public void exportTable(Path file) {
        Attribution a = result.get();
        if (a == null) {
            status.set("Run the attribution first");
            return;
        }
        Table.Format format = formatOf(file);
        write(file, "the table", () -> AtomicFile.write(file, w -> AttributionExport.table(a).write(format, w)));
    }

    /** The lines (one per document and clause, and the query alone), with the shown word occlusion when there is one. */
    public void exportLines(Path file) {
        Attribution a = result.get();
        if (a == null) {
            status.set("Run the attribution first");
            return;
        }
        WordOcclusion w = occlusion.get();
        Attribution withWords = w == null ? a : new Attribution(a.collection(), a.topicId(), a.variant(), a.query(),
                a.instruction(), a.clauses(), a.leaveOneOut(), a.clauseAlone(), a.documents(), a.summaries(),
                a.queryAlone(), w, a.cost());
        Table.Format format = formatOf(file);
        write(file, AttributionExport.lineCount(withWords) + " lines",
                () -> AtomicFile.write(file, out -> AttributionExport.writeLines(withWords, format, out)));
    }

    /** The heat map's figure (rendered by the view) as a PNG. */
    public void exportPng(Path file, int width, int height, int[] argb) {
        write(file, String.format(Locale.US, "the heat map (%d × %d pixels)", width, height),
                () -> PngFile.write(file, width, height, argb));
    }

    @FunctionalInterface
    private interface Writing {
        void run() throws Exception;
    }

    private void write(Path file, String what, Writing writing) {
        status.set("Writing " + file.getFileName() + "…");
        tasks.run(() -> {
            writing.run();
            return file;
        }, done -> status.set("Wrote " + what + " to " + done), f -> {
            status.set("Cannot write " + file + ": " + WorkbenchViewModel.message(f));
            if (!(f instanceof UserException) && !(f instanceof java.io.IOException)) {
                failures.accept(f);
            }
        });
    }

    /** The heat map figure's title: collection, topic, variant and size. */
    public String figureTitle() {
        Attribution a = result.get();
        if (a == null) {
            return "";
        }
        return String.format(Locale.US, "%s · topic %s · variant '%s' · %d documents × %d %s", a.collection(),
                a.topicId(), a.variant(), a.documents().size(), a.clauses().size(),
                a.clauses().size() == 1 ? "clause" : "clauses");
    }

    /** The figure's second line: the query and the scorer. */
    public String figureSubtitle() {
        Attribution a = result.get();
        return a == null ? "" : "Query: " + a.query() + " · scored with " + resultScorer;
    }

    // Properties.

    /** Which variant of which topic the tab attributes, in one line. */
    public StringProperty titleProperty() {
        return title;
    }

    /** The current split of the instruction (null without a variant). */
    public ObjectProperty<Clauses> clausesProperty() {
        return clauses;
    }

    /** Whether the split differs from the automatic one. */
    public BooleanProperty editedProperty() {
        return edited;
    }

    /** Also score the query with each clause alone. */
    public BooleanProperty clauseAloneProperty() {
        return clauseAlone;
    }

    /** The tab's candidate spec; empty for the window's. */
    public StringProperty candidatesProperty() {
        return candidates;
    }

    /** What a run costs now: pairs, in the cache, to score, the ETA; or why it cannot run. */
    public StringProperty costProperty() {
        return cost;
    }

    /** Whether the settings make a checked plan (Run can start). */
    public BooleanProperty readyProperty() {
        return ready;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** An attribution or a word occlusion is going on. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** Whether the tab is shown: plans (which search and read the cache) wait until it is. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ObjectProperty<Attribution> resultProperty() {
        return result;
    }

    public ObjectProperty<AttributionHeatMap> heatMapProperty() {
        return heatMap;
    }

    public StringProperty selectedDocProperty() {
        return selectedDoc;
    }

    /** The selected cell's column; -1 for none (the document only). */
    public IntegerProperty selectedColumnProperty() {
        return selectedColumn;
    }

    public StringProperty previewTitleProperty() {
        return previewTitle;
    }

    /** The selected cell's scores: "without clause 2: p_full 0.6334 → 0.0220 · Δp −0.6114". */
    public StringProperty previewScoresProperty() {
        return previewScores;
    }

    public StringProperty previewTextProperty() {
        return previewText;
    }

    /** The attributed clauses, the one the selected cell left out struck through. */
    public ObservableList<InstructionPart> previewInstruction() {
        return previewInstruction;
    }

    public ObjectProperty<WordOcclusion> occlusionProperty() {
        return occlusion;
    }

    /** The instruction's words in order, coloured by Δp (after a word occlusion). */
    public ObservableList<WordCell> words() {
        return words;
    }

    /** The words by |Δp|, most first. */
    public ObservableList<String> rankedWords() {
        return rankedWords;
    }

    public StringProperty wordsStatusProperty() {
        return wordsStatus;
    }

    /** Whether the instruction is short enough for word occlusion (1 to 80 words). */
    public BooleanProperty wordsAvailableProperty() {
        return wordsAvailable;
    }

    /** The half-width of the words' colour scale. */
    public DoubleProperty wordsRangeProperty() {
        return wordsRange;
    }
}
