package org.relevanceworkbench.store;

/**
 * A FollowIR score kept in the score cache. Logits are NaN where the backend did not report them; {@code pLow} and
 * {@code pHigh} are NaN for an exact score and bound p(true) for an approximate one.
 */
public record CachedScore(String docId, double pTrue, double logitTrue, double logitFalse, double logitDiff,
        int nTokens, boolean truncated, double pLow, double pHigh) {

    /** An exact score with both logits. */
    public CachedScore(String docId, double pTrue, double logitTrue, double logitFalse, int nTokens, boolean truncated) {
        this(docId, pTrue, logitTrue, logitFalse, logitTrue - logitFalse, nTokens, truncated, Double.NaN, Double.NaN);
    }

    /** Whether p(true) is only bounded (see {@link #pLow}, {@link #pHigh}). */
    public boolean approximate() {
        return !Double.isNaN(pLow);
    }
}
