package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One trec_eval measure: its name, how {@code -m name.params} parameterises it, how its per-query values are
 * printed and how they are combined into the 'all' row. The measures themselves are listed in {@link TrecMeasures}.
 */
public final class Measure {
    /** How the part after the first '.' of {@code -m name.params} is read (meas_init.c). */
    enum ParamType {
        /** no parameters; any given are ignored */
        NONE,
        /** integer cutoffs, sorted, positive, no duplicates; one value each, named name_N */
        LONG_CUTOFFS,
        /** decimal cutoffs, sorted, no duplicates; one value each, named name_%3.2f */
        DOUBLE_CUTOFFS,
        /** decimal parameters in the given order; one value, named name_PARAMS when given */
        DOUBLE_VALUES,
        /** level=gain pairs (or p=0.95 for rbp); one value, named name_PARAMS when given */
        PAIRS
    }

    /** How a value prints: {@code %6.4f}, {@code %ld}, or a string. */
    enum Kind {
        FLOAT, LONG, TEXT
    }

    /** How per-query values make the 'all' row (meas_avg.c and the measures' own calc_avg). */
    enum Summary {
        /** arithmetic mean over the evaluated queries */
        MEAN,
        /** sum over the queries (counts) */
        SUM,
        /** exp of the mean of the per-query logs (gm_map, gm_bpref) */
        GEOMETRIC,
        /** the number of queries evaluated */
        QUERY_COUNT,
        /** the run id */
        RUN_ID,
        /** no 'all' row (relstring) */
        NONE
    }

    /** Computes a query's values into {@code out} (one per value name; all start at 0). */
    interface Calc {
        void compute(RankedQuery q, Setting s, double[] out);
    }

    interface SingleCalc {
        double compute(RankedQuery q, Setting s);
    }

    interface CutoffCalc {
        double compute(RankedQuery q, Setting s, long cutoff);
    }

    interface TextCalc {
        String compute(RankedQuery q, Setting s);
    }

    private final String name;
    private final String definition;
    final ParamType paramType;
    final String defaultParams;
    final Kind kind;
    final Summary summary;
    final boolean perQuery;
    final Calc calc;
    final TextCalc text;

    Measure(String name, String definition, ParamType paramType, String defaultParams, Kind kind, Summary summary,
            boolean perQuery, Calc calc, TextCalc text) {
        this.name = name;
        this.definition = definition;
        this.paramType = paramType;
        this.defaultParams = defaultParams;
        this.kind = kind;
        this.summary = summary;
        this.perQuery = perQuery;
        this.calc = calc;
        this.text = text;
    }

    /** trec_eval's name for the measure (the root of its value names, e.g. P for P_5). */
    public String name() {
        return name;
    }

    /** One line saying what the measure is and which trec_eval file it follows. */
    public String definition() {
        return definition;
    }

    /** Whether trec_eval prints this measure for each query under -q. */
    public boolean printedPerQuery() {
        return perQuery;
    }

    /** Whether trec_eval prints this measure in the 'all' rows. */
    public boolean printedInSummary() {
        return summary != Summary.NONE;
    }

    /** The measure configured by {@code params} ({@code null}: its defaults). */
    Setting configure(String params, EvalOptions options) {
        return new Setting(this, params, options);
    }

    @Override
    public String toString() {
        return name;
    }

    /** A gain override {@code level=gain} of the nDCG family (or {@code p=...} for rbp). */
    record Pair(String name, double value) {
    }

    /** A measure with its parameters, as trec_eval's TREC_MEAS after init_meas. */
    static final class Setting {
        final Measure measure;
        final EvalOptions options;
        /** The -m parameter text when given (it then suffixes single-valued names), else null. */
        final String printable;
        final long[] longCutoffs;
        final double[] doubleCutoffs;
        final double[] values;
        final List<Pair> pairs;
        final List<String> valueNames;

        private Setting(Measure measure, String given, EvalOptions options) {
            this.measure = measure;
            this.options = options;
            String params = given != null ? given : measure.defaultParams;
            this.printable = measure.paramType == ParamType.NONE ? null : given;
            long[] longs = new long[0];
            double[] doubles = new double[0];
            double[] vals = new double[0];
            List<Pair> prs = List.of();
            List<String> names = new ArrayList<>();
            switch (measure.paramType) {
                case NONE -> names.add(measure.name);
                case LONG_CUTOFFS -> {
                    longs = longCutoffs(measure.name, params);
                    for (long c : longs) {
                        names.add(measure.name + "_" + c);
                    }
                }
                case DOUBLE_CUTOFFS -> {
                    doubles = doubleCutoffs(measure.name, params);
                    for (double c : doubles) {
                        names.add(measure.name + "_" + TrecFormat.fixed(c, 2));
                    }
                }
                case DOUBLE_VALUES -> {
                    vals = params == null ? new double[0] : doubles(measure.name, params);
                    names.add(printable == null ? measure.name : measure.name + "_" + printable);
                }
                case PAIRS -> {
                    prs = params == null ? List.of() : pairs(measure.name, params);
                    names.add(printable == null ? measure.name : measure.name + "_" + printable);
                }
                default -> throw new IllegalStateException();
            }
            this.longCutoffs = longs;
            this.doubleCutoffs = doubles;
            this.values = vals;
            this.pairs = prs;
            this.valueNames = List.copyOf(names);
        }

        int size() {
            return valueNames.size();
        }

        private static long[] longCutoffs(String measure, String params) {
            String[] parts = params.split(",", -1);
            long[] cutoffs = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    cutoffs[i] = Long.parseLong(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new TrecEvalException("measure " + measure + ": cutoff '" + parts[i] + "' is not an integer");
                }
            }
            Arrays.sort(cutoffs);
            if (cutoffs[0] <= 0) {
                throw new TrecEvalException("measure " + measure + ": cutoffs must be positive");
            }
            for (int i = 1; i < cutoffs.length; i++) {
                if (cutoffs[i] == cutoffs[i - 1]) {
                    throw new TrecEvalException("measure " + measure + ": duplicate cutoff " + cutoffs[i]);
                }
            }
            return cutoffs;
        }

        private static double[] doubleCutoffs(String measure, String params) {
            double[] cutoffs = doubles(measure, params);
            Arrays.sort(cutoffs);
            for (int i = 1; i < cutoffs.length; i++) {
                if (cutoffs[i] == cutoffs[i - 1]) {
                    throw new TrecEvalException("measure " + measure + ": duplicate cutoff " + cutoffs[i]);
                }
            }
            return cutoffs;
        }

        private static double[] doubles(String measure, String params) {
            String[] parts = params.split(",", -1);
            double[] values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = number(measure, parts[i]);
            }
            return values;
        }

        private static double number(String measure, String text) {
            try {
                String t = text.trim();
                if (t.isEmpty() || !t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new TrecEvalException("measure " + measure + ": parameter '" + text + "' is not a number");
            }
        }

        private static List<Pair> pairs(String measure, String params) {
            List<Pair> pairs = new ArrayList<>();
            for (String part : params.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq < 0 || part.indexOf('=', eq + 1) >= 0) {
                    throw new TrecEvalException("measure " + measure + ": malformed pair parameters in '" + params
                            + "' (expected name=value,...)");
                }
                pairs.add(new Pair(part.substring(0, eq), number(measure, part.substring(eq + 1))));
            }
            return List.copyOf(pairs);
        }

        @Override
        public String toString() {
            return measure.name + (printable == null ? "" : "." + printable) + " " + valueNames;
        }
    }
}
