package org.relevanceworkbench.ui;

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
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportProgress;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;

/**
 * State and logic of the workspace lists: the collections with their counts, the topics of the
 * selected one, and the open topic. Holds no controls; every database call goes through the
 * {@link TaskExecutor}, so the FX thread never waits on SQLite.
 */
public final class WorkspaceViewModel {
    private final Database db;
    private final TaskExecutor tasks;

    private final ObservableList<CollectionStats> collections = FXCollections.observableArrayList();
    private final ObjectProperty<CollectionStats> selected = new SimpleObjectProperty<>();
    private final ObservableList<Topic> topics = FXCollections.observableArrayList();
    private final ObjectProperty<Topic> topic = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<String> error = new SimpleObjectProperty<>();
    private CancellationToken running = new CancellationToken();
    /** Set while selectCollection loads the topics itself, with its own follow-up. */
    private boolean suppressTopicLoad;

    public WorkspaceViewModel(Database db, TaskExecutor tasks) {
        this.db = db;
        this.tasks = tasks;
        selected.addListener((obs, old, now) -> {
            if (old == null || now == null || old.collection().id() != now.collection().id()) {
                topic.set(null); // another collection: its topics are not this one's
            }
            if (!suppressTopicLoad) {
                loadTopics(now);
            }
        });
    }

    /** First start: loads the bundled sample corpora into an empty workspace, then lists collections. */
    public void start() {
        busy.set(true);
        status.set("Opening " + db.file().getFileName() + "…");
        running = new CancellationToken();
        CancellationToken cancel = running;
        tasks.run(() -> {
            boolean empty = db.read(c -> new CollectionDao(c).all().isEmpty());
            if (empty) {
                new SampleCorpora(db).loadMissing(ProgressText.importListener(tasks, progress, status),
                        ProgressText.indexListener(tasks, progress, status), cancel);
            }
            return db.read(c -> new CollectionDao(c).stats());
        }, this::showCollections, this::fail);
    }

    public void refresh() {
        tasks.run(() -> db.read(c -> new CollectionDao(c).stats()), this::showCollections, this::fail);
    }

    /** Stops the running import or index build; what finished stays. */
    public void cancel() {
        running.cancel();
    }

    private void showCollections(List<CollectionStats> stats) {
        busy.set(false);
        progress.set(0);
        String keep = selected.get() == null ? null : selected.get().collection().name();
        collections.setAll(stats);
        CollectionStats again = stats.stream().filter(s -> s.collection().name().equals(keep)).findFirst()
                .orElse(stats.isEmpty() ? null : stats.get(0));
        selected.set(again);
        status.set(stats.size() + (stats.size() == 1 ? " collection" : " collections") + " in "
                + db.file().getFileName());
    }

    private void loadTopics(CollectionStats collection) {
        loadTopics(collection, () -> { });
    }

    private void loadTopics(CollectionStats collection, Runnable then) {
        if (collection == null) {
            topics.clear();
            then.run();
            return;
        }
        long id = collection.collection().id();
        tasks.run(() -> db.read(c -> new TopicDao(c).list(id)), loaded -> {
            topics.setAll(loaded);
            then.run();
        }, this::fail);
    }

    /** Shows these collections, selects the named one, and runs {@code then} once its topics are listed. */
    public void selectCollection(String name, List<CollectionStats> stats, Runnable then) {
        collections.setAll(stats);
        CollectionStats chosen = stats.stream().filter(s -> s.collection().name().equals(name)).findFirst().orElse(null);
        if (chosen == null) {
            then.run();
            return;
        }
        if (chosen.equals(selected.get())) {
            loadTopics(chosen, then);
        } else {
            suppressTopicLoad = true;
            selected.set(chosen);
            suppressTopicLoad = false;
            loadTopics(chosen, then);
        }
    }

    /** A judging screen's model, set up for a topic of the selected collection. */
    public JudgeViewModel judging(Topic topic) {
        JudgeViewModel judge = new JudgeViewModel(db, tasks);
        judge.forTopic(selected.get().collection().name(), topic);
        return judge;
    }

    /** Shows a failure of work on this workspace (its own, or a part's such as search) in the status and a dialog. */
    void fail(Throwable failure) {
        busy.set(false);
        progress.set(0);
        String message = WorkbenchViewModel.message(failure);
        status.set(message);
        error.set(message);
    }

    public ObservableList<CollectionStats> collections() {
        return collections;
    }

    public ObjectProperty<CollectionStats> selectedProperty() {
        return selected;
    }

    public ObservableList<Topic> topics() {
        return topics;
    }

    /** The topic open in the window: its variants are edited, run and compared. */
    public ObjectProperty<Topic> topicProperty() {
        return topic;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The last failure's one-line message, for the view to show in a dialog; reset it after showing. */
    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /** How a topic reads in the list: "cameron · What movies were written by James Cameron?". */
    public static String describe(Topic t) {
        return t.topicId() + " · " + t.query();
    }

    /** How a collection reads in the list: "trec-mini — 220 documents, 10 topics". */
    public static String describe(CollectionStats s) {
        String index = s.indexComplete() ? ""
                : String.format(Locale.US, ", indexing %,d/%,d", s.indexedDocuments(), s.documents());
        return String.format(Locale.US, "%s — %s, %s%s", s.collection().name(), count(s.documents(), "document"),
                count(s.topics(), "topic"), index);
    }

    private static String count(long n, String noun) {
        return String.format(Locale.US, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
