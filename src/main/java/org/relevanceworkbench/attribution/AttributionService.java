package org.relevanceworkbench.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.compare.KendallTau;
import org.relevanceworkbench.eval.PmrrResult;
import org.relevanceworkbench.eval.Pmrr;
import org.relevanceworkbench.model.FollowIrPrompt;
import org.relevanceworkbench.model.PythonWhitespace;
import org.relevanceworkbench.rerank.CachedScoring;
import org.relevanceworkbench.rerank.CandidateSource;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * Which clauses of an instruction move a document's score. For a topic, a variant and its candidates, every
 * candidate is scored with the full instruction, with each clause left out in turn, and with the query alone (and,
 * when asked, with each clause alone, and for one document with each word left out). Every instruction text goes
 * through the scorer seam in one {@link Scorer#score} call, so the local backend runs the template's head, the
 * query and the instruction once for all documents; and through the score cache, so what a rerank or an earlier
 * attribution computed is not computed again, and a cancelled run keeps every finished batch.
 *
 * <p>Use it in three steps: {@link #plan} checks the request (no scorer needed, nothing changed), {@link #cost} says
 * what running it costs, {@link #run} scores and computes.
 */
public final class AttributionService {
    /** p(true) at or above it counts as relevant: a flip crosses it. */
    public static final double THRESHOLD = 0.5;
    /** The longest instruction word occlusion takes (one pass per word). */
    public static final int MAX_WORDS = 80;

    /** Hears an attribution as it goes. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Pairs done (cached ones count at once) of all the attribution needs. */
        default void progress(int done, int total) {
        }
    }

    private final Database db;

    public AttributionService(Database db) {
        this.db = db;
    }

    /**
     * Checks the request and resolves it: every problem is a one-line {@link UserException} and changes nothing.
     * An instruction of one clause is no error: its plan has the query alone (and a note that says so).
     */
    public AttributionPlan plan(AttributionRequest r) {
        if (r.maxClauses() < 1) {
            throw new UserException("the clause limit must be at least 1, not " + r.maxClauses());
        }
        Collection collection = db.read(c -> new CollectionDao(c).require(r.collection()));
        Topic topic = topic(collection, r.topicId());
        Variant variant = variant(topic, r.variant());
        String instruction = variant.instruction() == null ? "" : variant.instruction();
        if (PythonWhitespace.strip(instruction).isEmpty()) {
            throw new UserException("variant '" + variant.name() + "' of topic '" + topic.topicId()
                    + "' has an empty instruction: there is nothing to attribute");
        }
        Clauses clauses = r.clauses() == null ? Clauses.of(instruction) : r.clauses();
        if (!withoutSpace(clauses.text()).equals(withoutSpace(instruction))) {
            throw new UserException("those clauses are not a cut of the instruction of variant '" + variant.name()
                    + "' (joined, they must give back its text, spaces aside)");
        }
        if (clauses.size() > r.maxClauses()) {
            throw new UserException("the instruction of variant '" + variant.name() + "' has " + clauses.size()
                    + " clauses, more than " + r.maxClauses() + ": join some, or allow them (--max-clauses "
                    + clauses.size() + ")");
        }
        Document wordsDocument = null;
        List<String> words = List.of();
        if (r.wordsDocId() != null) {
            String id = r.wordsDocId();
            wordsDocument = db.read(c -> new DocumentDao(c).find(collection.id(), id)).orElseThrow(
                    () -> new UserException("collection '" + collection.name() + "' has no document '" + id + "'"));
            words = Words.of(instruction);
            if (words.size() > MAX_WORDS) {
                throw new UserException("word occlusion takes instructions of up to " + MAX_WORDS
                        + " words; this one has " + words.size() + " (attribute its clauses instead)");
            }
        }
        if (r.candidates() == null) {
            throw new UserException("no candidates given");
        }
        List<Document> candidates = new CandidateSource(db).candidates(collection, topic, r.candidates());
        if (candidates.isEmpty()) {
            throw new UserException("no candidates for topic '" + topic.topicId() + "' from " + r.candidates());
        }
        List<String> notes = new ArrayList<>();
        boolean leaveOneOut = clauses.size() > 1;
        if (!leaveOneOut) {
            notes.add("the instruction of variant '" + variant.name() + "' is one clause: leaving it out leaves the"
                    + " query alone, so only the query-alone scores are computed");
        }
        return new AttributionPlan(collection, topic, variant, clauses, candidates, leaveOneOut, r.clauseAlone(),
                wordsDocument, words, notes);
    }

    /** The pairs the plan needs and how many the score cache already has for this scorer. */
    public Cost cost(AttributionPlan plan, Scorer scorer) {
        int pairs = 0;
        int cached = 0;
        for (AttributionPlan.Prompt p : plan.prompts()) {
            pairs += p.documents().size();
            cached += CachedScoring.lookup(db, scorer, plan.collection().id(), plan.query(), p.instruction(),
                    ids(p.documents())).size();
        }
        return new Cost(pairs, cached);
    }

    /**
     * Scores what the cache lacks and computes the attribution. A cancel stops between batches with a
     * {@link org.relevanceworkbench.common.CancelledException}; every finished batch is in the cache.
     */
    public Attribution run(AttributionPlan plan, Scorer scorer, Listener listener, CancellationToken cancel) {
        long collectionId = plan.collection().id();
        CachedScoring scoring = new CachedScoring(db, scorer);
        List<AttributionPlan.Prompt> prompts = plan.prompts();
        Map<String, Map<String, CachedScore>> scores = new HashMap<>(); // {query} field → doc → score
        int pairs = 0;
        int cached = 0;
        for (AttributionPlan.Prompt p : prompts) {
            Map<String, CachedScore> found = new HashMap<>(scoring.lookup(collectionId, plan.query(), p.instruction(),
                    ids(p.documents())));
            scores.put(field(plan, p.instruction()), found);
            pairs += p.documents().size();
            cached += found.size();
        }
        Cost cost = new Cost(pairs, cached);
        int total = pairs;
        int[] done = {cached};
        listener.progress(done[0], total);
        for (AttributionPlan.Prompt p : prompts) {
            Map<String, CachedScore> found = scores.get(field(plan, p.instruction()));
            List<Candidate> missing = p.documents().stream().filter(d -> !found.containsKey(d.docId()))
                    .map(d -> new Candidate(d.docId(), d.title(), d.text())).toList();
            int before = done[0];
            scoring.score(collectionId, plan.query(), p.instruction(), missing, (batch, n, of) -> {
                batch.forEach(s -> found.put(s.docId(), s));
                done[0] = before + n;
                listener.progress(done[0], total);
            }, cancel);
        }
        return compute(plan, (instruction, docId) -> scores.get(field(plan, instruction)).get(docId).pTrue(), cost);
    }

    /** p(true) of a document with an instruction, as scored. */
    interface Scores {
        double p(String instruction, String docId);
    }

    /** The attribution from known scores (no scoring): the heat map, the summaries, the word occlusion. */
    Attribution compute(AttributionPlan plan, Scores scores, Cost cost) {
        Clauses clauses = plan.clauses();
        String full = plan.instruction();
        List<DocumentAttribution> rows = new ArrayList<>();
        for (Document d : plan.candidates()) {
            List<Double> without = new ArrayList<>();
            List<Double> alone = new ArrayList<>();
            for (int k = 0; plan.leaveOneOut() && k < clauses.size(); k++) {
                without.add(scores.p(clauses.without(k), d.docId()));
            }
            for (int k = 0; plan.clauseAlone() && k < clauses.size(); k++) {
                alone.add(scores.p(clauses.get(k), d.docId()));
            }
            rows.add(new DocumentAttribution(d.docId(), d.title(), scores.p(full, d.docId()), scores.p("", d.docId()),
                    without, alone));
        }
        Qrels qrels = qrels(plan);
        List<ClauseSummary> summaries = new ArrayList<>();
        for (int k = 0; plan.leaveOneOut() && k < clauses.size(); k++) {
            int clause = k;
            summaries.add(summary(plan.topic().topicId(), k + 1, clauses.get(k), clauses.without(k), rows,
                    r -> r.pWithout().get(clause), qrels));
        }
        ClauseSummary queryAlone = summary(plan.topic().topicId(), 0, null, "", rows,
                DocumentAttribution::pQueryAlone, qrels);
        WordOcclusion words = null;
        if (plan.wordsDocument() != null) {
            String id = plan.wordsDocument().docId();
            List<WordOcclusion.Word> list = new ArrayList<>();
            for (int w = 0; w < plan.words().size(); w++) {
                String without = Words.without(plan.words(), w);
                list.add(new WordOcclusion.Word(w + 1, plan.words().get(w), without, scores.p(without, id)));
            }
            words = new WordOcclusion(id, scores.p(full, id), list);
        }
        return new Attribution(plan.collection().name(), plan.topic().topicId(), plan.variant().name(), plan.query(),
                full, clauses, plan.leaveOneOut(), plan.clauseAlone(), rows, summaries, queryAlone, words, cost);
    }

    /** The og and changed grades p-MRR reads: the baseline variant's imported qrels and this variant's. */
    private record Qrels(Map<String, Integer> og, Map<String, Integer> changed) {
    }

    private Qrels qrels(AttributionPlan plan) {
        Topic topic = plan.topic();
        String baseline = topic.variants().get(0).name();
        String variant = plan.variant().name();
        if (baseline.equals(variant)) {
            return null;
        }
        List<Qrel> all = db.read(c -> new QrelDao(c).list(plan.collection().id()));
        Map<String, Integer> og = new LinkedHashMap<>();
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (Qrel q : all) {
            if (q.source().equals(QrelDao.IMPORTED) && q.topicId().equals(topic.topicId())) {
                if (q.variant().equals(baseline)) {
                    og.put(q.docId(), q.grade());
                } else if (q.variant().equals(variant)) {
                    changed.put(q.docId(), q.grade());
                }
            }
        }
        return og.isEmpty() || changed.isEmpty() ? null : new Qrels(og, changed);
    }

    private static ClauseSummary summary(String topicId, int index, String clause, String instruction,
            List<DocumentAttribution> rows, java.util.function.ToDoubleFunction<DocumentAttribution> without,
            Qrels qrels) {
        double[] full = rows.stream().mapToDouble(DocumentAttribution::pFull).toArray();
        double[] other = rows.stream().mapToDouble(without).toArray();
        int flips = 0;
        double sum = 0;
        Map<String, Double> fullRun = new LinkedHashMap<>();
        Map<String, Double> withoutRun = new LinkedHashMap<>();
        for (int i = 0; i < full.length; i++) {
            if ((full[i] >= THRESHOLD) != (other[i] >= THRESHOLD)) {
                flips++;
            }
            sum += Math.abs(other[i] - full[i]);
            fullRun.put(rows.get(i).docId(), full[i]);
            withoutRun.put(rows.get(i).docId(), other[i]);
        }
        Double pMrr = null;
        if (qrels != null) { // the run without the clause plays og, the full one the changed instruction
            PmrrResult result = Pmrr.compute(Map.of(topicId, qrels.og()), Map.of(topicId, qrels.changed()),
                    Map.of(topicId, withoutRun), Map.of(topicId, fullRun));
            pMrr = result.isEmpty() ? null : result.value();
        }
        return new ClauseSummary(index, clause, instruction, flips, full.length == 0 ? Double.NaN : sum / full.length,
                KendallTau.tauB(full, other), pMrr);
    }

    /**
     * Checks a what-if before anything runs: the name is free and well-formed, the clause exists. Returns the
     * instruction the variant would get.
     */
    public String checkWhatIf(String collectionName, String topicId, String variantName, Clauses clausesOrNull,
            int clause, boolean alone, String name) {
        Collection collection = db.read(c -> new CollectionDao(c).require(collectionName));
        Topic topic = topic(collection, topicId);
        Variant variant = variant(topic, variantName);
        String instruction = variant.instruction() == null ? "" : variant.instruction();
        Clauses clauses = clausesOrNull == null ? Clauses.of(instruction) : clausesOrNull;
        String newName = name == null ? "" : name.strip();
        if (newName.isEmpty() || newName.chars().anyMatch(Character::isWhitespace)) {
            throw new UserException("a variant name needs letters and no spaces, not '" + name + "'");
        }
        if (topic.variant(newName).isPresent()) {
            throw new UserException("topic '" + topic.topicId() + "' already has a variant '" + newName + "'");
        }
        if (clauses.size() == 0) {
            throw new UserException("variant '" + variant.name() + "' of topic '" + topic.topicId()
                    + "' has an empty instruction: it has no clause to leave out");
        }
        if (clause < 0 || clause >= clauses.size()) {
            throw new UserException("there is no clause " + (clause + 1) + ": the instruction of variant '"
                    + variant.name() + "' has " + clauses.size() + (clauses.size() == 1 ? " clause" : " clauses"));
        }
        return alone ? clauses.get(clause) : clauses.without(clause);
    }

    /**
     * Turns an attribution row into a new variant of the topic, named {@code name}, placed last: the instruction
     * without clause {@code clause} (0-based), or with that clause alone. It then compares, judges and exports like
     * any other variant, and its scores for the attributed candidates are already in the cache.
     */
    public Variant whatIf(String collectionName, String topicId, String variantName, Clauses clausesOrNull, int clause,
            boolean alone, String name) {
        String instruction = checkWhatIf(collectionName, topicId, variantName, clausesOrNull, clause, alone, name);
        String newName = name.strip();
        return db.write(c -> {
            long collectionId = new CollectionDao(c).require(collectionName).id();
            TopicDao topics = new TopicDao(c);
            long row = topics.findRow(collectionId, topicId).orElseThrow();
            topics.upsertVariant(row, newName, instruction);
            return topics.find(collectionId, topicId).orElseThrow().variant(newName).orElseThrow();
        });
    }

    /** How an attribution row is named: "without clause 3", "clause 3 alone" (1-based). */
    public static String rowName(int clause, boolean alone) {
        return alone ? "clause " + (clause + 1) + " alone" : "without clause " + (clause + 1);
    }

    private Topic topic(Collection collection, String topicId) {
        return db.read(c -> new TopicDao(c).find(collection.id(), topicId)).orElseThrow(
                () -> new UserException("collection '" + collection.name() + "' has no topic '" + topicId + "'"));
    }

    private static Variant variant(Topic topic, String name) {
        String wanted = name == null ? "" : name.strip();
        return topic.variant(wanted).orElseThrow(() -> new UserException("topic '" + topic.topicId()
                + "' has no variant '" + wanted + "' (variants: " + String.join(", ",
                        topic.variants().stream().map(Variant::name).toList()) + ")"));
    }

    private static String field(AttributionPlan plan, String instruction) {
        return FollowIrPrompt.queryField(plan.query(), instruction);
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(Document::docId).toList();
    }

    private static String withoutSpace(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().filter(ch -> !PythonWhitespace.isSpace(ch)).forEach(ch -> b.append((char) ch));
        return b.toString();
    }
}
