package org.relevanceworkbench.eval;

import java.util.List;

/**
 * trec_eval's evaluation flags.
 *
 * @param relevanceLevel {@code -l}: the least grade that counts as relevant for binary measures (default 1)
 * @param maxResultsPerQuery {@code -M}: only the first N ranked documents of each query count (default: all,
 *        as in trec_eval, whose default is MAXLONG)
 * @param completeQrels {@code -c}: evaluate every query of the qrels; a query missing from the results is scored
 *        as trec_eval does it (one unjudged document, then num_ret, utility, relstring, unj and rbp_resid zeroed)
 * @param numDocsInCollection {@code -N}: used only by utility's fourth coefficient (default 0)
 * @param measures {@code -m} arguments in order ({@code map}, {@code P.5,10}, {@code all_trec}...); empty for
 *        trec_eval's default, {@code official}
 */
public record EvalOptions(int relevanceLevel, long maxResultsPerQuery, boolean completeQrels, long numDocsInCollection,
        List<String> measures) {
    public static final EvalOptions DEFAULT = new EvalOptions(1, Long.MAX_VALUE, false, 0, List.of());

    public EvalOptions {
        if (maxResultsPerQuery < 1) {
            throw new IllegalArgumentException("max results per query must be at least 1, not " + maxResultsPerQuery);
        }
        measures = List.copyOf(measures);
    }

    public EvalOptions withRelevanceLevel(int level) {
        return new EvalOptions(level, maxResultsPerQuery, completeQrels, numDocsInCollection, measures);
    }

    public EvalOptions withMaxResultsPerQuery(long max) {
        return new EvalOptions(relevanceLevel, max, completeQrels, numDocsInCollection, measures);
    }

    public EvalOptions withCompleteQrels(boolean complete) {
        return new EvalOptions(relevanceLevel, maxResultsPerQuery, complete, numDocsInCollection, measures);
    }

    public EvalOptions withNumDocsInCollection(long docs) {
        return new EvalOptions(relevanceLevel, maxResultsPerQuery, completeQrels, docs, measures);
    }

    public EvalOptions withMeasures(String... measureArgs) {
        return new EvalOptions(relevanceLevel, maxResultsPerQuery, completeQrels, numDocsInCollection,
                List.of(measureArgs));
    }
}
