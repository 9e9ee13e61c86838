package org.relevanceworkbench.common;

/** Thrown inside a worker when its {@link CancellationToken} was cancelled; undoes the unit of work. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
