package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.FileReport;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportProgress;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.formats.FormatDetector;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;

/**
 * The main window's state and logic, composed of its parts: the workspace (collections, topics,
 * search), the query and variants editor, the scorer and runs, the comparison and the attribution. It also owns
 * imports (menu or drag and drop, with progress, records/s and Cancel), the James Cameron demo,
 * and the one place errors surface. No controls here: the view binds to these properties.
 */
public final class WorkbenchViewModel {
    public static final String DEMO_COLLECTION = "james-cameron";
    public static final String DEMO_TOPIC = "cameron";

    private final Database db;
    private final TaskExecutor tasks;
    private final WorkspaceViewModel workspace;
    private final VariantsEditorModel editor;
    private final ComparisonModel comparison;
    private final ScoringModel scoring;
    private final AttributionViewModel attribution;
    private final ObjectProperty<Topic> topic = new SimpleObjectProperty<>();
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final DoubleProperty importProgress = new SimpleDoubleProperty();
    private final StringProperty importStatus = new SimpleStringProperty("");
    private final ObjectProperty<ImportReport> importReport = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private CancellationToken importCancel = new CancellationToken();
    private ModelDownloadViewModel download;

    public WorkbenchViewModel(Database db, TaskExecutor tasks) {
        this.db = db;
        this.tasks = tasks;
        this.workspace = new WorkspaceViewModel(db, tasks);
        this.editor = new VariantsEditorModel(db, tasks, this::fail);
        this.comparison = new ComparisonModel(db, tasks, this::fail);
        this.scoring = new ScoringModel(db, tasks, this::fail);
        this.attribution = new AttributionViewModel(db, tasks, scoring, editor, this::fail);
        topic.addListener((obs, old, now) -> openTopic(now));
        editor.topicProperty().addListener((obs, old, now) -> {
            if (now != null && old != null && now.row() == old.row() && !sameVariants(old, now)) {
                openComparison(now); // variants were added, renamed, removed or reordered
            }
        });
        workspace.selectedProperty().addListener((obs, old, now) -> {
            if (old == null || now == null || old.collection().id() != now.collection().id()) {
                topic.set(null); // another collection: its topics are not this one's
            }
        });
    }

    private static boolean sameVariants(Topic a, Topic b) {
        return a.variants().equals(b.variants());
    }

    public void start() {
        workspace.start();
    }

    private Collection collection() {
        CollectionStats s = workspace.selectedProperty().get();
        return s == null ? null : s.collection();
    }

    private void openTopic(Topic t) {
        editor.open(collection(), t);
        if (t == null) {
            comparison.open(-1, null, "", Map.of());
        } else {
            openComparison(t);
        }
    }

    /** Starts the comparison of the topic's variants and shows the scores its stored runs already hold. */
    private void openComparison(Topic t) {
        Collection c = collection();
        Map<String, String> instructions = new LinkedHashMap<>();
        t.variants().forEach(v -> instructions.put(v.name(), v.instruction()));
        comparison.open(c.id(), t.topicId(), t.query(), instructions);
        String scorer = scoring.scorerProperty().get() == null || scoring.useBm25Property().get() ? "bm25"
                : scoring.scorerProperty().get().scorerName();
        tasks.run(() -> storedScores(c, t, scorer), stored -> stored.forEach((variant, scores) ->
                comparison.addScores(variant, scores, Map.of())), this::fail);
    }

    /** Scores the workspace already holds for the topic, from runs named SCORER-VARIANT. */
    private Map<String, List<CachedScore>> storedScores(Collection c, Topic t, String scorer) {
        return db.read(conn -> {
            Map<String, List<CachedScore>> out = new LinkedHashMap<>();
            RunDao runs = new RunDao(conn);
            for (var v : t.variants()) {
                Optional<Run> run = runs.find(c.id(), scorer + "-" + v.name());
                if (run.isPresent()) {
                    List<CachedScore> scores = new ArrayList<>();
                    for (RunScore s : runs.scores(run.get().id(), t.topicId(), v.name())) {
                        if (s.score() != null) { // approximate ones stay marked as such
                            scores.add(new CachedScore(s.docId(), s.score(), Double.NaN, Double.NaN, Double.NaN, 0,
                                    false, s.pLow() == null ? Double.NaN : s.pLow(),
                                    s.pHigh() == null ? Double.NaN : s.pHigh()));
                        }
                    }
                    out.put(v.name(), scores);
                }
            }
            return out;
        });
    }

