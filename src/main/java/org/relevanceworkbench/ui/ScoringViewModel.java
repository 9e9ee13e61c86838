package org.relevanceworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.remote.RemoteScorer;
import org.relevanceworkbench.remote.ServerStatus;
import org.relevanceworkbench.rerank.Bm25Scorer;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RerankService;
import org.relevanceworkbench.rerank.VariantResult;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;

/**
 * The scorer and the runs: FollowIR-7B from a model folder (loaded in the background, with
 * progress) or on inference servers (connected by {@link ServerConnectViewModel}), whichever was
 * chosen last (the other is closed), or BM25 as an instruction-blind baseline when there is
 * neither; and a run scoring every candidate of a topic under every variant, streaming each batch
 * to the comparison, with pairs done, documents/s and ETA, and Cancel. One run at a time: the
 * model is one resource. Notes of the servers (one left out of the pool, say) show as the run's
 * status, and {@link #scorerDetailsProperty} lists each server's counts.
 */
public final class ScoringViewModel {
    public static final String NO_MODEL = "No FollowIR model: scoring with BM25 (query + instruction words), an "
            + "instruction-blind baseline. Get FollowIR-7B with Model ▸ Download… (or pick one you have with Model ▸"
            + " Choose model…), or score on a vLLM, SGLang or llama.cpp server (Model ▸ Connect to server…).";
    public static final String BM25_CHOSEN = "Scoring with BM25 (query + instruction words), an instruction-blind "
            + "baseline: scores are BM25, not probabilities.";

    private final Database db;
    private final TaskExecutor tasks;
    private final Consumer<Throwable> failures;
    /** The FollowIR scorer, local or on servers; null when there is none (BM25 then). */
    private final ObjectProperty<Scorer> scorer = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<FollowIrScorer> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> loadedFolder = new ReadOnlyObjectWrapper<>();
    private final StringProperty scorerDetails = new SimpleStringProperty("");
    private final StringProperty modelStatus = new SimpleStringProperty("No model loaded");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final DoubleProperty loadProgress = new SimpleDoubleProperty();
    private final BooleanProperty useBm25 = new SimpleBooleanProperty();
    private final StringProperty banner = new SimpleStringProperty(NO_MODEL);
    private final StringProperty candidates = new SimpleStringProperty("bm25:100");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty runStatus = new SimpleStringProperty("");
    private final DoubleProperty runProgress = new SimpleDoubleProperty();
    private CancellationToken cancel = new CancellationToken();
    private CancellationToken loadCancel = new CancellationToken();
    private Progress progress; // the current or last run's
    /** Pairs per second each scorer managed in its last run or job here, for ETAs before the next one. */
    private final Map<org.relevanceworkbench.scoring.Provenance, Double> rates =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ScoringViewModel(Database db, TaskExecutor tasks, Consumer<Throwable> failures) {
        this.db = db;
        this.tasks = tasks;
        this.failures = failures;
        useBm25.addListener((obs, old, now) -> updateBanner());
        scorer.addListener((obs, old, now) -> {
            model.set(now instanceof FollowIrScorer local ? local : null);
            updateBanner();
            refreshServers();
        });
    }

    private void updateBanner() {
        banner.set(scorer.get() == null ? NO_MODEL : useBm25.get() ? BM25_CHOSEN : "");
    }

    /** Makes {@code next} the scorer and closes the one it replaces (a model or a server connection). */
    private void replace(Scorer next) {
        Scorer previous = scorer.get();
        scorer.set(next);
        if (previous != null && previous != next) {
            previous.close();
        }
        useBm25.set(false);
        modelStatus.set(next.describe());
    }

    /** Loads a model folder in the background; the previous model is closed once the new one is ready. */
    public void loadModel(Path folder, ScorerOptions options) {
        if (running.get() || loading.get()) {
            return;
        }
        loading.set(true);
        loadProgress.set(0);
        modelStatus.set("Loading " + folder.getFileName() + "…");
        CancellationToken token = new CancellationToken();
        loadCancel = token;
        tasks.run(() -> FollowIrScorer.load(folder, options, (read, total) -> {
            token.throwIfCancelled(); // between tensors: what was read is freed by the loader
            tasks.onUi(() -> loadProgress.set(total == 0 ? 1 : (double) read / total));
        }), loaded -> {
                    loading.set(false);
                    if (token.isCancelled()) { // a server was connected meanwhile: the last choice wins
                        loaded.close();
                        modelStatus.set("Model loading cancelled · " + currentText());
                        return;
                    }
                    replace(loaded);
                    loadedFolder.set(folder);
                }, failure -> {
                    loading.set(false);
                    String current = currentText();
                    if (failure instanceof CancelledException) {
                        modelStatus.set("Model loading cancelled · " + current);
                    } else {
                        modelStatus.set(current);
                        failures.accept(failure);
                    }
                });
    }

    private String currentText() {
        return scorer.get() == null ? "No model loaded" : scorer.get().describe();
    }

