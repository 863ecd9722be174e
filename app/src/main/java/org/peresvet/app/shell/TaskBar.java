package org.peresvet.app.shell;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTask;
import org.peresvet.app.fx.FxTasks;

/** The status bar's task slot: one cancellable background task at a time, with its progress. FX thread only. */
final class TaskBar {
    private final HBox box;
    private final Label label;
    private final ProgressBar progress;
    private final Feedback feedback;
    private FxTask<?> current;

    TaskBar(HBox box, Label label, ProgressBar progress, Feedback feedback) {
        this.box = box;
        this.label = label;
        this.progress = progress;
        this.feedback = feedback;
    }

    /** Starts {@code work} (a new task cancels the one running); a cancel is reported, not failed. */
    <T> FxTask<T> run(String title, FxTasks.Work<T> work, Consumer<T> ok, Consumer<Throwable> failed) {
        cancel();
        FxTask<T> task = FxTasks.start(title, work, r -> {
            end();
            ok.accept(r);
        }, err -> {
            end();
            if (err instanceof CancellationException) {
                feedback.info(Messages.get("task.cancelled", title));
            } else {
                failed.accept(err);
            }
        });
        current = task;
        label.textProperty().bind(Bindings.when(task.messageProperty().isEmpty()).then(title).otherwise(task.messageProperty()));
        progress.progressProperty().bind(task.progressProperty());
        box.setVisible(true);
        box.setManaged(true);
        return task;
    }

    void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    private void end() {
        current = null;
        label.textProperty().unbind();
        progress.progressProperty().unbind();
        box.setVisible(false);
        box.setManaged(false);
    }
}
