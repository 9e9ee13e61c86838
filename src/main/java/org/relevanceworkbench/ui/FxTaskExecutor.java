package org.relevanceworkbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Background work on daemon threads, results on the FX application thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "workbench-task");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        try {
            workers.execute(() -> {
                try {
                    T result = work.call();
                    Platform.runLater(() -> onSuccess.accept(result));
                } catch (Throwable failure) {
                    Platform.runLater(() -> onFailure.accept(failure));
                }
            });
        } catch (RejectedExecutionException closed) {
            // the window is closing (close() may run on another thread at this very moment): a late refresh has
            // nothing left to update
        }
    }

    @Override
    public void onUi(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    @Override
    public void onUiAfter(long millis, Runnable update) {
        javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(
                javafx.util.Duration.millis(Math.max(1, millis)));
        pause.setOnFinished(e -> update.run());
        onUi(pause::play);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
