package org.relevanceworkbench.export;

/**
 * One document of a run's ranking for a topic as trec_eval will see it: its rank 1..n and the score
 * written for it ({@code trecScore}), next to the score stored in the run ({@code score}, null for
 * a run imported as an order only).
 */
public record RankedDocument(String docId, int rank, double trecScore, Double score) {
}
