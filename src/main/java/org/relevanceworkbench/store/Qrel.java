package org.relevanceworkbench.store;

/** A graded relevance assessment of one document for one topic under one instruction variant. */
public record Qrel(String topicId, String variant, String docId, int grade, String source) {
}