    /** Scores every candidate under every variant of the open topic. */
    public void run() {
        Topic t = topic.get();
        if (t == null) {
            fail(new UserException("Choose a topic to run"));
            return;
        }
        scoring.run(collection(), t.topicId(), editor.variantNames(), comparison);
    }

    public void cancel() {
        scoring.cancel();
        importCancel.cancel();
        workspace.cancel();
    }

    /** Chooses the next variant as B (the comparison's right-hand side), wrapping around. */
    public void nextVariant() {
        List<String> names = comparison.variants();
        if (names.isEmpty()) {
            return;
        }
        int at = names.indexOf(comparison.variantBProperty().get());
        comparison.variantBProperty().set(names.get((at + 1) % names.size()));
    }

    /**
     * Imports files of one kind into a collection (created for documents; for the others, the
     * collection must exist), in the background with progress and Cancel, then shows the report.
     */
    public void importFiles(RecordKind kind, List<Path> files, String collectionName) {
        importGroups(Map.of(kind, files), collectionName);
    }

    /**
     * Imports files dropped on the window into one collection: grouped by what each seems to hold
     * (from its name), documents first so topics, qrels and runs find them, in one background task
     * with one report.
     */
    public void importDropped(List<Path> files, String collectionName) {
        Map<RecordKind, List<Path>> byKind = new EnumMap<>(RecordKind.class);
        for (Path file : files) {
            byKind.computeIfAbsent(FormatDetector.guessKind(file), k -> new ArrayList<>()).add(file);
        }
        importGroups(byKind, collectionName);
    }

    private void importGroups(Map<RecordKind, List<Path>> groups, String collectionName) {
        if (importing.get() || groups.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        Map<RecordKind, List<Path>> ordered = new EnumMap<>(groups);
        importing.set(true);
        importProgress.set(0);
        importCancel = new CancellationToken();
        CancellationToken cancel = importCancel;
        ImportListener listener = new ImportListener() {
            @Override
            public void progress(ImportProgress p) {
                tasks.onUi(() -> {
                    importProgress.set(p.fraction());
                    importStatus.set(String.format(Locale.US, "Importing %s: %,d records, %,.0f records/s",
                            Path.of(p.file()).getFileName(), p.records(), p.recordsPerSecond()));
                });
            }
        };
        tasks.run(() -> {
            List<ImportReport> reports = new ArrayList<>();
            for (Map.Entry<RecordKind, List<Path>> group : ordered.entrySet()) {
                reports.add(importGroup(group.getKey(), group.getValue(), collectionName, listener, cancel));
            }
            return ImportReport.combine(reports);
        }, report -> {
            importing.set(false);
            importStatus.set(report.summary().lines().reduce((a, b) -> b).orElse(""));
            importReport.set(report);
            workspace.refresh();
        }, failure -> {
            importing.set(false);
            importStatus.set(failure instanceof CancelledException ? "Import cancelled" : "Import failed");
            workspace.refresh();
            if (!(failure instanceof CancelledException)) {
                fail(failure);
            }
        });
    }

    private ImportReport importGroup(RecordKind kind, List<Path> files, String collectionName, ImportListener listener,
            CancellationToken cancel) {
        List<SourceFile> sources = files.stream().map(SourceFile::of).toList();
        ImportService service = new ImportService(db);
        ImportOptions options = ImportOptions.defaults();
        ImportResult result = switch (kind) {
            case DOCUMENTS -> service.importDocuments(collectionName, sources, options, listener, cancel);
            case TOPICS -> service.importTopics(collectionName, sources, options, listener, cancel);
            case QRELS -> service.importQrels(collectionName, sources, options, listener, cancel);
            case RUNS -> service.importRuns(collectionName, sources, options, listener, cancel);
        };
        if (kind == RecordKind.DOCUMENTS && result.imported() > 0) {
            Collection c = db.read(conn -> new CollectionDao(conn).require(collectionName));
            new FtsIndexer(db).indexPending(c, (name, indexed, total) -> tasks.onUi(() -> {
                importProgress.set(total == 0 ? 1 : (double) indexed / total);
                importStatus.set(String.format(Locale.US, "Indexing %s: %,d / %,d documents", name, indexed, total));
            }), cancel);
        }
        return report(kind, result);
    }

    private static ImportReport report(RecordKind kind, ImportResult result) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (FileReport f : result.files()) {
            lines.add(f.summary(kind.label()));
            f.problems().stream().map(Problem::toString).forEach(problems::add);
            long hidden = f.skipped() - f.problems().size();
            if (hidden > 0) {
                problems.add(f.file() + ": … and " + hidden + " more skipped records");
            }
        }
        return new ImportReport(String.join("\n", lines), List.copyOf(problems), result.failed());
    }

