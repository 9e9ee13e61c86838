package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.ModelDownloader;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.rerank.StoredRunScores;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;

/**
 * The main window's state and logic, composed of its parts: the workspace (collections, topics,
 * search), the query and variants editor, the scorer and runs, the comparison, the attribution, imports and the status
 * bar. It connects them (a topic opened in the workspace opens in the editor and the comparison), and owns the James
 * Cameron demo and the one place errors surface. No controls here: each part's view binds to its own view model.
 */
public final class WorkbenchViewModel {
    public static final String DEMO_COLLECTION = "james-cameron";
    public static final String DEMO_TOPIC = "cameron";

    private final Database db;
    private final TaskExecutor tasks;
    private final WorkspaceViewModel workspace;
    private final VariantsEditorViewModel editor;
    private final ComparisonViewModel comparison;
    private final ScoringViewModel scoring;
    private final AttributionViewModel attribution;
    private final SearchViewModel search;
    private final ImportViewModel imports;
    private final StatusBarViewModel statusBar;
    private final ObjectProperty<Topic> topic;
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private ModelDownloadViewModel download;

    public WorkbenchViewModel(Database db, TaskExecutor tasks) {
        this.db = db;
        this.tasks = tasks;
        this.workspace = new WorkspaceViewModel(db, tasks);
        this.editor = new VariantsEditorViewModel(db, tasks, this::fail);
        this.comparison = new ComparisonViewModel(db, tasks, this::fail);
        this.scoring = new ScoringViewModel(db, tasks, this::fail);
        this.attribution = new AttributionViewModel(db, tasks, scoring, editor, this::fail);
        this.search = new SearchViewModel(db, tasks, workspace);
        this.imports = new ImportViewModel(db, tasks, workspace::refresh, this::fail);
        this.statusBar = new StatusBarViewModel(scoring, workspace, imports);
        this.topic = workspace.topicProperty();
        topic.addListener((obs, old, now) -> openTopic(now));
        editor.topicProperty().addListener((obs, old, now) -> {
            if (now != null && old != null && now.row() == old.row() && !sameVariants(old, now)) {
                openComparison(now); // variants were added, renamed, removed or reordered
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
        String scorer = scoring.scorerProperty().get() == null || scoring.useBm25Property().get() ? RunName.BM25
                : scoring.scorerProperty().get().scorerName();
        tasks.run(() -> StoredRunScores.of(db, c, t, scorer), stored -> stored.forEach((variant, scores) ->
                comparison.addScores(variant, scores, Map.of())), this::fail);
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
        imports.cancel();
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

    public VariantsEditorViewModel editor() {
        return editor;
    }

    public ComparisonViewModel comparison() {
        return comparison;
    }

    public ScoringViewModel scoring() {
        return scoring;
    }

    public SearchViewModel search() {
        return search;
    }

    /** Imports from the File menu and from files dropped on the window. */
    public ImportViewModel imports() {
        return imports;
    }

    public StatusBarViewModel statusBar() {
        return statusBar;
    }

    /** The Attribution tab: the open topic's selected variant, clause by clause, with the window's scorer. */
    public AttributionViewModel attribution() {
        return attribution;
    }

    /**
     * The state of an Evaluate… dialog on a collection, writing into {@code evaluate-COLLECTION} beside the workspace
     * file unless changed.
     */
    public EvaluateViewModel evaluate(Collection collection) {
        Path output = db.file().toAbsolutePath().resolveSibling("evaluate-" + collection.name());
        return new EvaluateViewModel(db, tasks, scoring, collection, output);
    }

    /** The state of a Model ▸ Connect to server… dialog, remembering its fields in {@code preferences}. */
    public ServerConnectViewModel serverConnect(AppPreferences preferences) {
        return new ServerConnectViewModel(tasks, scoring, preferences);
    }

    /** The state of a Model ▸ Choose model… dialog: the hub cache {@code hub} names and the recent folders. */
    public ModelChooserViewModel modelChooser(AppPreferences preferences,
            Supplier<HubSettings> hub) {
        return new ModelChooserViewModel(tasks, scoring, preferences, hub);
    }

    /** Model ▸ Download…: one per window, so that one download runs at a time and its dialog reopens on it. */
    public ModelDownloadViewModel modelDownload(Supplier<HubSettings> hub) {
        if (download == null) {
            download = new ModelDownloadViewModel(tasks, scoring, hub,
                    ModelDownloader.Options.defaults());
        }
        return download;
    }

    public ObjectProperty<Topic> topicProperty() {
        return topic;
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
