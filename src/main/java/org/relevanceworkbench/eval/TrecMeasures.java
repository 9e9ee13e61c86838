package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relevanceworkbench.eval.Measure.Kind;
import org.relevanceworkbench.eval.Measure.ParamType;
import org.relevanceworkbench.eval.Measure.Setting;
import org.relevanceworkbench.eval.Measure.Summary;

/**
 * The trec_eval measures this evaluator reproduces, in trec_eval's order (measures.c), which is also the order of
 * its output. "Relevant" means grade >= the relevance level ({@code -l}); R is the number of relevant judged
 * documents of the query; ranks count from 1.
 */
public final class TrecMeasures {
    private static final double MIN_GEO_MEAN = 0.00001;
    private static final double INFAP_EPSILON = 0.00001;
    private static final String CUTOFFS = "5,10,15,20,30,100,200,500,1000";
    private static final String RECALL_POINTS = "0.0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0";

    private static final List<Measure> ALL = List.of(
        // Run id of the results file (of its last line). m_runid.c
        text("runid", "run id of the results file", Summary.RUN_ID, false, ParamType.NONE, null, null),
        // Number of queries evaluated. m_num_q.c
        count("num_q", "number of queries evaluated", Summary.QUERY_COUNT, false, (q, s) -> 1),
        // Documents retrieved (after -M). m_num_ret.c
        count("num_ret", "number of documents retrieved", Summary.SUM, true, (q, s) -> q.numRet),
        // Relevant documents judged. m_num_rel.c
        count("num_rel", "number of relevant documents (R)", Summary.SUM, true, (q, s) -> q.numRel),
        // Relevant documents retrieved. m_num_rel_ret.c
        count("num_rel_ret", "number of relevant documents retrieved", Summary.SUM, true, (q, s) -> q.numRelRet),
        // Mean of the precision at each relevant retrieved document, over R. m_map.c
        single("map", "average precision: sum of precision at each relevant retrieved doc / R", TrecMeasures::ap),
        // AP averaged geometrically over queries (AP floored at 0.00001); not printed per query. m_gm_map.c
        measure("gm_map", "geometric mean of average precision (floored at 0.00001)", ParamType.NONE, null, Kind.FLOAT,
                Summary.GEOMETRIC, false, one((q, s) -> Math.log(Math.max(ap(q, s), MIN_GEO_MEAN)))),
        // Precision after R documents. m_Rprec.c
        single("Rprec", "precision after R documents retrieved", TrecMeasures::rprec),
        // Binary preference: relevant docs ranked above the first R judged nonrelevant. m_bpref.c
        single("bpref", "binary preference: relevant docs ranked above judged nonrelevant ones", TrecMeasures::bpref),
        // 1 / rank of the first relevant document. m_recip_rank.c
        single("recip_rank", "reciprocal rank of the first relevant document", TrecMeasures::recipRank),
        // Interpolated precision at recall levels (max precision at any recall >= level). m_iprec_at_recall.c
        measure("iprec_at_recall", "interpolated precision at recall levels", ParamType.DOUBLE_CUTOFFS, RECALL_POINTS,
                Kind.FLOAT, Summary.MEAN, true, TrecMeasures::iprecAtRecall),
        // Relevant in the top k / k. m_P.c
        cutoffs("P", "precision at cutoffs: relevant in the top k / k", CUTOFFS,
                (q, s, k) -> (double) q.relevantInTop(k) / (double) k),
        // Grades of the first N documents as a string; per query only. m_relstring.c
        text("relstring", "grades of the first N retrieved documents ('-' unjudged, '.' pooled but unjudged)",
                Summary.NONE, true, ParamType.DOUBLE_VALUES, "10", TrecMeasures::relstring),
        // Relevant in the top k / R. m_recall.c
        cutoffs("recall", "recall at cutoffs: relevant in the top k / R", CUTOFFS,
                (q, s, k) -> q.numRel == 0 ? 0.0 : (double) q.relevantInTop(k) / (double) q.numRel),
        // Inferred AP (Yilmaz & Aslam) for sampled pools. m_infap.c
        single("infAP", "inferred average precision for sampled judgments", TrecMeasures::infAp),
        // bpref averaged geometrically (floored at 0.00001); not printed per query. m_gm_bpref.c
        measure("gm_bpref", "geometric mean of bpref (floored at 0.00001)", ParamType.NONE, null, Kind.FLOAT,
                Summary.GEOMETRIC, false, one((q, s) -> Math.log(Math.max(bpref(q, s), MIN_GEO_MEAN)))),
        // Precision at multiples of R. m_Rprec_mult.c
        measure("Rprec_mult", "precision at multiples of R", ParamType.DOUBLE_CUTOFFS,
                "0.2,0.4,0.6,0.8,1.0,1.2,1.4,1.6,1.8,2.0", Kind.FLOAT, Summary.MEAN, true, TrecMeasures::rprecMult),
        // Set utility a*relret + b*nonrelret + c*relnotret + d*nonrelnotret, default (1,-1,0,0). m_utility.c
        measure("utility", "set utility p1*relret + p2*nonrelret + p3*relnotret + p4*nonrelnotret",
                ParamType.DOUBLE_VALUES, "1.0,-1.0,0.0,0.0", Kind.FLOAT, Summary.MEAN, true, one(TrecMeasures::utility)),
        // Interpolated precision averaged over recall levels (default the 11 points). m_11pt_avg.c
        measure("11pt_avg", "interpolated precision averaged over the 11 recall points", ParamType.DOUBLE_VALUES,
                RECALL_POINTS, Kind.FLOAT, Summary.MEAN, true, one(TrecMeasures::elevenPoint)),
        // Mean over relevant docs of 1 / log2(2 + nonrelevant ranked above). m_binG.c
        single("binG", "binary G: mean over relevant docs of 1/log2(2 + nonrelevant above)", TrecMeasures::binG),
        // Gain-normalised G (Buckley, experimental). m_G.c
        pairs("G", "normalized gain G (experimental)", TrecMeasures::g),
        // nDCG with gain = grade (or level=gain params), discount log2(rank + 1), over all retrieved. m_ndcg.c
        pairs("ndcg", "nDCG over the whole ranking: gain / log2(rank + 1), normalised by the ideal",
                TrecMeasures::ndcg),
        // nDCG averaged at each relevant document. m_ndcg_rel.c
        pairs("ndcg_rel", "nDCG averaged over the relevant documents (experimental)", TrecMeasures::ndcgRel),
        // nDCG averaged at the R-level boundaries of the ideal ranking. m_Rndcg.c
        pairs("Rndcg", "nDCG averaged at the gain-level boundaries of the ideal ranking (experimental)",
                TrecMeasures::rndcg),
        // nDCG of the top k with gain = grade. m_ndcg_cut.c
        cutoffs("ndcg_cut", "nDCG at cutoffs, gain = grade", CUTOFFS, TrecMeasures::ndcgCut),
        // AP counting only the top k. m_map_cut.c
        cutoffs("map_cut", "average precision of the top k, over R", CUTOFFS, TrecMeasures::mapCut),
        // Relevant in the top k / min(k, R). m_rel_P.c
        cutoffs("relative_P", "relevant in the top k / min(k, R)", CUTOFFS, (q, s, k) -> q.numRel == 0 ? 0.0
                : (double) q.relevantInTop(k) / (double) Math.min(k, q.numRel)),
        // 1 if a relevant document is in the top k. m_success.c
        cutoffs("success", "1 when a relevant document is in the top k", "1,5,10",
                (q, s, k) -> q.relevantInTop(k) > 0 ? 1.0 : 0.0),
        // Relevant retrieved / retrieved. m_set_P.c
        single("set_P", "set precision: relevant retrieved / retrieved",
                (q, s) -> q.numRet == 0 ? 0.0 : (double) q.numRelRet / (double) q.numRet),
        // Relevant retrieved / min(retrieved, R). m_set_rel_P.c
        single("set_relative_P", "relevant retrieved / min(retrieved, R)", (q, s) -> q.numRet == 0 || q.numRel == 0
                ? 0.0 : (double) q.numRelRet / (double) Math.min(q.numRet, q.numRel)),
        // Relevant retrieved / R. m_set_recall.c
        single("set_recall", "set recall: relevant retrieved / R",
                (q, s) -> q.numRel == 0 ? 0.0 : (double) q.numRelRet / (double) q.numRel),
        // Set precision * set recall. m_set_map.c
        single("set_map", "set precision * set recall", (q, s) -> q.numRet == 0 || q.numRel == 0 ? 0.0
                : ((double) q.numRelRet * (double) q.numRelRet) / ((double) q.numRet * (double) q.numRel)),
        // (x+1)PR / (xP + R) on the retrieved set, x = 1 by default. m_set_F.c
        measure("set_F", "set F: (x+1)PR / (xP + R), x = 1 by default", ParamType.DOUBLE_VALUES, "1.0", Kind.FLOAT,
                Summary.MEAN, true, one(TrecMeasures::setF)),
        // Judged nonrelevant documents retrieved. m_num_nonrel_judged_ret.c
        count("num_nonrel_judged_ret", "number of judged nonrelevant documents retrieved", Summary.SUM, true,
                (q, s) -> q.numRet - q.numNonpool - q.numUnjudged - q.numRelRet),
        // Rank-biased precision (Moffat & Zobel), persistence p = 0.9 unless p=... is given. m_rbp.c
        pairs("rbp", "rank-biased precision, p = 0.9", TrecMeasures::rbp),
        // The part of rbp the unjudged documents could still add (p = 0.9). m_rbp_resid.c
        single("rbp_resid", "rank-biased precision residual from unjudged documents", TrecMeasures::rbpResid),
        // Unjudged (not in the qrels, or graded negative) in the top k / k. m_unjudged.c
        cutoffs("unj", "unjudged documents in the top k / k", "5,10,20", (q, s, k) -> unjudgedInTop(q, k) / (double) k));

