package org.relevanceworkbench.corpus;

import java.util.List;

/**
 * BM25 hits with what users need to trust them: the terms searched, the stopwords left out, and
 * how much of the collection the index covered (an index still building covers part of it).
 */
public record SearchResult(List<SearchHit> hits, List<String> terms, List<String> dropped, long indexedDocuments,
        long totalDocuments) {

    public boolean indexComplete() {
        return indexedDocuments >= totalDocuments;
    }
}
