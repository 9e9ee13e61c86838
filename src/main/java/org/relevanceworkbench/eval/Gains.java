package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gain per grade for the nDCG family, G and rbp (trec_eval's gain_init.c): grade g has gain g unless a
 * {@code level=gain} parameter overrides it. Entries are kept sorted by increasing gain; the ideal ranking takes
 * them from the highest gain down, each as many times as the query has judged documents at that grade.
 */
final class Gains {
    private static final class Level {
        final long level;
        double gain;
        long count;

        Level(long level, double gain, long count) {
            this.level = level;
            this.gain = gain;
            this.count = count;
        }
    }

    private final List<Level> levels = new ArrayList<>();

    Gains(RankedQuery q, List<Measure.Pair> pairs) {
        for (Measure.Pair pair : pairs) {
            if (pair.name().matches("[+-]?[0-9]+")) { // gain_init.c skips names that are not integers (rbp's p)
                levels.add(new Level(Long.parseLong(pair.name()), pair.value(), 0));
            }
        }
        for (int grade = 0; grade < q.numRelLevels; grade++) {
            Level given = find(grade);
            if (given != null) {
                given.count = q.relLevels[grade];
            } else {
                levels.add(new Level(grade, grade, q.relLevels[grade]));
            }
        }
        // trec_eval compares (int) (gain1 - gain2); with integer gains (the default) this is the same order
        levels.sort(Comparator.comparingDouble(l -> l.gain));
    }

    private Level find(long level) {
        for (Level l : levels) {
            if (l.level == level) {
                return l;
            }
        }
        return null;
    }

    /** The gain of a retrieved document's grade (NONPOOL and UNJUDGED too); 0 for a grade with no entry. */
    double of(int grade) {
        Level l = find(grade);
        return l == null ? 0.0 : l.gain;
    }

    /** Rescales every gain to [0,1] by (gain - min) / (max - min) when some gain lies outside it (m_rbp.c). */
    void normalizeToUnitRange() {
        if (levels.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Level l : levels) {
            min = Math.min(min, l.gain);
            max = Math.max(max, l.gain);
        }
        if (min < 0 || max > 1) {
            for (Level l : levels) {
                l.gain = (l.gain - min) / (max - min);
            }
        }
    }

    /** Walks the ideal ranking: {@link #gain()} is the current ideal gain, {@link #next()} moves one rank on. */
    Ideal ideal() {
        return new Ideal();
    }

    final class Ideal {
        private int level = levels.size() - 1;
        private long usedAtLevel;
        private double gain = level >= 0 ? levels.get(level).gain : 0.0;

        double gain() {
            return gain;
        }

        /** The ideal gain at the next rank (0 or less once the gains are used up). */
        double next() {
            usedAtLevel++;
            while (level >= 0 && usedAtLevel > levels.get(level).count) {
                usedAtLevel = 1;
                level--;
                gain = level >= 0 ? levels.get(level).gain : 0.0;
            }
            return gain;
        }
    }
}
