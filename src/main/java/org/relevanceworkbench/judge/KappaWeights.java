package org.relevanceworkbench.judge;

/**
 * Disagreement weights of weighted κ, by the distance between category positions (not grade values,
 * so grades 0 and 2 with nothing between are one step apart), as scikit-learn's
 * {@code cohen_kappa_score} weighs them.
 */
public enum KappaWeights {
    /** |i − j|: every step of disagreement costs the same. */
    LINEAR,
    /** (i − j)²: large disagreements cost more than several small ones. */
    QUADRATIC;

    long disagreement(int i, int j) {
        long d = Math.abs(i - j);
        return this == LINEAR ? d : d * d;
    }

    /** The largest disagreement among {@code k} categories: what scales weights into [0, 1]. */
    long maximum(int k) {
        return disagreement(0, Math.max(k - 1, 0));
    }
}