    private static final Map<String, List<String>> NICKNAMES = Map.of(
            "official", List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map", "Rprec", "bpref",
                    "recip_rank", "iprec_at_recall", "P"),
            "set", List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "utility", "set_P", "set_recall",
                    "set_relative_P", "set_map", "set_F"),
            "all_trec", ALL.stream().map(Measure::name).toList());

    private TrecMeasures() {
    }

    /** Every measure implemented, in trec_eval's order. */
    public static List<Measure> all() {
        return ALL;
    }

    /** trec_eval's measure-set nicknames this evaluator knows: official (the default), set, all_trec. */
    public static Set<String> nicknames() {
        return NICKNAMES.keySet();
    }

    public static Optional<Measure> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The measure a printed value name belongs to ({@code P_5} → P, {@code ndcg_cut_10} → ndcg_cut,
     * {@code relstring_20} → relstring): the longest measure name that is the value name or prefixes it before '_'.
     */
    public static Optional<Measure> forValueName(String valueName) {
        Measure best = null;
        for (Measure m : ALL) {
            boolean match = valueName.equals(m.name()) || valueName.startsWith(m.name() + "_");
            if (match && (best == null || m.name().length() > best.name().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * trec_eval's -m handling (trec_eval.c mark_measure, meas_init.c): each argument is a measure, a nickname, or
     * either followed by '.' and parameters; a measure's parameters come from the FIRST argument naming it; the
     * measures come out in trec_eval's order whatever the order of the arguments. No argument: official.
     */
    static List<Setting> select(EvalOptions options) {
        List<String> args = options.measures().isEmpty() ? List.of("official") : options.measures();
        Map<String, String> params = new LinkedHashMap<>();
        Set<String> marked = new LinkedHashSet<>();
        for (String arg : args) {
            int dot = arg.indexOf('.');
            String name = dot < 0 ? arg : arg.substring(0, dot);
            if (dot >= 0) {
                String given = arg.substring(dot + 1);
                if (given.isEmpty()) {
                    throw new TrecEvalException("improper measure in parameter '" + arg + "'");
                }
                params.putIfAbsent(name, given);
            }
            if (NICKNAMES.containsKey(name)) {
                marked.addAll(NICKNAMES.get(name));
            } else if (byName(name).isPresent()) {
                marked.add(name);
            } else {
                throw new TrecEvalException("illegal measure '" + arg + "' (known: " + String.join(", ", names())
                        + ", or " + String.join(", ", NICKNAMES.keySet()) + ")");
            }
        }
        List<Setting> settings = new ArrayList<>();
        for (Measure m : ALL) {
            if (marked.contains(m.name())) {
                Setting s = m.configure(params.get(m.name()), options);
                check(s);
                settings.add(s);
            }
        }
        return settings;
    }

    private static List<String> names() {
        return ALL.stream().map(Measure::name).toList();
    }

    private static void check(Setting s) {
        if (s.measure.name().equals("utility") && s.values.length != 4) {
            throw new TrecEvalException("measure utility needs 4 coefficients, not " + s.values.length);
        }
    }

    // ---- builders

    private static Measure measure(String name, String definition, ParamType type, String defaults, Kind kind,
            Summary summary, boolean perQuery, Measure.Calc calc) {
        return new Measure(name, definition, type, defaults, kind, summary, perQuery, calc, null);
    }

    private static Measure text(String name, String definition, Summary summary, boolean perQuery, ParamType type,
            String defaults, Measure.TextCalc text) {
        return new Measure(name, definition, type, defaults, Kind.TEXT, summary, perQuery, (q, s, out) -> { }, text);
    }

    private static Measure count(String name, String definition, Summary summary, boolean perQuery,
            Measure.SingleCalc calc) {
        return measure(name, definition, ParamType.NONE, null, Kind.LONG, summary, perQuery, one(calc));
    }

    private static Measure single(String name, String definition, Measure.SingleCalc calc) {
        return measure(name, definition, ParamType.NONE, null, Kind.FLOAT, Summary.MEAN, true, one(calc));
    }

    private static Measure pairs(String name, String definition, Measure.SingleCalc calc) {
        return measure(name, definition, ParamType.PAIRS, null, Kind.FLOAT, Summary.MEAN, true, one(calc));
    }

    private static Measure cutoffs(String name, String definition, String defaults, Measure.CutoffCalc calc) {
        return measure(name, definition, ParamType.LONG_CUTOFFS, defaults, Kind.FLOAT, Summary.MEAN, true,
                (q, s, out) -> {
                    for (int i = 0; i < s.longCutoffs.length; i++) {
                        out[i] = calc.compute(q, s, s.longCutoffs[i]);
                    }
                });
    }

    private static Measure.Calc one(Measure.SingleCalc calc) {
        return (q, s, out) -> out[0] = calc.compute(q, s);
    }

    // ---- the measures

    /** log2 as C's: exact on powers of two. */
    static double log2(double x) {
        if (x > 0 && x == Math.rint(x) && Long.bitCount((long) x) == 1 && x < 0x1p62) {
            return 63 - Long.numberOfLeadingZeros((long) x);
        }
        return Math.log(x) / Math.log(2.0);
    }

    private static double ap(RankedQuery q, Setting s) {
        long relSoFar = 0;
        double sum = 0.0;
        for (int i = 0; i < q.numRet; i++) {
            if (q.isRelevant(i)) {
                relSoFar++;
                sum += (double) relSoFar / (double) (i + 1);
            }
        }
        return relSoFar == 0 ? 0.0 : sum / (double) q.numRel;
    }

    private static double rprec(RankedQuery q, Setting s) {
        long n = Math.min(q.numRet, q.numRel);
        return n == 0 ? 0.0 : (double) q.relevantInTop(n) / (double) q.numRel;
    }

    private static double bpref(RankedQuery q, Setting s) {
        long judgedNonrel = q.judgedNonrelevant();
        long nonrelSoFar = 0;
        double bpref = 0.0;
        for (int i = 0; i < q.numRet; i++) {
            int r = q.rel[i];
            if (r == RankedQuery.NONPOOL || r == RankedQuery.UNJUDGED) {
                continue;
            }
            if (r >= 0 && r < q.relevanceLevel) {
                nonrelSoFar++;
            } else if (nonrelSoFar > 0) {
                bpref += 1.0 - ((double) Math.min(nonrelSoFar, q.numRel) / (double) Math.min(judgedNonrel, q.numRel));
            } else {
                bpref += 1.0;
            }
        }
        return q.numRel == 0 ? bpref : bpref / q.numRel;
    }

    private static double recipRank(RankedQuery q, Setting s) {
        for (int i = 0; i < q.numRet; i++) {
            if (q.isRelevant(i)) {
                return 1.0 / (double) (i + 1);
            }
        }
        return 0.0;
    }

    private static double infAp(RankedQuery q, Setting s) {
        long nonrelSoFar = 0;
        long relSoFar = 0;
        long unjudgedSoFar = 0;
        double infAp = 0.0;
        for (int j = 0; j < q.numRet; j++) {
            int r = q.rel[j];
            if (r == RankedQuery.NONPOOL) {
                continue;
            }
            if (r == RankedQuery.UNJUDGED) {
                unjudgedSoFar++;
                continue;
            }
            if (r >= 0 && r < q.relevanceLevel) {
                nonrelSoFar++;
                continue;
            }
            relSoFar++;
            if (j == 0) {
                infAp += 1.0;
            } else {
                double fj = j;
                // 1/(j+1) + j/(j+1) * (judged-or-pooled above / j) * (relevant above, smoothed / judged above, smoothed)
                infAp += 1.0 / (fj + 1.0)
                        + (fj / (fj + 1.0)) * ((relSoFar - 1 + nonrelSoFar + unjudgedSoFar) / fj)
                        * ((relSoFar - 1 + INFAP_EPSILON) / (relSoFar - 1 + nonrelSoFar + 2 * INFAP_EPSILON));
            }
        }
        return q.numRel == 0 ? infAp : infAp / q.numRel;
    }

    /** trec_eval's rounding of recall fractions to document counts in iprec_at_recall and 11pt_avg (lround). */
    private static long lround(double x) {
        return x < 0 ? -Math.round(-x) : Math.round(x);
    }

    /**
     * Interpolated precision at each recall fraction, walking the ranking from the bottom: at the relevant
     * document that reaches a fraction's count, the best precision seen from there down.
     */
    private static double[] interpolated(RankedQuery q, double[] fractions) {
        double[] out = new double[fractions.length];
        long[] counts = new long[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            counts[i] = lround(fractions[i] * q.numRel);
        }
        int cut = fractions.length - 1;
        while (cut >= 0 && counts[cut] > q.numRelRet) {
            cut--;
        }
        double best = (double) q.numRelRet / (double) q.numRet;
        long relSoFar = q.numRelRet;
        for (long i = q.numRet; i > 0 && relSoFar > 0; i--) {
            double precision = (double) relSoFar / (double) i;
            if (best < precision) {
                best = precision;
            }
            if (q.isRelevant((int) (i - 1))) {
                while (cut >= 0 && relSoFar == counts[cut]) {
                    out[cut--] = best;
                }
                relSoFar--;
            }
        }
        while (cut >= 0) {
            out[cut--] = best;
        }
        return out;
    }

    private static void iprecAtRecall(RankedQuery q, Setting s, double[] out) {
        double[] values = interpolated(q, s.doubleCutoffs);
        System.arraycopy(values, 0, out, 0, values.length);
    }

    private static double elevenPoint(RankedQuery q, Setting s) {
        double sum = 0.0;
        double[] values = interpolated(q, s.values);
        // summed from the highest recall level down, as trec_eval adds them
        for (int i = values.length - 1; i >= 0; i--) {
            sum += values[i];
        }
        return sum / (double) s.values.length;
    }

    /** Precision at ceil-ish(fraction * R) documents: trec_eval converts with (long) (fraction * R + 0.9). */
    private static void rprecMult(RankedQuery q, Setting s, double[] out) {
        double[] fractions = s.doubleCutoffs;
        long[] counts = new long[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            counts[i] = (long) (fractions[i] * q.numRel + 0.9);
        }
        int cut = fractions.length - 1;
        while (cut >= 0 && counts[cut] > q.numRet) {
            out[cut] = (double) q.numRelRet / (double) counts[cut];
            cut--;
        }
        long relSoFar = q.numRelRet;
        for (long i = q.numRet; i > 0 && relSoFar > 0; i--) {
            double precision = (double) relSoFar / (double) i;
            while (cut >= 0 && i == counts[cut]) {
                out[cut--] = precision;
            }
            if (q.isRelevant((int) (i - 1))) {
                relSoFar--;
            }
        }
    }

    private static double utility(RankedQuery q, Setting s) {
        double[] p = s.values;
        return p[0] * q.numRelRet + p[1] * (q.numRet - q.numRelRet) + p[2] * (q.numRel - q.numRelRet)
                + p[3] * (q.numDocsInCollection + q.numRelRet - q.numRet - q.numRel);
    }

    private static double binG(RankedQuery q, Setting s) {
        long relSoFar = 0;
        double sum = 0.0;
        for (int i = 0; i < q.numRet; i++) {
            if (q.isRelevant(i)) {
                relSoFar++;
                sum += 1.0 / log2((double) (3 + i - relSoFar));
            }
        }
        return relSoFar == 0 ? 0.0 : sum / (double) q.numRel;
    }

    private static double g(RankedQuery q, Setting s) {
        Gains gains = new Gains(q, s.pairs);
        Gains.Ideal ideal = gains.ideal();
        double resultsG = 0.0;
        double sumResults = 0.0;
        double sumIdeal = 0.0;
        double sumCost = 0.0;
        double minCost = 1.0;
        int i = 0;
        for (; i < q.numRet && ideal.gain() > 0.0; i++) {
            double gain = gains.of(q.rel[i]);
            sumResults += gain;
            double idealGain = ideal.next();
            if (idealGain > 0.0) {
                sumIdeal += idealGain;
            }
            sumCost += idealGain >= minCost ? idealGain : minCost;
            if (gain != 0) {
                resultsG += gain / log2(2 + sumCost - sumResults);
            }
        }
        for (; i < q.numRet; i++) {
            double gain = gains.of(q.rel[i]);
            sumResults += gain;
            sumCost += minCost;
            if (gain != 0) {
                resultsG += gain / log2(2 + sumCost - sumResults);
            }
        }
        while (ideal.gain() > 0.0) {
            double idealGain = ideal.next();
            if (idealGain > 0.0) {
                sumIdeal += idealGain;
            }
        }
        return sumIdeal > 0.0 ? resultsG / sumIdeal : 0.0;
    }

    /** A result's gain at 0-based rank i, discounted as trec_eval's ndcg does; a zero gain adds nothing. */
    private static double discounted(double gain, int i) {
        return gain != 0 ? gain / log2(i + 2) : 0.0;
    }

    /** The ideal ranking's gain at 0-based rank i, discounted; trec_eval counts only positive ideal gains. */
    private static double discountedIdeal(double idealGain, int i) {
        return idealGain > 0.0 ? idealGain / log2(i + 2) : 0.0;
    }

    private static double ndcg(RankedQuery q, Setting s) {
        Gains gains = new Gains(q, s.pairs);
        Gains.Ideal ideal = gains.ideal();
        double dcg = 0.0;
        double idealDcg = 0.0;
        int i = 0;
        for (; i < q.numRet && ideal.gain() > 0.0; i++) {
            double gain = gains.of(q.rel[i]);
            dcg += discounted(gain, i);
            double idealGain = ideal.next();
            idealDcg += discountedIdeal(idealGain, i);
        }
        for (; i < q.numRet; i++) {
            double gain = gains.of(q.rel[i]);
            dcg += discounted(gain, i);
        }
        for (; ideal.gain() > 0.0; i++) {
            double idealGain = ideal.next();
            idealDcg += discountedIdeal(idealGain, i);
        }
        return idealDcg > 0.0 ? dcg / idealDcg : 0.0;
    }

    private static double ndcgRel(RankedQuery q, Setting s) {
        Gains gains = new Gains(q, s.pairs);
        Gains.Ideal ideal = gains.ideal();
        double dcg = 0.0;
        double idealDcg = 0.0;
        double sum = 0.0;
        long relRet = 0;
        long rel = 0;
        int i = 0;
        for (; i < q.numRet && ideal.gain() > 0.0; i++) {
            double gain = gains.of(q.rel[i]);
            dcg += discounted(gain, i);
            double idealGain = ideal.next();
            if (idealGain > 0.0) {
                rel++;
                idealDcg += idealGain / log2(i + 2);
            }
            if (gain > 0) {
                sum += dcg / idealDcg;
                relRet++;
            }
        }
        for (; i < q.numRet; i++) {
            double gain = gains.of(q.rel[i]);
            dcg += discounted(gain, i);
            if (gain > 0) {
                sum += dcg / idealDcg;
                relRet++;
            }
        }
        for (; ideal.gain() > 0.0; i++) {
            double idealGain = ideal.next();
            if (idealGain > 0.0) {
                rel++;
                idealDcg += idealGain / log2(i + 2);
            }
        }
        // relevant documents never retrieved count at the final nDCG
        sum += ((double) (rel - relRet)) * dcg / idealDcg;
        return sum > 0.0 ? sum / rel : 0.0;
    }

    private static double rndcg(RankedQuery q, Setting s) {
        Gains gains = new Gains(q, s.pairs);
        if (q.numRel == 0) {
            return 0.0;
        }
        Gains.Ideal ideal = gains.ideal();
        double dcg = 0.0;
        double idealDcg = 0.0;
        double sum = 0.0;
        double previousIdealGain = ideal.gain();
        long boundaries = 0;
        int i = 0;
        for (; i < q.numRet && ideal.gain() > 0.0; i++) {
            double gain = gains.of(q.rel[i]);
            double idealGain = ideal.next();
            if (previousIdealGain != idealGain) {
                if (idealDcg > 0.0) {
                    sum += dcg / idealDcg;
                    boundaries++;
                }
                previousIdealGain = idealGain;
            }
            dcg += discounted(gain, i);
            idealDcg += discountedIdeal(idealGain, i);
        }
        if (i < q.numRet) {
            for (; i < q.numRet; i++) {
                double gain = gains.of(q.rel[i]);
                dcg += discounted(gain, i);
            }
            if (idealDcg > 0.0) {
                sum += dcg / idealDcg;
                boundaries++;
            }
        }
        for (; ideal.gain() > 0.0; i++) {
            double idealGain = ideal.next();
            if (previousIdealGain != idealGain) {
                if (idealDcg > 0.0) {
                    sum += dcg / idealDcg;
                    boundaries++;
                }
                previousIdealGain = idealGain;
            }
            idealDcg += discountedIdeal(idealGain, i);
        }
        return sum / boundaries;
    }

    /** nDCG of the top k with gain = grade (positive grades only) and discount log2(rank + 1). */
    private static double ndcgCut(RankedQuery q, Setting s, long k) {
        double dcg = 0.0;
        for (int i = 0; i < Math.min(k, q.numRet); i++) {
            double gain = q.rel[i];
            if (gain > 0) {
                dcg += gain / log2(i + 2);
            }
        }
        double idealDcg = 0.0;
        int i = 0;
        for (int grade = q.numRelLevels - 1; grade > 0 && i < k; grade--) {
            for (long n = 0; n < q.relLevels[grade] && i < k; n++, i++) {
                idealDcg += grade / log2(i + 2);
            }
        }
        return idealDcg > 0.0 ? dcg / idealDcg : dcg;
    }

    private static double mapCut(RankedQuery q, Setting s, long k) {
        if (q.numRel == 0) {
            return 0.0;
        }
        long relSoFar = 0;
        double sum = 0.0;
        for (int i = 0; i < Math.min(k, q.numRet); i++) {
            if (q.isRelevant(i)) {
                relSoFar++;
                sum += (double) relSoFar / (double) (i + 1);
            }
        }
        return sum / (double) q.numRel;
    }

    private static double setF(RankedQuery q, Setting s) {
        if (q.numRelRet == 0) {
            return 0.0;
        }
        double precision = (double) q.numRelRet / (double) q.numRet;
        double recall = (double) q.numRelRet / (double) q.numRel;
        double x = s.values[0];
        return (x + 1.0) * precision * recall / (x * precision + recall);
    }

    private static double rbp(RankedQuery q, Setting s) {
        double p = 0.9;
        for (Measure.Pair pair : s.pairs) {
            if (pair.name().equals("p")) {
                p = pair.value();
            }
        }
        Gains gains = new Gains(q, s.pairs);
        gains.normalizeToUnitRange();
        double sum = 0.0;
        double weight = 1.0;
        for (int i = 0; i < q.numRet; i++) {
            double gain = gains.of(q.rel[i]);
            if (gain != 0) {
                sum += gain * weight;
            }
            weight *= p;
        }
        return (1.0 - p) * sum;
    }

    private static double rbpResid(RankedQuery q, Setting s) {
        double p = 0.9;
        long unjudged = 0;
        double sum = 0.0;
        double weight = 1.0;
        for (int i = 0; i < q.numRet; i++) {
            if (q.rel[i] < 0) {
                unjudged++;
                sum += weight;
            }
            weight *= p;
        }
        return unjudged == 0 ? 0.0 : weight + (1 - p) * sum;
    }

    static long unjudgedInTop(RankedQuery q, long k) {
        long n = 0;
        for (int i = 0; i < Math.min(k, q.numRet); i++) {
            if (q.rel[i] == RankedQuery.NONPOOL || q.rel[i] == RankedQuery.UNJUDGED) {
                n++;
            }
        }
        return n;
    }

    private static String relstring(RankedQuery q, Setting s) {
        long length = Math.max(0, Math.min((long) s.values[0], q.numRet));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int r = q.rel[i];
            text.append(r > 9 ? '>' : r >= 0 ? (char) ('0' + r) : r == RankedQuery.NONPOOL ? '-'
                    : r == RankedQuery.UNJUDGED ? '.' : '<');
        }
        return text.toString();
    }
}