    /**
     * Makes a connected server pool the scorer, replacing (and closing) a loaded model or an earlier
     * connection; a model load still going on is cancelled. {@code notes} (what connecting found:
     * a server left out, plain http) show as the run status, in one line. Refused while a run goes
     * on: then the connection is closed and this returns false.
     */
    public boolean useServer(RemoteScorer remote, List<String> notes) {
        if (running.get()) {
            remote.close();
            return false;
        }
        loadCancel.cancel();
        replace(remote);
        if (!notes.isEmpty()) {
            runStatus.set(oneLine(String.join("; ", notes)));
        }
        return true;
    }

    /**
     * Where a server connection sends its notes from any thread, for as long as it lives: to
     * {@link #note} on the UI thread.
     */
    public Consumer<String> notes() {
        return text -> tasks.onUi(() -> note(text));
    }

    /** Shows a server's note in one line: after the progress while a run goes on, else as the run status. */
    public void note(String text) {
        String line = oneLine(text);
        Progress p = progress;
        if (running.get() && p != null) {
            p.note(line);
            runStatus.set(p.doneText());
        } else {
            runStatus.set(line);
        }
        refreshServers();
    }

    private static String oneLine(String text) {
        return String.join(" ", text.strip().lines().map(String::strip).toList());
    }

    /**
     * Refreshes the status text (servers taken out change it) and the per-server counts; called as
     * a run's progress updates.
     */
    private void refreshServers() {
        Scorer current = scorer.get();
        scorerDetails.set(details(current));
        if (current instanceof RemoteScorer && !loading.get()) {
            modelStatus.set(current.describe());
        }
    }

    /** One line per server: state, requests, prompts, failures, in flight of its limit, last problem. */
    static String details(Scorer scorer) {
        if (!(scorer instanceof RemoteScorer remote)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (ServerStatus s : remote.status()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(String.format(Locale.US, "%s · %s · %,d requests · %,d prompts · %,d failures · in flight %d/%d",
                    s.url(), s.active() ? "active" : "taken out", s.requests(), s.prompts(), s.failures(),
                    s.inFlight(), s.limit()));
            if (s.lastProblem() != null) {
                out.append(" · last problem: ").append(oneLine(s.lastProblem()));
            }
        }
        return out.toString();
    }

    /** Whether a model folder looks usable before trying to load it. */
    public static boolean looksLikeModel(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve("config.json"));
    }

    /**
     * Scores the topic's candidates under every variant, streaming scores to {@code comparison}.
     * Runs are stored as SCORER-VARIANT: followir-VARIANT for FollowIR wherever it runs (the
     * judging screen's suggestions read these), bm25-VARIANT for the baseline.
     */
    public void run(Collection collection, String topicId, List<String> variants, ComparisonViewModel comparison) {
        if (running.get() || loading.get()) {
            return;
        }
        CandidateSpec spec;
        try {
            spec = CandidateSpec.parse(candidates.get());
        } catch (RuntimeException e) {
            failures.accept(e);
            return;
        }
        Scorer chosen = scorerFor(collection);
        String prefix = RunName.prefix(chosen.scorerName());
        comparison.probabilitiesProperty().set(!(chosen instanceof Bm25Scorer));
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        running.set(true);
        runProgress.set(0);
        runStatus.set("Starting…");
        Progress progress = new Progress(variants);
        this.progress = progress;
        tasks.run(() -> new RerankService(db).rerank(collection.name(), topicId, variants, spec, chosen, prefix, true,
                new RerankService.Listener() {
                    @Override
                    public void progress(String variant, int done, int total) {
                        String text = progress.update(variant, done, total);
                        double fraction = progress.fraction();
                        tasks.onUi(() -> {
                            runStatus.set(text);
                            runProgress.set(fraction);
                            refreshServers();
                        });
                    }

                    @Override
                    public void scored(String variant, List<CachedScore> scores) {
                        Map<String, String> titles = titles(collection, scores);
                        tasks.onUi(() -> comparison.addScores(variant, scores, titles));
                    }
                }, token), (List<VariantResult> results) -> {
                    running.set(false);
                    runProgress.set(1);
                    recordRate(chosen, results.stream().mapToInt(VariantResult::scored).sum(), progress.seconds());
                    runStatus.set(progress.finished(results));
                    refreshServers();
                }, failure -> {
                    running.set(false);
                    refreshServers();
                    if (failure instanceof CancelledException) {
                        runStatus.set("Cancelled: " + progress.doneText() + "; what finished stays");
                    } else {
                        runStatus.set("Run failed");
                        failures.accept(failure);
                    }
                });
    }

    /** The scorer a run uses now: FollowIR-7B (here or on servers), or BM25 when there is none or it is chosen. */
    public Scorer scorerFor(Collection collection) {
        return scorer.get() == null || useBm25.get() ? new Bm25Scorer(db, collection) : scorer.get();
    }

    /**
     * Takes the scorer for a job of its own (an evaluation of a whole collection): null while a run or a model load
     * is going, else the job's cancel token, which Cancel (Esc) sets too. The job reports through
     * {@link #jobProgress} and ends with {@link #release}.
     */
    public CancellationToken claim(String status) {
        if (running.get() || loading.get()) {
            return null;
        }
        cancel = new CancellationToken();
        running.set(true);
        runProgress.set(0);
        runStatus.set(status);
        return cancel;
    }

