package org.relevanceworkbench.store;

/** A FollowIR score kept in the score cache. */
public record CachedScore(String docId, double pTrue, double logitTrue, double logitFalse, int nTokens,
        boolean truncated) {
}
