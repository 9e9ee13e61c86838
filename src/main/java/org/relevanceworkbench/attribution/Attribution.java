package org.relevanceworkbench.attribution;

import java.util.List;

/**
 * The result of an attribution: per document and clause the scores (the heat map), per clause the summary, the query
 * alone, and maybe one document's word occlusion.
 *
 * @param documents  in candidate order
 * @param summaries  per clause, in clause order (empty when the instruction is one clause)
 * @param queryAlone the summary of leaving the whole instruction out
 * @param words      the word occlusion, or null
 * @param cost       the pairs needed and how many came from the cache (the rest were scored)
 */
public record Attribution(String collection, String topicId, String variant, String query, String instruction,
        Clauses clauses, boolean leaveOneOut, boolean clauseAlone, List<DocumentAttribution> documents,
        List<ClauseSummary> summaries, ClauseSummary queryAlone, WordOcclusion words, Cost cost) {
    public Attribution {
        documents = List.copyOf(documents);
        summaries = List.copyOf(summaries);
    }

    /** Pairs the scorer computed in this run (not from the cache). */
    public int scored() {
        return cost.toScore();
    }
}
