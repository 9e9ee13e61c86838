package org.relevanceworkbench.judge;

import java.util.Locale;

/**
 * Cohen's κ = (p_o − p_e) / (1 − p_e), with the observed and chance-expected agreement it comes from.
 * When p_e is 1 (both raters put every item in the same one category, or there are no items) κ is
 * 0/0: this says so with a reason instead of handing out NaN.
 *
 * @param undefinedBecause null when κ is defined, else why it is not
 */
public record Kappa(double observed, double expected, String undefinedBecause) {

    /** Unweighted κ: agreement means the same category. */
    public static Kappa of(ConfusionMatrix m) {
        long n = m.n();
        if (n == 0) {
            return new Kappa(Double.NaN, Double.NaN, "no items were rated by both");
        }
        long agreeing = 0;
        long chanceProducts = 0; // Σ row_k · column_k; p_e = that / n²
        for (int k = 0; k < m.categories().size(); k++) {
            agreeing += m.count(k, k);
            chanceProducts += m.rowTotal(k) * m.columnTotal(k);
        }
        double observed = (double) agreeing / n;
        double expected = chanceProducts / ((double) n * n);
        return chanceProducts == n * n
                ? new Kappa(observed, 1.0, "expected agreement is 1: both gave every item the same grade")
                : new Kappa(observed, expected, null);
    }

    /**
     * Weighted κ = 1 − Σ w·O / Σ w·E with disagreement weights w over the category positions; reported
     * as agreements scaled by the largest weight, p = 1 − Σ w·P / w_max, so that κ = (p_o − p_e) / (1 − p_e)
     * holds as for the unweighted κ.
     */
    public static Kappa weighted(ConfusionMatrix m, KappaWeights weights) {
        long n = m.n();
        if (n == 0) {
            return new Kappa(Double.NaN, Double.NaN, "no items were rated by both");
        }
        int k = m.categories().size();
        long observedDisagreement = 0; // Σ w_ij · O_ij
        long expectedDisagreement = 0; // Σ w_ij · row_i · column_j, i.e. n · Σ w_ij · E_ij
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                long w = weights.disagreement(i, j);
                observedDisagreement += w * m.count(i, j);
                expectedDisagreement += w * m.rowTotal(i) * m.columnTotal(j);
            }
        }
        if (expectedDisagreement == 0) {
            return new Kappa(1.0, 1.0, "expected agreement is 1: both gave every item the same grade");
        }
        double max = weights.maximum(k);
        double observed = 1 - observedDisagreement / (n * max);
        double expected = 1 - expectedDisagreement / ((double) n * n * max);
        return new Kappa(observed, expected, null);
    }

    public boolean isDefined() {
        return undefinedBecause == null;
    }

    /** κ itself; asking for an undefined one is a programming error (check {@link #isDefined()}). */
    public double value() {
        if (!isDefined()) {
            throw new IllegalStateException("kappa is undefined: " + undefinedBecause);
        }
        return (observed - expected) / (1 - expected);
    }

    /** κ with 4 decimals, or {@code undefined (reason)}. */
    public String format() {
        return isDefined() ? String.format(Locale.US, "%.4f", value()) : "undefined (" + undefinedBecause + ")";
    }
}
