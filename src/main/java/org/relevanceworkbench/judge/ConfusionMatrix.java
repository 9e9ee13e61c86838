package org.relevanceworkbench.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Counts of paired grades: rows are the first rater's grade, columns the second's, both over the
 * same ordered categories. Counts are exact integers so that κ's undefined case (expected
 * agreement exactly 1) is decided without rounding.
 */
public final class ConfusionMatrix {
    private final List<Integer> categories;
    private final long[][] counts;
    private final long n;

    private ConfusionMatrix(List<Integer> categories, long[][] counts) {
        this.categories = List.copyOf(categories);
        this.counts = counts;
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        this.n = total;
    }

    /** Collects pairs; the categories are the union of the grades seen, ascending, unless given. */
    public static final class Builder {
        private final List<int[]> pairs = new ArrayList<>();

        public Builder add(int first, int second) {
            pairs.add(new int[] {first, second});
            return this;
        }

        public ConfusionMatrix build() {
            TreeSet<Integer> seen = new TreeSet<>();
            for (int[] p : pairs) {
                seen.add(p[0]);
                seen.add(p[1]);
            }
            return build(List.copyOf(seen));
        }

        /** Over fixed categories (e.g. not relevant, relevant), seen or not. */
        public ConfusionMatrix build(List<Integer> categories) {
            long[][] counts = new long[categories.size()][categories.size()];
            for (int[] p : pairs) {
                counts[indexIn(categories, p[0])][indexIn(categories, p[1])]++;
            }
            return new ConfusionMatrix(categories, counts);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A 2×2 matrix over (0 = not relevant, 1 = relevant): rows the reference, columns the prediction. */
    public static ConfusionMatrix binary(long truePositives, long falsePositives, long falseNegatives,
            long trueNegatives) {
        return new ConfusionMatrix(List.of(0, 1),
                new long[][] {{trueNegatives, falsePositives}, {falseNegatives, truePositives}});
    }

    private static int indexIn(List<Integer> categories, int grade) {
        int index = categories.indexOf(grade);
        if (index < 0) {
            throw new IllegalArgumentException("grade " + grade + " is not among the categories " + categories);
        }
        return index;
    }

    public List<Integer> categories() {
        return categories;
    }

    /** How many items the first rater put in category {@code row} and the second in {@code column}. */
    public long count(int row, int column) {
        return counts[row][column];
    }

    public long n() {
        return n;
    }

    public long rowTotal(int row) {
        long total = 0;
        for (long c : counts[row]) {
            total += c;
        }
        return total;
    }

    public long columnTotal(int column) {
        long total = 0;
        for (long[] row : counts) {
            total += row[column];
        }
        return total;
    }
}
