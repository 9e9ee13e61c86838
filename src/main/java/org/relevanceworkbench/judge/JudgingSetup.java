package org.relevanceworkbench.judge;

import org.relevanceworkbench.rerank.CandidateSpec;

/**
 * What to judge and how.
 *
 * @param collection   the collection
 * @param topicId      the topic
 * @param variant      the instruction variant judged against
 * @param assessor     who judges
 * @param candidates   which documents (a run, BM25 top k, all, or a pool)
 * @param order        the queue order
 * @param seed         the blind shuffle's seed
 * @param scoresRun    the FollowIR run giving p(true) suggestions, or null for 'followir-VARIANT' if present
 * @param adjudication whether others' judgments are shown (adjudication view)
 */
public record JudgingSetup(String collection, String topicId, String variant, String assessor,
        CandidateSpec candidates, QueueOrder order, long seed, String scoresRun, boolean adjudication) {

    /** The run FollowIR reranking writes for a variant, used for suggestions unless another is named. */
    public static String defaultScoresRun(String variant) {
        return "followir-" + variant;
    }
}
