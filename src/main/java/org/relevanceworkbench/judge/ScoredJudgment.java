package org.relevanceworkbench.judge;

/** An assessor's grade of a document under a topic variant next to the model's p(true) for it. */
public record ScoredJudgment(String topicId, String variant, String docId, int grade, double pTrue) {
}
