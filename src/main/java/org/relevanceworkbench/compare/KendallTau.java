package org.relevanceworkbench.compare;

/**
 * Kendall's τ-b between two rankings given as scores of the same items: concordant minus
 * discordant pairs over the square root of the pairs untied in each, so ties in either ranking
 * do not count as agreement. O(n²): comparisons hold hundreds to a few thousand documents.
 */
public final class KendallTau {
    private KendallTau() {
    }

    /** τ-b, or NaN for fewer than two items or when either side is all ties. */
    public static double tauB(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("both rankings must score the same items");
        }
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                int dx = Double.compare(x[i], x[j]);
                int dy = Double.compare(y[i], y[j]);
                if (dx == 0 && dy == 0) {
                    continue; // tied in both: counts in neither denominator term
                }
                if (dx == 0) {
                    tiedX++;
                } else if (dy == 0) {
                    tiedY++;
                } else if (dx == dy) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiedX) * (concordant + discordant + tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }
}
