package org.relevanceworkbench.common;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set by whoever started a long action (Cancel button, Ctrl-C); polled by the worker between
 * records or batches. Not final so that tests can cancel at an exact point.
 */
public class CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() { // overridden by tests that cancel after N checks
        return cancelled.get();
    }

    /** Throws {@link CancelledException} once {@link #cancel()} was called. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
