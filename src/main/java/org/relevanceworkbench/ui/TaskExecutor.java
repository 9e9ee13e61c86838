package org.relevanceworkbench.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where view models send slow work (database, import, scoring) so the FX thread never waits on
 * it. The FX implementation runs work on a background thread and callbacks on the FX thread; the
 * same-thread implementation lets view-model tests run without any FX thread.
 */
public interface TaskExecutor {
    /** Runs {@code work} off the UI thread, then {@code onSuccess} or {@code onFailure} on it. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code update} on the UI thread (progress from inside {@code work}). */
    void onUi(Runnable update);

    /** Runs {@code update} on the UI thread after a delay (coalescing frequent updates); at once by default. */
    default void onUiAfter(long millis, Runnable update) {
        onUi(update);
    }
}
