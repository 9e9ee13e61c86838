package org.relevanceworkbench.corpus;

import org.relevanceworkbench.formats.Problem;

/** Where one file's records go in the store, on the writer's connection, inside the file's transaction. */
interface StoreTarget<R> extends AutoCloseable {
    /** Stores {@code record}; returns why it cannot be stored (a duplicate, an unknown topic) or null. */
    Problem store(R record) throws Exception;

    /**
     * Called once every record of the file is stored, still inside its transaction (not after a failure: SQLite may
     * have rolled the transaction back by itself, and a write then would commit on its own).
     */
    default void finish() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
