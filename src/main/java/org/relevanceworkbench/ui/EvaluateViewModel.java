package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.evaluate.EvaluateOutput;
import org.relevanceworkbench.evaluate.EvaluateReport;
import org.relevanceworkbench.evaluate.EvaluateRequest;
import org.relevanceworkbench.evaluate.EvaluateService;
import org.relevanceworkbench.evaluate.TopicOutcome;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.QrelDao;

/**
 * Evaluate… on a collection: FollowIR's evaluation (every topic under og and changed, p-MRR, og MAP and nDCG@5) with
 * the scorer the window has now, as the {@code evaluate} command runs it. Check plans it (topics, pairs, topics left
 * out); Run scores in the background with one progress over all topics and a line per finished topic, writes the
 * output folder and shows FollowIR's table row. It holds the scorer while it runs, as a run does; Cancel keeps every
 * finished batch in the score cache, so running again resumes.
 */
public final class EvaluateViewModel {
    private final Database db;
    private final TaskExecutor tasks;
    private final ScoringViewModel scoring;
    private final Collection collection;
    private final StringProperty variants = new SimpleStringProperty("og,changed");
    private final StringProperty candidates = new SimpleStringProperty("");
    private final StringProperty topics = new SimpleStringProperty("");
    private final StringProperty outputFolder = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObservableList<String> topicLines = FXCollections.observableArrayList();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private CancellationToken cancel = new CancellationToken();

    public EvaluateViewModel(Database db, TaskExecutor tasks, ScoringViewModel scoring, Collection collection,
            Path defaultOutput) {
        this.db = db;
        this.tasks = tasks;
        this.scoring = scoring;
        this.collection = collection;
        outputFolder.set(defaultOutput.toString());
    }

    public String collectionName() {
        return collection.name();
    }

