package org.relevanceworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.judge.JudgingCondition;
import org.relevanceworkbench.judge.JudgingSession;
import org.relevanceworkbench.judge.JudgingSetup;
import org.relevanceworkbench.judge.QueueItem;
import org.relevanceworkbench.judge.QueueOrder;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;

/**
 * State and logic of the judging screen: the setup (assessor, variant, candidates, order, condition, adjudication),
 * then one document at a time with the topic's query and instruction, the document with their words highlighted, the
 * model's suggestion as the condition has it (p(true) shown, hidden when blind, its label pre-selected when
 * post-editing), and grade, skip, previous, next, undo.
 * Each action runs on the task executor and the screen moves only once the judgment is committed;
 * input that arrives while an action runs is ignored rather than queued against a stale screen.
 */
public final class JudgeViewModel {
    public static final List<String> DEFAULT_GRADE_LABELS = List.of("not relevant", "relevant", "highly relevant");
    /** One fixed seed: a blind queue keeps its order when the assessor comes back to it. */
    private static final long BLIND_SEED = 20261126L;

    private final Database db;
    private final TaskExecutor tasks;
    private JudgingSession session;
    private Highlighter highlighter;

    private final StringProperty collection = new SimpleStringProperty("");
    private final StringProperty topicId = new SimpleStringProperty("");
    private final StringProperty assessor = new SimpleStringProperty(System.getProperty("user.name", ""));
    private final StringProperty variant = new SimpleStringProperty("og");
    private final StringProperty candidates = new SimpleStringProperty("bm25:50");
    private final ObjectProperty<QueueOrder> order = new SimpleObjectProperty<>(QueueOrder.COLLECTION);
    private final ObjectProperty<JudgingCondition> condition = new SimpleObjectProperty<>(JudgingCondition.SUGGESTED);
    private final BooleanProperty adjudication = new SimpleBooleanProperty();
    private final ObservableList<String> gradeLabels = FXCollections.observableArrayList(DEFAULT_GRADE_LABELS);
    private final ObservableList<String> variants = FXCollections.observableArrayList();

    private final BooleanProperty started = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty instruction = new SimpleStringProperty("");
    private final StringProperty docId = new SimpleStringProperty("");
    private final StringProperty title = new SimpleStringProperty("");
    private final ObservableList<Highlighter.Segment> text = FXCollections.observableArrayList();
    private final StringProperty suggestion = new SimpleStringProperty("");
    private final ObjectProperty<Integer> ownGrade = new SimpleObjectProperty<>();
    private final StringProperty others = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> startingGrade = new SimpleObjectProperty<>();

    public JudgeViewModel(Database db, TaskExecutor tasks) {
        this.db = db;
        this.tasks = tasks;
        // Blind is a condition and a queue order at once: hiding the scores but ranking by them would still show them.
        condition.addListener((obs, old, chosen) -> {
            if (chosen == JudgingCondition.BLIND) {
                order.set(QueueOrder.BLIND);
            } else if (order.get() == QueueOrder.BLIND) {
                order.set(QueueOrder.COLLECTION);
            }
        });
        order.addListener((obs, old, chosen) -> {
            if (chosen == QueueOrder.BLIND) {
                condition.set(JudgingCondition.BLIND);
            } else if (condition.get() == JudgingCondition.BLIND) {
                condition.set(JudgingCondition.SUGGESTED);
            }
        });
    }

    /** What the screen shows of one document, computed off the UI thread. */
    private record Snapshot(QueueItem item, Judgment own, List<Judgment> others, int position, int total, int judged,
            boolean undoable, Judgment.Condition condition, Integer startingGrade, int disagreements) {
    }

    /** Opens the queue for the setup fields and shows its first unjudged document. */
    public void start() {
        if (assessor.get() == null || assessor.get().isBlank()) {
            status.set("Enter the assessor's name first");
            return;
        }
        String who = assessor.get().strip();
        String collectionName = collection.get();
        String topic = topicId.get();
        String variantName = variant.get();
        String spec = candidates.get();
        QueueOrder chosen = order.get();
        boolean adjudicating = adjudication.get();
        boolean postEdit = condition.get() == JudgingCondition.POST_EDIT;
        act(() -> {
            session = JudgingSession.open(db, new JudgingSetup(collectionName, topic, variantName, who,
                    CandidateSpec.parse(spec), chosen, BLIND_SEED, null, adjudicating, postEdit));
            highlighter = new Highlighter(session.topic().query(), session.variant().instruction());
            return snapshot();
        });
    }

    /** Grades the current document (0, 1, 2, …); the screen moves on once it is committed. */
    public void grade(int value) {
        if (session == null || value < 0 || value >= gradeLabels.size()) {
            return;
        }
        String typed = note.get();
        act(() -> {
            session.judge(value, typed);
            return snapshot();
        });
    }

    /** Post-editing: keeps the model's label as the grade (Enter); nothing when no label is offered. */
    public void confirm() {
        if (startingGrade.get() != null) {
            grade(startingGrade.get());
        }
    }

    public void skip() {
        navigate(() -> session.skip());
    }

    public void next() {
        navigate(() -> session.next());
    }

    public void previous() {
        navigate(() -> session.previous());
    }

