package org.relevanceworkbench.attribution;

/**
 * What leaving one clause out does over all candidates (the summary row under the heat map).
 *
 * @param index       1-based clause number; 0 for the query alone (every clause left out)
 * @param clause      the clause's text; null for the query alone
 * @param instruction the instruction scored without it
 * @param flips       documents whose p(true) crosses {@link AttributionService#THRESHOLD} between full and without
 * @param meanAbsDelta mean |p(without) − p(full)|
 * @param kendallTau  Kendall τ-b of the ranking without the clause against the full ranking (NaN for < 2 documents)
 * @param pMrr        p-MRR of the full ranking against the one without, when the topic has qrels of its baseline
 *                    and of this variant in which some grade differs; null otherwise
 */
public record ClauseSummary(int index, String clause, String instruction, int flips, double meanAbsDelta,
        double kendallTau, Double pMrr) {
}
