package org.relevanceworkbench.scoring;

/**
 * FollowIR's verdict on one document, whichever backend computed it.
 *
 * @param pTrue     p(true) = softmax([logit_false, logit_true])[1] = σ(logitDiff); for an approximate score, the
 *                  bound the server's answer implies (see {@link Bounds})
 * @param logitTrue the logit of "true" at the prompt's last position; NaN where the backend does not say (vLLM's
 *                  pooling route returns only the difference, BM25 has no logits)
 * @param logitFalse the logit of "false"; NaN where unknown
 * @param logitDiff logit_true − logit_false, p(true)'s log-odds; NaN where unknown (BM25, approximate scores)
 * @param nTokens   the prompt's token count (both BOS tokens counted); 0 for BM25
 * @param truncated whether document tokens were cut to fit the maximum length
 * @param bounds    null for an exact score; for a score read off a top-k logprob list that lacked one of the two
 *                  tokens, the interval p(true) is known to lie in
 */
public record DocumentScore(String id, double pTrue, double logitTrue, double logitFalse, double logitDiff,
        int nTokens, boolean truncated, Bounds bounds) {

    /** Where an approximate p(true) lies: {@code low ≤ p ≤ high}; {@code pTrue} is the finite end that is known. */
    public record Bounds(double low, double high) {
        public Bounds {
            if (!(low >= 0 && low <= high && high <= 1)) {
                throw new IllegalArgumentException("bounds must satisfy 0 ≤ low ≤ high ≤ 1: " + low + ", " + high);
            }
        }
    }

    /** An exact score from both logits (the local decoder, SGLang, a complete top-k list). */
    public DocumentScore(String id, double pTrue, double logitTrue, double logitFalse, int nTokens, boolean truncated) {
        this(id, pTrue, logitTrue, logitFalse, logitTrue - logitFalse, nTokens, truncated, null);
    }

    /** An exact score from the logit difference alone (vLLM's classify route). */
    public static DocumentScore ofLogitDiff(String id, double logitDiff, int nTokens, boolean truncated) {
        return new DocumentScore(id, sigmoid(logitDiff), Double.NaN, Double.NaN, logitDiff, nTokens, truncated, null);
    }

    /** Whether p(true) is only bounded, not known exactly. */
    public boolean approximate() {
        return bounds != null;
    }

    /** This score under another id (a server answers by position; the caller knows the documents). */
    public DocumentScore withId(String newId) {
        return new DocumentScore(newId, pTrue, logitTrue, logitFalse, logitDiff, nTokens, truncated, bounds);
    }

    /** softmax([false, true])[1], computed without overflow for any logits. */
    public static double pTrue(double logitTrue, double logitFalse) {
        return sigmoid(logitTrue - logitFalse);
    }

    /** σ(x) = 1 / (1 + e^−x), without overflow for any x. */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log(p / (1 − p)); ±∞ at 0 and 1. */
    public static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }
}
