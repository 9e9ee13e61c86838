package org.relevanceworkbench.eval;

import java.util.List;

/**
 * p-MRR over the topics that have changed documents: the mean of the per-topic values, so every
 * topic weighs the same however many of its documents changed.
 *
 * @param topics the topics averaged, in topic order
 * @param topicsWithoutChangedQrels topics of the og qrels that the changed qrels do not mention at
 *     all; their graded documents all count as changed (to grade 0), which is more often a
 *     mismatch of files than a real change, so callers should say so
 */
public record PmrrResult(List<PmrrTopic> topics, List<String> topicsWithoutChangedQrels) {

    public PmrrResult {
        topics = List.copyOf(topics);
        topicsWithoutChangedQrels = List.copyOf(topicsWithoutChangedQrels);
    }

    /** True when no document changed grade: p-MRR has nothing to average. */
    public boolean isEmpty() {
        return topics.isEmpty();
    }

    /** p-MRR as a fraction in [-1, 1]; positive when the changed instruction was followed. */
    public double value() {
        if (topics.isEmpty()) {
            throw new IllegalStateException("p-MRR is undefined: no document changed grade");
        }
        return topics.stream().mapToDouble(PmrrTopic::value).average().orElseThrow();
    }

    /** p-MRR × 100, as FollowIR reports it. */
    public double percent() {
        return value() * 100;
    }

    public int changedDocuments() {
        return topics.stream().mapToInt(t -> t.documents().size()).sum();
    }
}
