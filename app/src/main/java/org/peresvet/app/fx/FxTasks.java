package org.peresvet.app.fx;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Runs blocking work off the FX thread and hands the result (or the error) back on it. The one
 * way the app does background work, so no screen blocks the FX thread.
 */
public final class FxTasks {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "peresvet-fx-task");
        t.setDaemon(true);
        return t;
    });

    private FxTasks() {
    }

    /** Short work without progress: {@code onSuccess} or {@code onError} runs on the FX thread. */
    public static <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        WORKERS.execute(() -> {
            try {
                T result = work.get();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (RuntimeException | Error e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    /** Long work that reports progress and can be cancelled. */
    @FunctionalInterface
    public interface Work<T> {
        T run(FxTask.Progress progress) throws Exception;
    }

    /**
     * Starts long work (import, export, recalculation). Progress reaches the returned task's
     * properties at most once per pulse; a cancelled task ends with a {@link CancellationException}
     * given to {@code onError}. Call on the FX thread.
     */
    public static <T> FxTask<T> start(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        FxTask<T> task = new FxTask<>(title, Platform::runLater);
        WORKERS.execute(() -> {
            try {
                task.checkCancelled();
                // Work that returned has finished, cancelled or not: a late cancel must not hide what it did.
                T result = work.run(task.progress());
                task.finish(() -> onSuccess.accept(result));
            } catch (Exception | Error e) {
                task.finish(() -> onError.accept(e));
            }
        });
        return task;
    }
}
