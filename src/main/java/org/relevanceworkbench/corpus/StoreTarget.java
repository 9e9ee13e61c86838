package org.relevanceworkbench.corpus;

import java.util.function.Consumer;
import org.relevanceworkbench.formats.Problem;

/** Where one file's records go in the store, on the writer's connection, inside the file's transaction. */
interface StoreTarget<R> extends AutoCloseable {
    /** Stores {@code record}; returns why it cannot be stored (a duplicate, an unknown topic) or null. */
    Problem store(R record) throws Exception;

    /**
     * Stores {@code record}, perhaps later, in a batch: a target may hold records back and store them together (one
     * native call for many rows). Refusals reach {@code refused} in record order, at the latest at {@link #flush}.
     */
    default void store(R record, Consumer<Problem> refused) throws Exception {
        Problem problem = store(record);
        if (problem != null) {
            refused.accept(problem);
        }
    }

    /** Stores every record held back, reporting refusals in record order. */
    default void flush(Consumer<Problem> refused) throws Exception {
    }

    /**
     * Called once every record of the file is stored (and flushed), still inside its transaction (not after a
     * failure: SQLite may have rolled the transaction back by itself, and a write then would commit on its own).
     */
    default void finish() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
