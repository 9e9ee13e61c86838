package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MAP and nDCG@5 of the og run against the og qrels, as FollowIR reports them beside p-MRR
 * (MAP for Robust04 and Core17, nDCG@5 for News21): trec_eval's map and ndcg_cut.5, averaged over
 * the topics that both the qrels and the run have, as trec_eval does without -c.
 */
public record OgEffectiveness(double map, double ndcgAt5, int topics) {

    public static OgEffectiveness of(Map<String, ? extends Map<String, Integer>> qrels,
            Map<String, ? extends Map<String, Double>> run) {
        double map = 0;
        double ndcg = 0;
        int n = 0;
        for (Map.Entry<String, ? extends Map<String, Integer>> topic : qrels.entrySet()) {
            Map<String, Double> scores = run.get(topic.getKey());
            if (scores == null || scores.isEmpty()) {
                continue;
            }
            List<ScoredDoc> ranking = new ArrayList<>();
            long line = 0;
            for (Map.Entry<String, Double> s : scores.entrySet()) {
                ranking.add(new ScoredDoc(s.getKey(), s.getValue(), ++line));
            }
            QueryMetrics metrics = QueryMetrics.of(Map.copyOf(topic.getValue()), ranking);
            map += metrics.averagePrecision();
            ndcg += metrics.ndcgAt(5);
            n++;
        }
        return n == 0 ? new OgEffectiveness(Double.NaN, Double.NaN, 0) : new OgEffectiveness(map / n, ndcg / n, n);
    }
}
