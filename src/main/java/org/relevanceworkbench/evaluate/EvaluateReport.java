package org.relevanceworkbench.evaluate;

import java.util.List;
import org.relevanceworkbench.eval.OgEffectiveness;
import org.relevanceworkbench.eval.PmrrResult;
import org.relevanceworkbench.scoring.Provenance;

/**
 * What an evaluation found: FollowIR's table row for one scorer on one collection (p-MRR, og MAP, og nDCG@5), per
 * topic, the topics left out, the pairs and where their scores came from, and the scorer's provenance.
 *
 * @param pairs       the pairs the evaluation covers (candidates × 2 variants over every topic evaluated)
 * @param fromCache   of those, how many the score cache already had
 * @param approximate of those, how many are only bounded (a server's top-k logprobs lacked "true" or "false")
 */
public record EvaluateReport(EvaluateRequest request, String collection, Provenance provenance, PmrrResult pmrr,
        OgEffectiveness og, List<TopicOutcome> topics, List<TopicOutcome> skipped, long pairs, long fromCache,
        long approximate) {

    /** p-MRR over the topics with changed documents; NaN when no topic has any. */
    public double pMrr() {
        return pmrr.isEmpty() ? Double.NaN : pmrr.value();
    }

    public long scored() {
        return pairs - fromCache;
    }
}
