package org.relevanceworkbench.store;

/** One assessor's grade for a document under one topic variant, with a note and the time it took. */
public record Judgment(String assessor, String topicId, String variant, String docId, int grade, String note,
        double secondsSpent, String judgedAt) {
}
