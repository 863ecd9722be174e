package org.peresvet.app.fx;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A running piece of long work (see {@link FxTasks#start}): its progress and message as FX
 * properties, and a cancel switch. Progress from the worker is coalesced: at most one hand-over to
 * the FX thread is queued at a time.
 */
public final class FxTask<T> {

    /** What the work sees: report progress, and stop when cancelled. */
    public interface Progress {
        /** {@code done} of {@code total} units; a total of -1 means unknown. */
        void update(long done, long total);

        void message(String text);

        boolean isCancelled();

        /** Throws {@link CancellationException} once the user cancelled. */
        default void checkCancelled() {
            if (isCancelled()) {
                throw new CancellationException("cancelled");
            }
        }
    }

    private final String title;
    private final Executor fx;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private volatile double latestProgress = -1;
    private volatile String latestMessage = "";

    FxTask(String title, Executor fx) {
        this.title = title;
        this.fx = fx;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Asks the work to stop; it ends with a {@link CancellationException}. Cancelling is
     * cooperative (the work checks {@link Progress#isCancelled()}): the worker thread is never
     * interrupted, because an interrupt closes the channels of the project's H2 files.
     */
    public void cancel() {
        cancelled.set(true);
    }

    void checkCancelled() {
        if (cancelled.get()) {
            throw new CancellationException("cancelled");
        }
    }

    Progress progress() {
        return new Progress() {
            @Override
            public void update(long done, long total) {
                latestProgress = total <= 0 ? -1 : Math.min(1.0, (double) done / total);
                handOver();
            }

            @Override
            public void message(String text) {
                latestMessage = text == null ? "" : text;
                handOver();
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    private void handOver() {
        if (handOverQueued.compareAndSet(false, true)) {
            fx.execute(() -> {
                handOverQueued.set(false);
                progress.set(latestProgress);
                message.set(latestMessage);
            });
        }
    }

    void finish(Runnable callback) {
        fx.execute(() -> {
            running.set(false);
            progress.set(1);
            callback.run();
        });
    }
}
