package org.relevanceworkbench.attribution;

import java.util.List;

/**
 * One document's row of the attribution: p(true) with the full instruction, with the query alone, without each
 * clause in turn and (when asked) with each clause alone. Δ = p(row) − p(full).
 *
 * @param pWithout per clause, p(true) without it (empty when the instruction is one clause)
 * @param pAlone   per clause, p(true) of the query with that clause alone (empty unless asked for)
 */
public record DocumentAttribution(String docId, String title, double pFull, double pQueryAlone, List<Double> pWithout,
        List<Double> pAlone) {
    public DocumentAttribution {
        pWithout = List.copyOf(pWithout);
        pAlone = List.copyOf(pAlone);
    }

    /** p(without clause k) − p(full), k 0-based. */
    public double delta(int clause) {
        return pWithout.get(clause) - pFull;
    }

    /** p(clause k alone) − p(full). */
    public double deltaAlone(int clause) {
        return pAlone.get(clause) - pFull;
    }

    /** p(query alone) − p(full): what the whole instruction does to this document, negated. */
    public double deltaQueryAlone() {
        return pQueryAlone - pFull;
    }
}