    /**
     * The request the fields make, for runs named as the window names them ({@code followir-VARIANT}, or
     * {@code bm25-VARIANT} for the baseline), replacing runs of another scorer as the window's runs do; a mistake is a
     * one-line {@link UserException}.
     */
    EvaluateRequest request(Scorer scorer) {
        List<String> names = Arrays.stream(variants.get().split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
        if (names.size() != 2) {
            throw new UserException("give two variants, the original and the changed one: og,changed");
        }
        String spec = candidates.get() == null ? "" : candidates.get().strip();
        List<String> ids = topics.get() == null || topics.get().isBlank() ? null
                : Arrays.stream(topics.get().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new EvaluateRequest(collection.name(), names.get(0), names.get(1),
                spec.isEmpty() ? null : CandidateSpec.parse(spec), ids, RunName.prefix(scorer.scorerName()), QrelDao.IMPORTED,
                true);
    }

    /** Plans the evaluation in the background and says what it would score. */
    public void check() {
        EvaluateRequest request;
        try {
            request = request(scoring.scorerFor(collection));
        } catch (UserException e) {
            status.set(e.getMessage());
            return;
        }
        status.set("Looking at the topics…");
        tasks.run(() -> new EvaluateService(db).plan(request), p -> {
            plan.set(describe(p));
            status.set("");
        }, f -> status.set(WorkbenchViewModel.message(f)));
    }

    /** "1 topic", "10 topics": the dialog reads as a sentence (the James Cameron demo has one topic). */
    private static String topics(int count) {
        return count == 1 ? "1 topic" : count + " topics";
    }

    static String describe(EvaluateService.Plan p) {
        return String.format(Locale.US, "%s, %,d pairs%s", topics(p.topics().size()), p.pairs(),
                p.skipped().isEmpty() ? "" : "; " + p.skipped().size() + " left out (" + p.skipped().get(0).topicId()
                        + " " + p.skipped().get(0).note() + (p.skipped().size() > 1 ? ", …" : "") + ")");
    }

    /** Runs the evaluation with the window's scorer and writes the output folder. */
    public void run() {
        if (running.get()) {
            return;
        }
        Scorer scorer = scoring.scorerFor(collection);
        EvaluateRequest request;
        Path folder;
        try {
            request = request(scorer);
            String out = outputFolder.get() == null ? "" : outputFolder.get().strip();
            if (out.isEmpty()) {
                throw new UserException("choose an output folder");
            }
            folder = Path.of(out);
        } catch (UserException e) {
            status.set(e.getMessage());
            return;
        }
        CancellationToken token = scoring.claim("Evaluating " + collection.name() + "…");
        if (token == null) {
            status.set("A run is going on: evaluate once it ends");
            return;
        }
        cancel = token;
        running.set(true);
        progress.set(0);
        topicLines.clear();
        result.set("");
        status.set("Starting…");
        long started = System.nanoTime();
        EvaluateService service = new EvaluateService(db);
        long[] lastShown = {0};
        tasks.run(() -> {
            EvaluateService.Plan p = service.plan(request);
            tasks.onUi(() -> plan.set(describe(p)));
            EvaluateReport report = service.run(request, p, scorer, new EvaluateService.Listener() {
                @Override
                public void progress(long done, long total, String topic, int position, int count) {
                    long now = System.nanoTime();
                    if (now - lastShown[0] < 100_000_000L && done < total) {
                        return; // at most ten updates a second reach the FX thread
                    }
                    lastShown[0] = now;
                    String text = progressText(done, total, topic, position, count, started);
                    double fraction = total == 0 ? 1 : (double) done / total;
                    tasks.onUi(() -> {
                        status.set(text);
                        progress.set(fraction);
                        scoring.jobProgress(text, fraction);
                    });
                }

                @Override
                public void topicDone(TopicOutcome t) {
                    String line = String.format(Locale.US, "%s: %d candidates (%s), %d from the cache, %d scored",
                            t.topicId(), t.documents(), t.candidates(), t.fromCache(), t.scored());
                    tasks.onUi(() -> topicLines.add(line));
                }
            }, token);
            EvaluateOutput.write(folder, report, db);
            return report;
        }, report -> {
            running.set(false);
            progress.set(1);
            result.set(resultText(report));
            status.set("Wrote " + folder);
            scoring.release("Evaluated " + collection.name() + ": " + resultText(report));
        }, f -> {
            running.set(false);
            if (f instanceof CancelledException) {
                status.set("Cancelled; every finished batch stays in the score cache, so Run resumes");
                scoring.release("Evaluation cancelled");
            } else {
                status.set(WorkbenchViewModel.message(f));
                scoring.release("Evaluation failed");
                if (!(f instanceof UserException)) {
                    failure.set(null);
                    failure.set(f);
                }
            }
        });
    }

    static String progressText(long done, long total, String topic, int position, int count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long left = total - done;
        String eta = rate > 0 ? String.format(Locale.US, " · ETA %d:%02d", (long) (left / rate) / 60,
                (long) (left / rate) % 60) : "";
        return String.format(Locale.US, "topic %d of %d (%s) · %,d / %,d pairs · %.1f pairs/s%s", position, count,
                topic, done, total, rate, eta);
    }

    /** FollowIR's table row: p-MRR (×100 as the paper prints it), og MAP, og nDCG@5. */
    static String resultText(EvaluateReport r) {
        String pmrr = r.pmrr().isEmpty() ? "p-MRR: no changed documents"
                : String.format(Locale.US, "p-MRR %.4f (%.2f ×100)", r.pMrr(), r.pMrr() * 100);
        String og = r.og().topics() == 0 ? "no og qrels"
                : String.format(Locale.US, "og MAP %.4f · og nDCG@5 %.4f", r.og().map(), r.og().ndcgAt5());
        return pmrr + " · " + og + String.format(Locale.US, " · %s, %,d pairs (%,d from the cache)",
                topics(r.topics().size()), r.pairs(), r.fromCache()) + (r.approximate() == 0 ? ""
                        : " · " + r.approximate() + " approximate");
    }

    /** Cancels the evaluation after its current batch. */
    public void cancel() {
        cancel.cancel();
    }

    public StringProperty variantsProperty() {
        return variants;
    }

    /** Empty for FollowIR's protocol: the imported top_ranked run, else bm25:1000. */
    public StringProperty candidatesProperty() {
        return candidates;
    }

    /** Empty for every topic; else ids separated by commas. */
    public StringProperty topicsProperty() {
        return topics;
    }

    public StringProperty outputFolderProperty() {
        return outputFolder;
    }

    /** What Check found: topics, pairs, topics left out. */
    public StringProperty planProperty() {
        return plan;
    }

    /** One line: progress, what went wrong, or where the output went. */
    public StringProperty statusProperty() {
        return status;
    }

    /** FollowIR's table row once done. */
    public StringProperty resultProperty() {
        return result;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** A line per topic as it finishes. */
    public ObservableList<String> topicLines() {
        return topicLines;
    }

    /** An unexpected failure, for an error dialog with the details folded away. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }
}
