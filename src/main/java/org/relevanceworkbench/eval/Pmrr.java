package org.relevanceworkbench.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * FollowIR's p-MRR (Weller et al. 2024, Eq. 1), computed as MTEB's {@code evaluate_change} does.
 *
 * <p>The documents looked at are those of the og qrels whose grade differs in the changed qrels (a
 * document the changed qrels do not list has grade 0 there). Each gets its rank in the og run,
 * R_og, and in the changed run, R_new (see {@link PmrrRanking}), and the term
 * <pre>
 *   R_og &gt; R_new:  (1/R_og) / (1/R_new) - 1     the document moved up: negative
 *   otherwise:     1 - (1/R_new) / (1/R_og)     it moved down: positive; same rank: 0
 * </pre>
 * Terms are averaged per topic, then topics are averaged; topics without changed documents are
 * left out.
 *
 * <p>Inputs are plain maps (qrels: topic → doc → grade; runs: topic → doc → score), so qrels and
 * runs from files and from the workspace go through the same arithmetic.
 */
public final class Pmrr {
    /** Numeric topic ids in numeric order first (301 before 1000), then the others alphabetically. */
    static final Comparator<String> TOPIC_ORDER = Comparator.<String, Boolean>comparing(id -> !isNumber(id))
            .thenComparing((a, b) -> isNumber(a) ? new BigInteger(a).compareTo(new BigInteger(b)) : 0)
            .thenComparing(Comparator.naturalOrder());

    private Pmrr() {
    }

    public static PmrrResult compute(Map<String, ? extends Map<String, Integer>> ogQrels,
            Map<String, ? extends Map<String, Integer>> changedQrels,
            Map<String, ? extends Map<String, Double>> ogRun,
            Map<String, ? extends Map<String, Double>> changedRun) {
        List<PmrrTopic> topics = new ArrayList<>();
        List<String> withoutChangedQrels = new ArrayList<>();
        for (String topicId : ogQrels.keySet().stream().sorted(TOPIC_ORDER).toList()) {
            Map<String, Integer> changedGrades = changedQrels.get(topicId);
            if (changedGrades == null) {
                withoutChangedQrels.add(topicId);
                changedGrades = Map.of();
            }
            PmrrRanking og = ranking(ogRun, topicId);
            PmrrRanking changed = ranking(changedRun, topicId);
            List<PmrrDocument> documents = new ArrayList<>();
            for (Map.Entry<String, Integer> e : ogQrels.get(topicId).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                int ogGrade = e.getValue();
                int changedGrade = changedGrades.getOrDefault(e.getKey(), 0);
                if (ogGrade != changedGrade) {
                    int ogRank = og.rankOf(e.getKey());
                    int changedRank = changed.rankOf(e.getKey());
                    documents.add(new PmrrDocument(e.getKey(), ogGrade, changedGrade, ogRank, changedRank,
                            rankScore(ogRank, changedRank)));
                }
            }
            if (!documents.isEmpty()) {
                double mean = documents.stream().mapToDouble(PmrrDocument::value).average().orElseThrow();
                topics.add(new PmrrTopic(topicId, mean, documents, og.size(), changed.size()));
            }
        }
        return new PmrrResult(topics, withoutChangedQrels);
    }

    /** The topic's ranking in a run; an empty one when the run does not have the topic. */
    private static PmrrRanking ranking(Map<String, ? extends Map<String, Double>> run, String topicId) {
        Map<String, Double> scores = run.get(topicId);
        return new PmrrRanking(scores == null ? Map.of() : scores);
    }

    /** One document's term of Eq. 1: MTEB's {@code rank_score}. */
    public static double rankScore(int ogRank, int changedRank) {
        if (ogRank > changedRank) {
            return (1.0 / ogRank) / (1.0 / changedRank) - 1;
        }
        return 1 - (1.0 / changedRank) / (1.0 / ogRank);
    }

    private static boolean isNumber(String id) {
        return !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