    public void undo() {
        if (session != null) {
            act(() -> {
                if (!session.undo()) {
                    throw new UserException("nothing to undo");
                }
                return snapshot();
            });
        }
    }

    private void navigate(Runnable move) {
        if (session != null) {
            act(() -> {
                move.run();
                return snapshot();
            });
        }
    }

    /** Runs one action unless another still runs, then shows its snapshot. */
    private void act(Callable<Snapshot> action) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        tasks.run(action, this::show, this::fail);
    }

    private Snapshot snapshot() {
        QueueItem item = session.current();
        return new Snapshot(item, session.judgment(item.docId()).orElse(null), session.othersJudgments(item.docId()),
                session.index(), session.items().size(), session.judgedCount(), session.canUndo(),
                session.condition(item), session.startingGrade().orElse(null), session.disagreements());
    }

    private void show(Snapshot s) {
        busy.set(false);
        started.set(true);
        query.set(session.topic().query());
        instruction.set(session.variant().instruction());
        docId.set(s.item().docId());
        title.set(s.item().document().title() == null ? "" : s.item().document().title());
        text.setAll(highlighter.segments(s.item().document().text()));
        suggestion.set(suggestionText(s));
        startingGrade.set(s.own() == null ? s.startingGrade() : null); // a judged document shows its grade instead
        ownGrade.set(s.own() == null ? null : s.own().grade());
        note.set(s.own() == null || s.own().note() == null ? "" : s.own().note());
        others.set(s.others().isEmpty() ? "" : "Others: " + String.join(", ", s.others().stream()
                .map(j -> j.assessor() + " " + j.grade()).toList()));
        progress.set(String.format(Locale.US, "document %d of %d · %d judged", s.position() + 1, s.total(), s.judged()));
        canUndo.set(s.undoable());
        status.set(s.judged() == s.total() ? "Every document of this queue is judged"
                : s.disagreements() > 0 ? s.disagreements() + " disagreements first" : "");
    }

    /** What the model shows of the document under its condition, which is what its judgment will record. */
    private String suggestionText(Snapshot s) {
        Judgment.Condition c = s.condition();
        if (c.kind().equals(Judgment.Condition.BLIND)) {
            return session.setup().order() == QueueOrder.BLIND ? "model suggestion hidden (blind)"
                    : "no model score (judged blind)";
        }
        String p = String.format(Locale.US, "p(true) = %.3f", c.suggestedP());
        return c.kind().equals(Judgment.Condition.POST_EDIT) && s.startingGrade() != null
                ? "model label: " + gradeLabel(s.startingGrade()) + " (" + p + "); Enter keeps it"
                : "model " + p;
    }

    private void fail(Throwable failure) {
        busy.set(false);
        status.set(failure instanceof UserException ? failure.getMessage()
                : "Unexpected " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /** The label of a grade for buttons: "1 relevant". */
    public String gradeLabel(int grade) {
        return grade + " " + gradeLabels.get(grade);
    }

    public StringProperty collectionProperty() {
        return collection;
    }

    public StringProperty topicIdProperty() {
        return topicId;
    }

    public StringProperty assessorProperty() {
        return assessor;
    }

    public StringProperty variantProperty() {
        return variant;
    }

    public StringProperty candidatesProperty() {
        return candidates;
    }

    public ObjectProperty<QueueOrder> orderProperty() {
        return order;
    }

    /** Suggestion shown, blind (which makes the queue blind) or post-editing the model's label. */
    public ObjectProperty<JudgingCondition> conditionProperty() {
        return condition;
    }

    /** Post-editing: the model's label the current document starts from; null when none (or already judged). */
    public ObjectProperty<Integer> startingGradeProperty() {
        return startingGrade;
    }

    public BooleanProperty adjudicationProperty() {
        return adjudication;
    }

    /** The topic's variant names, for the setup's choice. */
    public ObservableList<String> variants() {
        return variants;
    }

    /** Prepares the setup for one topic: its variants, the baseline chosen. */
    public void forTopic(String collectionName, org.relevanceworkbench.store.Topic topic) {
        collection.set(collectionName);
        topicId.set(topic.topicId());
        variants.setAll(topic.variants().stream().map(org.relevanceworkbench.store.Variant::name).toList());
        variant.set(variants.isEmpty() ? "og" : variants.get(0));
        query.set(topic.query());
        instruction.set(topic.variant(variant.get()).map(org.relevanceworkbench.store.Variant::instruction).orElse(""));
        variant.addListener((obs, old, chosen) -> {
            if (!started.get()) { // before the queue opens, show the instruction that will be judged against
                instruction.set(topic.variant(chosen).map(org.relevanceworkbench.store.Variant::instruction).orElse(""));
            }
        });
    }

    public ObservableList<String> gradeLabels() {
        return gradeLabels;
    }

    public BooleanProperty startedProperty() {
        return started;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty instructionProperty() {
        return instruction;
    }

    public StringProperty docIdProperty() {
        return docId;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObservableList<Highlighter.Segment> text() {
        return text;
    }

    public StringProperty suggestionProperty() {
        return suggestion;
    }

    public ObjectProperty<Integer> ownGradeProperty() {
        return ownGrade;
    }

    public StringProperty othersProperty() {
        return others;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }
}
