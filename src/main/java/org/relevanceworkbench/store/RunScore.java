package org.relevanceworkbench.store;

/** One scored candidate of a run. Model outputs (logits, tokens) are null for other scorers. */
public record RunScore(String topicId, String variant, String docId, int rank, Double score,
        Double logitTrue, Double logitFalse, Integer nTokens, Boolean truncated) {

    public static RunScore ranked(String topicId, String variant, String docId, int rank, Double score) {
        return new RunScore(topicId, variant, docId, rank, score, null, null, null, null);
    }
}
