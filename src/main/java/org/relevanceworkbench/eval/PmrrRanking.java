package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One topic's ranks in one run, as p-MRR reads them: score descending, ties broken by document id
 * descending (the order trec_eval reads runs in, and the order the workbench stores reranked runs
 * in), 1-based. A document the run does not hold ranks just below its last one (size + 1), as
 * MTEB's {@code get_rank_from_dict} places it.
 */
final class PmrrRanking {
    private final Map<String, Integer> ranks = new HashMap<>();

    PmrrRanking(Map<String, Double> scores) {
        List<Map.Entry<String, Double>> ordered = new ArrayList<>(scores.entrySet());
        ordered.sort((a, b) -> {
            double x = a.getValue();
            double y = b.getValue();
            if (x != y) { // not Double.compare: 0.0 and -0.0 are a tie, as in trec_eval
                return x > y ? -1 : 1;
            }
            return b.getKey().compareTo(a.getKey());
        });
        for (int i = 0; i < ordered.size(); i++) {
            ranks.put(ordered.get(i).getKey(), i + 1);
        }
    }

    /** How many documents the run ranks for this topic. */
    int size() {
        return ranks.size();
    }

    int rankOf(String docId) {
        Integer rank = ranks.get(docId);
        return rank == null ? ranks.size() + 1 : rank;
    }
}
