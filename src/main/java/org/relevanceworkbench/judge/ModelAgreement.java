package org.relevanceworkbench.judge;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How well FollowIR's yes/no agrees with one assessor: the assessor says relevant when the grade is
 * at least {@code level}, the model when p(true) is at least {@code threshold}. The matrix is 2×2
 * over (0 = not relevant, 1 = relevant), rows the assessor, columns the model.
 */
public record ModelAgreement(int level, double threshold, ConfusionMatrix matrix, Kappa kappa) {
    public static final int DEFAULT_LEVEL = 1;
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** κ values closer than this are a tie: κ of different matrices may differ only by rounding. */
    private static final double SAME_KAPPA = 1e-12;

    public static ModelAgreement of(List<ScoredJudgment> items, int level, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (ScoredJudgment s : items) {
            boolean assessor = s.grade() >= level;
            boolean model = s.pTrue() >= threshold;
            if (assessor && model) {
                tp++;
            } else if (model) {
                fp++;
            } else if (assessor) {
                fn++;
            } else {
                tn++;
            }
        }
        return at(level, threshold, tp, fp, fn, tn);
    }

    private static ModelAgreement at(int level, double threshold, long tp, long fp, long fn, long tn) {
        ConfusionMatrix m = ConfusionMatrix.binary(tp, fp, fn, tn);
        return new ModelAgreement(level, threshold, m, Kappa.of(m));
    }

    /**
     * The threshold that maximises κ on these judgments, with the agreement it reaches. Candidates:
     * the midpoints between consecutive distinct scores (every way of splitting the scored documents
     * into relevant above, not relevant below) and 0.5; equal κ goes to the candidate closest to 0.5,
     * then to the lower one. Empty when no candidate gives a defined κ (e.g. the assessor used one
     * class only and the model agrees on every document).
     */
    public static Optional<ModelAgreement> calibrate(List<ScoredJudgment> items, int level) {
        ScoredJudgment[] sorted = items.toArray(ScoredJudgment[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(ScoredJudgment::pTrue));
        int n = sorted.length;
        // relevantFrom[i]: how many of sorted[i..n) the assessor calls relevant
        long[] relevantFrom = new long[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            relevantFrom[i] = relevantFrom[i + 1] + (sorted[i].grade() >= level ? 1 : 0);
        }
        ModelAgreement best = null;
        for (double candidate : candidates(sorted)) {
            int firstModelRelevant = firstAtLeast(sorted, candidate);
            long tp = relevantFrom[firstModelRelevant];
            long fp = (n - firstModelRelevant) - tp;
            long fn = relevantFrom[0] - tp;
            long tn = firstModelRelevant - fn;
            ModelAgreement at = at(level, candidate, tp, fp, fn, tn);
            if (at.kappa().isDefined() && (best == null || better(at, best))) {
                best = at;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double[] candidates(ScoredJudgment[] sorted) {
        double[] out = new double[sorted.length + 1];
        int count = 0;
        out[count++] = DEFAULT_THRESHOLD;
        for (int i = 1; i < sorted.length; i++) {
            double below = sorted[i - 1].pTrue();
            double above = sorted[i].pTrue();
            if (above != below) {
                out[count++] = (below + above) / 2;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** The first index whose score is at least {@code threshold}; n when none is. */
    private static int firstAtLeast(ScoredJudgment[] sorted, double threshold) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid].pTrue() >= threshold) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static boolean better(ModelAgreement a, ModelAgreement b) {
        double ka = a.kappa().value();
        double kb = b.kappa().value();
        if (Math.abs(ka - kb) > SAME_KAPPA) {
            return ka > kb;
        }
        double da = Math.abs(a.threshold() - DEFAULT_THRESHOLD);
        double db = Math.abs(b.threshold() - DEFAULT_THRESHOLD);
        return da != db ? da < db : a.threshold() < b.threshold();
    }

    public long truePositives() {
        return matrix.count(1, 1);
    }

    public long falsePositives() {
        return matrix.count(0, 1);
    }

    public long falseNegatives() {
        return matrix.count(1, 0);
    }

    public long trueNegatives() {
        return matrix.count(0, 0);
    }

    public long n() {
        return matrix.n();
    }

    /** The share of documents where model and assessor agree (κ's observed agreement); NaN without documents. */
    public double accuracy() {
        return n() == 0 ? Double.NaN : (double) (truePositives() + trueNegatives()) / n();
    }
}
