package org.relevanceworkbench.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.rerank.CandidateSource;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;

/**
 * Gathers a study for {@link MtebStudy}. A topic goes in only when it has qrels under both
 * variants and at least one candidate: MTEB drops queries without og qrels and then asserts that
 * top_ranked covers exactly its queries, so a half-covered topic would break the whole task. Topics
 * left out, judged documents missing from the collection and og judgments without a changed grade
 * (MTEB's {@code create_qrel_diff} looks every og document up under changed) become warnings.
 */
public final class MtebExport {
    /** The default candidates: the documents the exported qrels judge for the topic (FollowIR reranks its judged pool). */
    public static final String QRELS_CANDIDATES = "qrels";

    private final Database db;

    public MtebExport(Database db) {
        this.db = db;
    }

    /**
     * @param variants   two variants: the first becomes og, the second changed
     * @param topicIds   the topics to export, or null for every topic that has both variants
     * @param candidates {@value #QRELS_CANDIDATES}, or a {@link CandidateSpec} ({@code run:NAME}, {@code bm25:K}, {@code all})
     */
    public MtebStudy prepare(String collectionName, List<String> variants, List<String> topicIds,
            QrelsSelection selection, String candidates) {
        Collection collection = Lookups.collection(db, collectionName);
        if (variants.size() != 2 || variants.get(0).equals(variants.get(1))) {
            throw new UserException("--variants takes two different variants, the original first: og,changed");
        }
        String og = variants.get(0);
        String changed = variants.get(1);
        CandidateSpec spec = QRELS_CANDIDATES.equals(candidates) ? null : CandidateSpec.parse(candidates);
        List<Topic> topics = chooseTopics(collection, og, changed, topicIds);
        List<Qrel> qrels = SelectedQrels.load(db, collection, selection).qrels();

        List<String> warnings = new ArrayList<>();
        List<MtebStudy.MtebQuery> queries = new ArrayList<>();
        List<Qrel> qrelsOg = new ArrayList<>();
        List<Qrel> qrelsChanged = new ArrayList<>();
        Map<String, List<String>> qrelDiff = new LinkedHashMap<>();
        Map<String, List<String>> topRanked = new LinkedHashMap<>();
        Map<String, Document> corpus = new LinkedHashMap<>();
        Set<String> missingDocs = new LinkedHashSet<>();
        int withoutChangedGrade = 0;
        for (Topic topic : topics) {
            Map<String, Integer> ogGrades = grades(qrels, topic.topicId(), og);
            Map<String, Integer> changedGrades = grades(qrels, topic.topicId(), changed);
            if (ogGrades.isEmpty() || changedGrades.isEmpty()) {
                warnings.add("topic '" + topic.topicId() + "' left out: " + selection.describe() + " have no grades under '"
                        + (ogGrades.isEmpty() ? og : changed) + "'");
                continue;
            }
            Set<String> judged = new TreeSet<>(TrecOrder.DOCNOS);
            judged.addAll(ogGrades.keySet());
            judged.addAll(changedGrades.keySet());
            Map<String, Document> judgedDocs = documents(collection, judged);
            List<Document> candidateDocs = spec == null ? List.copyOf(judgedDocs.values())
                    : new CandidateSource(db).candidates(collection, topic, spec);
            if (candidateDocs.isEmpty()) {
                warnings.add("topic '" + topic.topicId() + "' left out: no candidates from "
                        + (spec == null ? QRELS_CANDIDATES : spec));
                continue;
            }
            queries.add(new MtebStudy.MtebQuery(topic.topicId(), topic.query(), instruction(topic, og),
                    instruction(topic, changed)));
            ogGrades.forEach((doc, grade) -> qrelsOg.add(new Qrel(topic.topicId(), og, doc, grade, null)));
            changedGrades.forEach((doc, grade) -> qrelsChanged.add(new Qrel(topic.topicId(), changed, doc, grade, null)));
            List<String> differing = new ArrayList<>();
            for (Map.Entry<String, Integer> e : ogGrades.entrySet()) {
                Integer other = changedGrades.get(e.getKey());
                if (other == null) {
                    withoutChangedGrade++;
                } else if (!other.equals(e.getValue())) {
                    differing.add(e.getKey());
                }
            }
            qrelDiff.put(topic.topicId(), differing);
            topRanked.put(topic.topicId(), candidateDocs.stream().map(Document::docId).toList());
            candidateDocs.forEach(d -> corpus.putIfAbsent(d.docId(), d));
            judgedDocs.values().forEach(d -> corpus.putIfAbsent(d.docId(), d));
            judged.stream().filter(id -> !judgedDocs.containsKey(id)).forEach(missingDocs::add);
        }
        if (queries.isEmpty()) {
            throw new UserException("nothing to export: " + String.join("; ", warnings));
        }
        if (!missingDocs.isEmpty()) {
            warnings.add(missingDocs.size() + " judged documents are not in collection '" + collection.name()
                    + "', so corpus.jsonl lacks them (first: " + missingDocs.iterator().next() + ")");
        }
        if (withoutChangedGrade > 0) {
            warnings.add(withoutChangedGrade + " documents judged under '" + og + "' have no grade under '" + changed
                    + "': MTEB's create_qrel_diff will fail on them (KeyError)");
        }
        return new MtebStudy(queries, qrelsOg, qrelsChanged, qrelDiff, topRanked, List.copyOf(corpus.values()),
                warnings);
    }

    private List<Topic> chooseTopics(Collection collection, String og, String changed, List<String> topicIds) {
        if (topicIds != null && !topicIds.isEmpty()) {
            List<Topic> chosen = new ArrayList<>();
            for (String id : topicIds) {
                Topic topic = Lookups.topic(db, collection, id);
                Lookups.variant(topic, og);
                Lookups.variant(topic, changed);
                chosen.add(topic);
            }
            return chosen;
        }
        List<Topic> all = db.read(c -> new TopicDao(c).list(collection.id()));
        List<Topic> both = all.stream()
                .filter(t -> t.variant(og).isPresent() && t.variant(changed).isPresent()).toList();
        if (both.isEmpty()) {
            throw new UserException("no topic of collection '" + collection.name() + "' has both variants '" + og
                    + "' and '" + changed + "'");
        }
        return both;
    }

    /** One topic's grades under one variant, by docno. */
    private static Map<String, Integer> grades(List<Qrel> qrels, String topicId, String variant) {
        Map<String, Integer> out = new TreeMap<>(TrecOrder.DOCNOS);
        for (Qrel q : qrels) {
            if (q.topicId().equals(topicId) && q.variant().equals(variant)) {
                out.put(q.docId(), q.grade());
            }
        }
        return out;
    }

    private static String instruction(Topic topic, String variant) {
        return topic.variant(variant).map(v -> v.instruction() == null ? "" : v.instruction()).orElse("");
    }

    /** The stored documents among {@code ids}, in their order; ids the collection lacks are left out. */
    private Map<String, Document> documents(Collection collection, Set<String> ids) {
        return db.read(c -> {
            DocumentDao dao = new DocumentDao(c);
            Map<String, Document> out = new LinkedHashMap<>();
            for (String id : ids) {
                Optional<Document> d = dao.find(collection.id(), id);
                d.ifPresent(doc -> out.put(id, doc));
            }
            return out;
        });
    }
}
