package org.relevanceworkbench.judge;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import org.relevanceworkbench.common.AppVersion;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.rerank.CandidateSource;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * One assessor judging one topic variant through a queue of documents. Every judgment is
 * committed to the workspace before {@link #judge} returns, so what the screen shows as judged is
 * on disk: killing the app loses nothing acknowledged, and reopening resumes at the first
 * unjudged document. Time spent counts from when a document is shown until it is judged. Undo
 * puts back exactly what the last judgment replaced (or removes it when there was none).
 */
public final class JudgingSession {
    private final Database db;
    private final JudgingSetup setup;
    private final Collection collection;
    private final Topic topic;
    private final Variant variant;
    private final List<QueueItem> items;
    private final Map<String, Judgment> own = new HashMap<>();
    private final Deque<Undo> undo = new ArrayDeque<>();
    private final LongSupplier nanoTime;
    private int index;
    private long shownAt;
    private int disagreements;

    /** What undoing one judgment restores: the document's position and its judgment before (or none). */
    private record Undo(int index, String docId, Judgment before) {
    }

    private JudgingSession(Database db, JudgingSetup setup, Collection collection, Topic topic, Variant variant,
            List<QueueItem> items, LongSupplier nanoTime) {
        this.db = db;
        this.setup = setup;
        this.collection = collection;
        this.topic = topic;
        this.variant = variant;
        this.items = items;
        this.nanoTime = nanoTime;
    }

    public static JudgingSession open(Database db, JudgingSetup setup) {
        return open(db, setup, System::nanoTime);
    }

    /** With a clock of the caller's, so tests can measure time spent exactly. */
    public static JudgingSession open(Database db, JudgingSetup setup, LongSupplier nanoTime) {
        Collection collection = db.read(c -> new CollectionDao(c).require(setup.collection()));
        Topic topic = db.read(c -> new TopicDao(c).find(collection.id(), setup.topicId())).orElseThrow(
                () -> new UserException("collection '" + setup.collection() + "' has no topic '" + setup.topicId() + "'"));
        Variant variant = topic.variant(setup.variant()).orElseThrow(() -> new UserException("topic '" + topic.topicId()
                + "' has no variant '" + setup.variant() + "' (variants: "
                + String.join(", ", topic.variants().stream().map(Variant::name).toList()) + ")"));
        if (setup.postEdit() && setup.order() == QueueOrder.BLIND) {
            throw new UserException("post-editing starts from the model's labels, which a blind queue hides: choose"
                    + " another order, or judge blind without post-editing");
        }
        List<Document> documents = new CandidateSource(db).candidates(collection, topic, setup.candidates());
        if (documents.isEmpty()) {
            throw new UserException("no documents to judge for topic '" + topic.topicId() + "' from " + setup.candidates());
        }
        Map<String, Double> scores = scores(db, collection, topic, setup);
        List<QueueItem> items = order(documents, scores, setup);
        Set<String> disagreed = Set.of();
        if (setup.adjudication()) {
            List<String> ordered = Disagreements.disagreedDocuments(db.read(c -> new JudgmentDao(c).list(
                    collection.id(), topic.topicId(), variant.name())));
            items = disagreementsFirst(items, ordered);
            disagreed = Set.copyOf(ordered);
        }
        JudgingSession session = new JudgingSession(db, setup, collection, topic, variant, items, nanoTime);
        session.disagreements = (int) items.stream().map(QueueItem::docId).filter(disagreed::contains).count();
        session.loadOwnJudgments();
        session.index = session.firstUnjudged();
        session.shownAt = nanoTime.getAsLong();
        return session;
    }

    private static Map<String, Double> scores(Database db, Collection collection, Topic topic, JudgingSetup setup) {
        String runName = setup.scoresRun() != null ? setup.scoresRun() : RunName.followir(setup.variant()).toString();
        Optional<Run> run = db.read(c -> new RunDao(c).find(collection.id(), runName));
        if (run.isEmpty()) {
            if (setup.scoresRun() != null || setup.order().needsScores()) {
                throw new UserException("ordering by " + setup.order().cliName() + " needs model scores, and collection '"
                        + collection.name() + "' has no run '" + runName + "': rerank first, or choose another order");
            }
            return Map.of();
        }
        List<RunScore> rows = db.read(c -> new RunDao(c).scores(run.get().id(), topic.topicId(), setup.variant()));
        Map<String, Double> out = new HashMap<>();
        for (RunScore row : rows) {
            if (row.score() != null) {
                out.put(row.docId(), row.score());
            }
        }
        return out;
    }

    private static List<QueueItem> order(List<Document> documents, Map<String, Double> scores, JudgingSetup setup) {
        boolean blind = setup.order() == QueueOrder.BLIND;
        List<QueueItem> items = new ArrayList<>();
        for (Document d : documents) {
            items.add(new QueueItem(d, blind ? null : scores.get(d.docId())));
        }
        Comparator<QueueItem> byId = Comparator.comparing(QueueItem::docId);
        switch (setup.order()) {
            case MODEL_SCORE -> items.sort(Comparator.comparing((QueueItem i) -> i.pTrue() == null ? -1 : i.pTrue())
                    .reversed().thenComparing(byId));
            case UNCERTAINTY -> items.sort(Comparator.comparing(
                    (QueueItem i) -> i.pTrue() == null ? Double.MAX_VALUE : Math.abs(i.pTrue() - 0.5)).thenComparing(byId));
            case COLLECTION -> items.sort(Comparator.comparingLong(i -> i.document().row()));
            case BLIND -> {
                items.sort(Comparator.comparingLong(i -> i.document().row())); // the same start for the same seed
                Collections.shuffle(items, new Random(setup.seed()));
            }
        }
        return List.copyOf(items);
    }

    /**
     * An adjudicator's queue: the documents assessors disagree on first, in {@link Disagreements}' order (widest
     * spread first), then the others in the order chosen, since that order still says what to look at next.
     */
    static List<QueueItem> disagreementsFirst(List<QueueItem> ordered, List<String> disagreed) {
        Map<String, Integer> rank = new HashMap<>();
        for (String docId : disagreed) {
            rank.put(docId, rank.size());
        }
        List<QueueItem> out = new ArrayList<>(ordered);
        // List.sort is stable: the documents nobody disagrees on keep the chosen order
        out.sort(Comparator.comparingInt(i -> rank.getOrDefault(i.docId(), Integer.MAX_VALUE)));
        return List.copyOf(out);
    }

    private void loadOwnJudgments() {
        own.clear();
        for (Judgment j : db.read(c -> new JudgmentDao(c).list(collection.id(), topic.topicId(), variant.name()))) {
            if (j.assessor().equals(setup.assessor())) {
                own.put(j.docId(), j);
            }
        }
    }

    public Topic topic() {
        return topic;
    }

    public Variant variant() {
        return variant;
    }

    public JudgingSetup setup() {
        return setup;
    }

    public List<QueueItem> items() {
        return items;
    }

    public int index() {
        return index;
    }

    public QueueItem current() {
        return items.get(index);
    }

    /** This assessor's judgment of a document, if any (never another assessor's). */
    public Optional<Judgment> judgment(String docId) {
        return Optional.ofNullable(own.get(docId));
    }

    /** Other assessors' judgments of a document: shown only in the adjudication view. */
    public List<Judgment> othersJudgments(String docId) {
        if (!setup.adjudication()) {
            return List.of();
        }
        return db.read(c -> new JudgmentDao(c).list(collection.id(), topic.topicId(), variant.name())).stream()
                .filter(j -> j.docId().equals(docId) && !j.assessor().equals(setup.assessor())).toList();
    }

    /** How many documents of an adjudicator's queue assessors disagree on: they come first. 0 unless adjudicating. */
    public int disagreements() {
        return disagreements;
    }

    public int judgedCount() {
        return (int) items.stream().filter(i -> own.containsKey(i.docId())).count();
    }

    public boolean isDone() {
        return judgedCount() == items.size();
    }

    /** The first document this assessor has not judged yet (the last one when all are judged). */
    public int firstUnjudged() {
        for (int i = 0; i < items.size(); i++) {
            if (!own.containsKey(items.get(i).docId())) {
                return i;
            }
        }
        return items.size() - 1;
    }

    /**
     * Commits the grade (and note) of the current document, with the time since it was shown,
     * then moves to the next document. Returns once the judgment is on disk.
     */
    public Judgment judge(int grade, String note) {
        QueueItem item = current();
        double seconds = (nanoTime.getAsLong() - shownAt) / 1e9;
        Judgment judgment = new Judgment(setup.assessor(), topic.topicId(), variant.name(), item.docId(), grade,
                note == null || note.isBlank() ? null : note.strip(), seconds, null, condition(item));
        Judgment before = own.get(item.docId());
        db.write(c -> {
            new JudgmentDao(c).record(collection.id(), judgment);
            return null;
        });
        own.put(item.docId(), db.read(c -> new JudgmentDao(c).find(collection.id(), setup.assessor(), topic.topicId(),
                variant.name(), item.docId())).orElseThrow());
        undo.push(new Undo(index, item.docId(), before));
        next();
        return own.get(item.docId());
    }

    /**
     * The condition the current document is judged under: post-editing the model's label, a suggestion shown, or
     * blind (nothing shown: a blind queue, or no score for the document).
     */
    public Judgment.Condition condition(QueueItem item) {
        String kind = item.pTrue() == null ? Judgment.Condition.BLIND
                : setup.postEdit() ? Judgment.Condition.POST_EDIT : Judgment.Condition.SUGGESTED;
        return new Judgment.Condition(kind, item.pTrue(), setup.order().cliName(), AppVersion.current());
    }

    /** The grade a post-editing assessor starts from for the current document; empty when not post-editing. */
    public Optional<Integer> startingGrade() {
        QueueItem item = current();
        return setup.postEdit() && item.pTrue() != null ? Optional.of(JudgingSetup.modelLabel(item.pTrue()))
                : Optional.empty();
    }

    /** Moves on without judging. */
    public void skip() {
        next();
    }

    public void next() {
        moveTo(Math.min(index + 1, items.size() - 1));
    }

    public void previous() {
        moveTo(Math.max(index - 1, 0));
    }

    public void moveTo(int position) {
        if (position < 0 || position >= items.size()) {
            throw new IndexOutOfBoundsException("no document " + position + " in a queue of " + items.size());
        }
        index = position;
        shownAt = nanoTime.getAsLong();
    }

    /** Takes the last judgment of this session back and returns to its document; false when there is none. */
    public boolean undo() {
        Undo last = undo.poll();
        if (last == null) {
            return false;
        }
        db.write(c -> {
            JudgmentDao judgments = new JudgmentDao(c);
            if (last.before() == null) {
                judgments.delete(collection.id(), setup.assessor(), topic.topicId(), variant.name(), last.docId());
            } else {
                judgments.restore(collection.id(), last.before());
            }
            return null;
        });
        if (last.before() == null) {
            own.remove(last.docId());
        } else {
            own.put(last.docId(), last.before());
        }
        moveTo(last.index());
        return true;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }
}
