package org.relevanceworkbench.store;

/** A named set of documents; {@code indexedThrough} is the highest document row in its BM25 index. */
public record Collection(long id, String name, String createdAt, long indexedThrough) {
}
