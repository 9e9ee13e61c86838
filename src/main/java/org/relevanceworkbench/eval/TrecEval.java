package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.eval.Measure.Setting;

/**
 * trec_eval in Java (usnistgov/trec_eval, version 10): the same queries, measures, values and output.
 *
 * <p>Queries are those of the qrels, in byte order of their ids; one absent from the results is skipped, or with
 * {@code -c} scored against a single unjudged document as trec_eval.c does (then num_ret, utility, relstring, unj_*
 * and rbp_resid are zeroed). Queries only in the results are ignored. Each query's documents are ranked by score,
 * ties by docno descending, and cut to {@code -M}; a docno twice in that cut, or judged twice for an evaluated
 * query, fails the evaluation. The 'all' values average over the evaluated queries (or sum, for counts).
 */
public final class TrecEval {
    /** The document trec_eval puts in place of a query missing from the results under -c. */
    static final String MISSING_QUERY_DOC = "ceci_nest_pas_un_docno";

    private TrecEval() {
    }

    public static EvalResult evaluate(Qrels qrels, Results results, EvalOptions options) {
        return evaluate(qrels, results, options, "results");
    }

    /** {@code resultsName} names the results in messages about duplicate documents (the file, for the CLI). */
    public static EvalResult evaluate(Qrels qrels, Results results, EvalOptions options, String resultsName) {
        List<Setting> settings = TrecMeasures.select(options);
        Map<String, EvalResult.QueryValues> perQuery = new LinkedHashMap<>();
        double[][] sums = new double[settings.size()][];
        for (int m = 0; m < settings.size(); m++) {
            sums[m] = new double[settings.get(m).size()];
        }
        for (String qid : qrels.topics()) {
            List<ScoredDoc> docs = results.documents(qid);
            boolean missing = docs.isEmpty();
            if (missing && !options.completeQrels()) {
                continue;
            }
            if (missing) {
                docs = List.of(new ScoredDoc(MISSING_QUERY_DOC, 1.0));
            }
            String duplicate = qrels.duplicateProblem(qid);
            if (duplicate != null) {
                throw new TrecEvalException(duplicate);
            }
            RankedQuery q = RankedQuery.rank(qid, qrels.judgments(qid), docs, options.relevanceLevel(),
                    options.maxResultsPerQuery(), options.numDocsInCollection(), resultsName);
            EvalResult.QueryValues values = compute(q, settings, missing);
            perQuery.put(qid, values);
            for (int m = 0; m < settings.size(); m++) {
                for (int v = 0; v < sums[m].length; v++) {
                    sums[m][v] += values.values()[m][v];
                }
            }
        }
        if (perQuery.isEmpty()) {
            throw new TrecEvalException("no queries with both results and relevance info");
        }
        int n = perQuery.size();
        double[][] summary = new double[settings.size()][];
        for (int m = 0; m < settings.size(); m++) {
            summary[m] = sums[m].clone();
            for (int v = 0; v < summary[m].length; v++) {
                switch (settings.get(m).measure.summary) {
                    case MEAN -> summary[m][v] /= n;
                    case GEOMETRIC -> summary[m][v] = Math.exp(summary[m][v] / n);
                    case QUERY_COUNT -> summary[m][v] = n;
                    default -> { }
                }
            }
        }
        return new EvalResult(settings, perQuery, summary, results.runId());
    }

    /** Computes every selected measure for one ranked query. */
    static EvalResult.QueryValues compute(RankedQuery q, List<Setting> settings, boolean missing) {
        double[][] values = new double[settings.size()][];
        String[] texts = new String[settings.size()];
        for (int m = 0; m < settings.size(); m++) {
            Setting s = settings.get(m);
            values[m] = new double[s.size()];
            s.measure.calc.compute(q, s, values[m]);
            if (s.measure.text != null) {
                texts[m] = s.measure.text.compute(q, s);
            }
            if (missing) {
                zeroForMissingQuery(s, values[m], texts, m);
            }
        }
        return new EvalResult.QueryValues(values, texts);
    }

    /**
     * trec_eval.c's clean-up after scoring the stand-in document of a missing query. It matches value names
     * exactly (unj by prefix), so a parameterised utility or relstring keeps its stand-in value, as there.
     */
    private static void zeroForMissingQuery(Setting s, double[] values, String[] texts, int m) {
        for (int v = 0; v < values.length; v++) {
            String name = s.valueNames.get(v);
            if (name.equals("num_ret") || name.equals("utility") || name.startsWith("unj") || name.equals("rbp_resid")) {
                values[v] = 0.0;
            }
            if (name.equals("relstring")) {
                texts[m] = "";
            }
        }
    }

    /** The value names the options select, in output order (e.g. for a table header). */
    public static List<String> valueNames(EvalOptions options) {
        List<String> names = new ArrayList<>();
        for (Setting s : TrecMeasures.select(options)) {
            names.addAll(s.valueNames);
        }
        return names;
    }
}
