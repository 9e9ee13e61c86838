package org.relevanceworkbench.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.relevanceworkbench.eval.Measure.Setting;

/**
 * trec_eval's measures for one query, for the GUI and the judging module: built from the query's grades
 * (docno → grade) and its ranking, computed by the same code as {@link TrecEval}, so {@code ndcgAt(10)} here is
 * trec_eval's {@code ndcg_cut_10} for that query.
 */
public final class QueryMetrics {
    private final RankedQuery query;
    private final EvalOptions options;

    private QueryMetrics(RankedQuery query, EvalOptions options) {
        this.query = query;
        this.options = options;
    }

    /** Ranks {@code ranking} by score as trec_eval does (ties: docno descending); grade >= 1 is relevant. */
    public static QueryMetrics of(Map<String, Integer> grades, List<ScoredDoc> ranking) {
        return of(grades, ranking, EvalOptions.DEFAULT);
    }

    /** As {@link #of(Map, List)} with trec_eval's -l, -M and -N taken from {@code options}. */
    public static QueryMetrics of(Map<String, Integer> grades, List<ScoredDoc> ranking, EvalOptions options) {
        return new QueryMetrics(RankedQuery.rank("query", grades, ranking, options.relevanceLevel(),
                options.maxResultsPerQuery(), options.numDocsInCollection(), "ranking"), options);
    }

    /** For a ranking already in order (first = rank 1), e.g. as shown on screen; docnos must be distinct. */
    public static QueryMetrics ofRankOrder(Map<String, Integer> grades, List<String> docnos) {
        return ofRankOrder(grades, docnos, EvalOptions.DEFAULT);
    }

    public static QueryMetrics ofRankOrder(Map<String, Integer> grades, List<String> docnos, EvalOptions options) {
        List<ScoredDoc> ranking = new ArrayList<>(docnos.size());
        for (int i = 0; i < docnos.size(); i++) {
            ranking.add(new ScoredDoc(docnos.get(i), docnos.size() - i));
        }
        return of(grades, ranking, options);
    }

    /** trec_eval's ndcg_cut.k: gain = grade, discount log2(rank + 1), normalised by the ideal top k. */
    public double ndcgAt(int k) {
        return value("ndcg_cut." + k);
    }

    /** trec_eval's ndcg over the whole ranking. */
    public double ndcg() {
        return value("ndcg");
    }

    /** trec_eval's map for this query: average precision. */
    public double averagePrecision() {
        return value("map");
    }

    /** trec_eval's P.k: relevant in the top k / k (missing ranks count as nonrelevant). */
    public double precisionAt(int k) {
        return value("P." + k);
    }

    /** trec_eval's recall.k: relevant in the top k / R (0 when R = 0). */
    public double recallAt(int k) {
        return value("recall." + k);
    }

    /** trec_eval's recip_rank: 1 / rank of the first relevant document, 0 if none. */
    public double reciprocalRank() {
        return value("recip_rank");
    }

    public double rPrecision() {
        return value("Rprec");
    }

    public double bpref() {
        return value("bpref");
    }

    /**
     * Judged@k: documents of the top k that have a grade >= 0 in the qrels, over k (ranks past the end of the
     * ranking count as not judged, like P.k's missing ranks). Not a trec_eval measure; see {@link #unjudgedAt}.
     */
    public double judgedAt(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, not " + k);
        }
        long judged = Math.min(k, query.numRet) - TrecMeasures.unjudgedInTop(query, k);
        return (double) judged / (double) k;
    }

    /** trec_eval's unj.k: documents of the top k absent from the qrels or graded negative, over k. */
    public double unjudgedAt(int k) {
        return value("unj." + k);
    }

    public long numRetrieved() {
        return query.numRet;
    }

    /** R: relevant judged documents. */
    public long numRelevant() {
        return query.numRel;
    }

    public long numRelevantRetrieved() {
        return query.numRelRet;
    }

    /** trec_eval's relstring.n: one character per ranked document (grade, '-' not in qrels, '.' graded negative). */
    public String relstring(int n) {
        List<Setting> settings = TrecMeasures.select(options.withMeasures("relstring." + n));
        return settings.get(0).measure.text.compute(query, settings.get(0));
    }

    /** The first value of a {@code -m} style measure ({@code "P.10"}, {@code "ndcg_cut.5"}, {@code "bpref"}). */
    public double value(String measure) {
        Map<String, Double> values = values(measure);
        if (values.isEmpty()) {
            throw new NoSuchElementException("measure " + measure + " has no per-query value");
        }
        return values.values().iterator().next();
    }

    /** Per-query values of {@code -m} style measures by trec_eval value name ({@code P_5}, {@code map}...). */
    public Map<String, Double> values(String... measures) {
        List<Setting> settings = TrecMeasures.select(options.withMeasures(measures));
        EvalResult.QueryValues computed = TrecEval.compute(query, settings, false);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int m = 0; m < settings.size(); m++) {
            Setting s = settings.get(m);
            if (s.measure.perQuery && s.measure.kind != Measure.Kind.TEXT) {
                for (int v = 0; v < s.size(); v++) {
                    values.put(s.valueNames.get(v), computed.values()[m][v]);
                }
            }
        }
        return values;
    }
}
