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
 * @param postEdit     whether each document starts from the model's label (grade 1 when p(true) ≥ 0.5, else 0), the
 *                     assessor confirming or changing it: the post-editing condition of LLM-assisted judging
 */
public record JudgingSetup(String collection, String topicId, String variant, String assessor,
        CandidateSpec candidates, QueueOrder order, long seed, String scoresRun, boolean adjudication,
        boolean postEdit) {

    /** A setup without post-editing: suggestions shown as p(true) (or hidden when blind). */
    public JudgingSetup(String collection, String topicId, String variant, String assessor, CandidateSpec candidates,
            QueueOrder order, long seed, String scoresRun, boolean adjudication) {
        this(collection, topicId, variant, assessor, candidates, order, seed, scoresRun, adjudication, false);
    }

    /** The model's label a post-editing assessor starts from: relevant (1) at p(true) ≥ 0.5, else not (0). */
    public static int modelLabel(double pTrue) {
        return pTrue >= 0.5 ? 1 : 0;
    }
}
