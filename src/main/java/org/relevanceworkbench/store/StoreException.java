package org.relevanceworkbench.store;

/** An unexpected failure of the database layer (a bug or the environment, not the user's input). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
