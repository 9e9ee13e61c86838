package org.relevanceworkbench.store;

/**
 * One scored candidate of a run. Model outputs (logits, tokens) are null for other scorers, and either logit is null
 * where the backend did not report it (vLLM's pooling route gives only {@code logitDiff}). {@code pLow} and
 * {@code pHigh} are set only for an approximate score: the interval its p(true) is known to lie in.
 */
public record RunScore(String topicId, String variant, String docId, int rank, Double score,
        Double logitTrue, Double logitFalse, Integer nTokens, Boolean truncated, Double logitDiff, Double pLow,
        Double pHigh) {

    public RunScore(String topicId, String variant, String docId, int rank, Double score, Double logitTrue,
            Double logitFalse, Integer nTokens, Boolean truncated) {
        this(topicId, variant, docId, rank, score, logitTrue, logitFalse, nTokens, truncated,
                logitTrue == null || logitFalse == null ? null : logitTrue - logitFalse, null, null);
    }

    public static RunScore ranked(String topicId, String variant, String docId, int rank, Double score) {
        return new RunScore(topicId, variant, docId, rank, score, null, null, null, null);
    }

    /** Whether the score is only bounded, not exact. */
    public boolean approximate() {
        return pLow != null;
    }
}
