package org.relevanceworkbench.corpus;

import org.relevanceworkbench.formats.Problem;

/** Where one file's records go in the store, on the writer's connection, inside the file's transaction. */
interface StoreTarget<R> extends AutoCloseable {
    /** Stores {@code record}; returns why it cannot be stored (a duplicate, an unknown topic) or null. */
    Problem store(R record) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
