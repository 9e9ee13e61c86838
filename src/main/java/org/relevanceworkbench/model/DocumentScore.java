package org.relevanceworkbench.model;

/**
 * FollowIR's verdict on one document: p(true) = softmax([logitFalse, logitTrue])[1], both logits
 * (fp32, at the prompt's last position), the prompt's token count (both BOS tokens counted) and
 * whether document tokens were cut to fit the maximum length.
 */
public record DocumentScore(String id, double pTrue, double logitTrue, double logitFalse, int nTokens,
        boolean truncated) {

    /** softmax([false, true])[1], computed without overflow for any logits. */
    public static double pTrue(double logitTrue, double logitFalse) {
        double d = logitFalse - logitTrue;
        return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
    }
}
