package org.relevanceworkbench.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs everything at once on the calling thread: view-model tests need no FX thread and no waiting. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable failure) {
            onFailure.accept(failure);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUi(Runnable update) {
        update.run();
    }
}
