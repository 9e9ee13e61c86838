package org.relevanceworkbench.eval;

/**
 * One document whose grade the changed instruction changed: its grades under both qrels (0 where
 * the changed qrels do not list it), its 1-based ranks in both runs and its p-MRR term.
 */
public record PmrrDocument(String docId, int ogGrade, int changedGrade, int ogRank, int changedRank, double value) {
}
