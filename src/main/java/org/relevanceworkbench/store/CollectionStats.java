package org.relevanceworkbench.store;

/** What a collection holds, as the collections pane and {@code list collections} show it. */
public record CollectionStats(Collection collection, long documents, long indexedDocuments, long topics,
        long qrels, long runs) {

    public boolean indexComplete() {
        return indexedDocuments >= documents;
    }
}
