package org.relevanceworkbench.attribution;

import org.relevanceworkbench.rerank.CandidateSpec;

/**
 * What to attribute: a topic's variant over a candidate set.
 *
 * @param clauses     the cut of the variant's instruction to use (the user's edited one); null to cut it with
 *                    {@link ClauseSplitter}
 * @param maxClauses  the most clauses accepted (each costs a pass over the candidates); {@link #DEFAULT_MAX_CLAUSES}
 * @param clauseAlone also score the query with each clause alone
 * @param wordsDocId  a document whose word occlusion to compute as well, or null
 */
public record AttributionRequest(String collection, String topicId, String variant, CandidateSpec candidates,
        Clauses clauses, int maxClauses, boolean clauseAlone, String wordsDocId) {
    public static final int DEFAULT_MAX_CLAUSES = 40;

    /** Leave-one-out over the split instruction, no clause-alone, no words. */
    public static AttributionRequest of(String collection, String topicId, String variant, CandidateSpec candidates) {
        return new AttributionRequest(collection, topicId, variant, candidates, null, DEFAULT_MAX_CLAUSES, false, null);
    }

    public AttributionRequest withClauses(Clauses c) {
        return new AttributionRequest(collection, topicId, variant, candidates, c, maxClauses, clauseAlone, wordsDocId);
    }

    public AttributionRequest withMaxClauses(int n) {
        return new AttributionRequest(collection, topicId, variant, candidates, clauses, n, clauseAlone, wordsDocId);
    }

    public AttributionRequest withClauseAlone(boolean on) {
        return new AttributionRequest(collection, topicId, variant, candidates, clauses, maxClauses, on, wordsDocId);
    }

    public AttributionRequest withWords(String docId) {
        return new AttributionRequest(collection, topicId, variant, candidates, clauses, maxClauses, clauseAlone, docId);
    }
}