    /**
     * The teaching demo: loads the James Cameron sample if missing, opens its topic with both
     * variants, and runs with whatever scorer there is (FollowIR if loaded, else BM25 with a banner).
     */
    public void jamesCameronDemo() {
        tasks.run(() -> {
            new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
            return db.read(c -> new CollectionDao(c).stats());
        }, stats -> {
            scoring.candidatesProperty().set("all");
            workspace.selectCollection(DEMO_COLLECTION, stats, () -> workspace.topics().stream()
                    .filter(t -> t.topicId().equals(DEMO_TOPIC)).findFirst().ifPresent(t -> {
                        topic.set(t);
                        run();
                    }));
        }, this::fail);
    }

    private void fail(Throwable error) {
        failure.set(null);
        failure.set(error);
    }

    /** The one-line text users see for a failure. */
    public static String message(Throwable error) {
        return error instanceof UserException || error instanceof CancelledException ? error.getMessage()
                : "Unexpected " + error.getClass().getSimpleName() + (error.getMessage() == null ? ""
                        : ": " + error.getMessage().lines().findFirst().orElse(""));
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public VariantsEditorModel editor() {
        return editor;
    }

    public ComparisonModel comparison() {
        return comparison;
    }

    public ScoringModel scoring() {
        return scoring;
    }

    /** The Attribution tab: the open topic's selected variant, clause by clause, with the window's scorer. */
    public AttributionViewModel attribution() {
        return attribution;
    }

    /**
     * The state of an Evaluate… dialog on a collection, writing into {@code evaluate-COLLECTION} beside the workspace
     * file unless changed.
     */
    public EvaluateViewModel evaluate(org.relevanceworkbench.store.Collection collection) {
        java.nio.file.Path output = db.file().toAbsolutePath().resolveSibling("evaluate-" + collection.name());
        return new EvaluateViewModel(db, tasks, scoring, collection, output);
    }

    /** The state of a Model ▸ Connect to server… dialog, remembering its fields in {@code preferences}. */
    public ServerConnectViewModel serverConnect(AppPreferences preferences) {
        return new ServerConnectViewModel(tasks, scoring, preferences);
    }

    /** The state of a Model ▸ Choose model… dialog: the hub cache {@code hub} names and the recent folders. */
    public ModelChooserViewModel modelChooser(AppPreferences preferences,
            java.util.function.Supplier<org.relevanceworkbench.hub.HubSettings> hub) {
        return new ModelChooserViewModel(tasks, scoring, preferences, hub);
    }

    /** Model ▸ Download…: one per window, so that one download runs at a time and its dialog reopens on it. */
    public ModelDownloadViewModel modelDownload(java.util.function.Supplier<org.relevanceworkbench.hub.HubSettings> hub) {
        if (download == null) {
            download = new ModelDownloadViewModel(tasks, scoring, hub,
                    org.relevanceworkbench.hub.ModelDownloader.Options.defaults());
        }
        return download;
    }

    public ObjectProperty<Topic> topicProperty() {
        return topic;
    }

    public BooleanProperty importingProperty() {
        return importing;
    }

    public DoubleProperty importProgressProperty() {
        return importProgress;
    }

    public StringProperty importStatusProperty() {
        return importStatus;
    }

    public ObjectProperty<ImportReport> importReportProperty() {
        return importReport;
    }

    /** The last failure, for the view's error dialog; set anew for every failure. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }

    public Database database() {
        return db;
    }

    public void close() {
        if (download != null) {
            download.close();
        }
        scoring.close();
    }
}
