package org.relevanceworkbench.evaluate;

import org.relevanceworkbench.eval.OgEffectiveness;
import org.relevanceworkbench.eval.PmrrTopic;

/**
 * One topic of an evaluation: scored (its candidates, how many pairs came from the cache, how many were scored, and
 * its own p-MRR and og AP / nDCG@5 where its qrels allow), or left out with why.
 */
public record TopicOutcome(String topicId, boolean evaluated, String candidates, int documents, int fromCache,
        int scored, PmrrTopic pmrr, OgEffectiveness og, String note) {

    static TopicOutcome skipped(String topicId, String why) {
        return new TopicOutcome(topicId, false, null, 0, 0, 0, null, null, why);
    }

    static TopicOutcome scored(String topicId, String candidates, int documents, int fromCache, int scored) {
        return new TopicOutcome(topicId, true, candidates, documents, fromCache, scored, null, null, null);
    }

    TopicOutcome withMetrics(PmrrTopic topicPmrr, OgEffectiveness topicOg) {
        return new TopicOutcome(topicId, evaluated, candidates, documents, fromCache, scored, topicPmrr, topicOg, note);
    }
}