    /**
     * Remembers how fast a scorer went (pairs it computed, not cache hits, over the seconds it took), so the next job
     * on it can say how long it will take. Fewer than 4 pairs say too little to remember.
     */
    public void recordRate(Scorer scorer, int scored, double seconds) {
        if (scorer != null && scored >= 4 && seconds > 0) {
            rates.put(scorer.provenance(), scored / seconds);
        }
    }

    /** Pairs per second the scorer managed last time here; NaN before its first run. */
    public double pairsPerSecond(Scorer scorer) {
        Double rate = scorer == null ? null : rates.get(scorer.provenance());
        return rate == null ? Double.NaN : rate;
    }

    /** A claimed job's progress, in the status bar as a run's. */
    public void jobProgress(String status, double fraction) {
        runStatus.set(status);
        runProgress.set(fraction);
        refreshServers();
    }

    /** Ends a claimed job. */
    public void release(String status) {
        running.set(false);
        runStatus.set(status);
        refreshServers();
    }

    private Map<String, String> titles(Collection collection, List<CachedScore> scores) {
        return db.read(c -> {
            Map<String, String> out = new HashMap<>();
            DocumentDao documents = new DocumentDao(c);
            for (CachedScore s : scores) {
                documents.find(collection.id(), s.docId()).ifPresent(d -> out.put(d.docId(), d.titleOrSnippet()));
            }
            return out;
        });
    }

    /** Cancels the run and a model load in progress. */
    public void cancel() {
        cancel.cancel();
        loadCancel.cancel();
    }

    /** Pairs done over all variants, documents per second and the time left. */
    private static final class Progress {
        private final List<String> variants;
        private final Map<String, int[]> perVariant = new HashMap<>(); // {done, total, done at start}
        private final long started = System.nanoTime();
        private volatile String note = "";

        Progress(List<String> variants) {
            this.variants = variants;
        }

        synchronized String update(String variant, int done, int total) {
            int[] v = perVariant.computeIfAbsent(variant, k -> new int[] {done, total, done});
            v[0] = done;
            v[1] = total;
            return doneText();
        }

        synchronized double fraction() {
            int total = total();
            return total == 0 ? 0 : (double) done() / total;
        }

        private int done() {
            return perVariant.values().stream().mapToInt(v -> v[0]).sum();
        }

        private int total() {
            int known = perVariant.values().stream().mapToInt(v -> v[1]).sum();
            int perVariantTotal = perVariant.values().stream().mapToInt(v -> v[1]).max().orElse(0);
            return known + perVariantTotal * (variants.size() - perVariant.size());
        }

        synchronized String doneText() {
            int scored = perVariant.values().stream().mapToInt(v -> v[0] - v[2]).sum();
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = seconds > 0 ? scored / seconds : 0;
            int left = total() - done();
            String eta = rate > 0 ? String.format(Locale.US, " · ETA %d:%02d", (int) (left / rate) / 60,
                    (int) (left / rate) % 60) : "";
            return String.format(Locale.US, "%d / %d pairs · %.1f docs/s%s", done(), total(), rate, eta) + note;
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        /** A server's note, shown after the progress from now on. */
        void note(String line) {
            note = " · " + line;
        }

        String finished(List<VariantResult> results) {
            int cached = results.stream().mapToInt(VariantResult::fromCache).sum();
            int scored = results.stream().mapToInt(VariantResult::scored).sum();
            return String.format(Locale.US, "Done: %d pairs (%d from the cache, %d scored) in %.1f s", cached + scored,
                    cached, scored, (System.nanoTime() - started) / 1e9) + note;
        }
    }

    /** The FollowIR scorer: a loaded model or a server connection; null when there is neither. */
    public ReadOnlyObjectProperty<Scorer> scorerProperty() {
        return scorer;
    }

    /** The loaded local model, when that is the scorer; null otherwise. */
    public ReadOnlyObjectProperty<FollowIrScorer> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The folder of the model loaded last (set as each load succeeds); the window remembers it. */
    public ReadOnlyObjectProperty<Path> loadedFolderProperty() {
        return loadedFolder.getReadOnlyProperty();
    }

    /** Each server's counts, one line each (requests, prompts, failures, in flight/limit, last problem); empty for a local model. */
    public StringProperty scorerDetailsProperty() {
        return scorerDetails;
    }

    public StringProperty modelStatusProperty() {
        return modelStatus;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public DoubleProperty loadProgressProperty() {
        return loadProgress;
    }

    public BooleanProperty useBm25Property() {
        return useBm25;
    }

    public StringProperty bannerProperty() {
        return banner;
    }

    public StringProperty candidatesProperty() {
        return candidates;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty runStatusProperty() {
        return runStatus;
    }

    public DoubleProperty runProgressProperty() {
        return runProgress;
    }

    /** Closes the model or the server connection (the window is closing). */
    public void close() {
        Scorer current = scorer.get();
        if (current != null) {
            current.close();
        }
    }
}
