package org.peresvet.app.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.ReasonRetry;
import org.peresvet.app.project.ProjectModel;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.ReasonRequiredException;

/**
 * Every model edit of the workstation goes through here: it is checked at once against the
 * current model (an invalid edit is refused with the reason and changes nothing), then applied
 * to the running engine off the FX thread, one edit at a time, and recorded for undo / redo with
 * its inverse computed from the snapshot before it.
 *
 * <p>Threads: public methods and the futures' completions run on the FX thread ({@code fx});
 * engine calls run on {@code background}, a serial executor. Toolkit-free: tests pass executors
 * that run inline.
 */
public final class ModelEditor {

    /** What the editor edits: the open project, or a stand-in in tests. */
    public interface Target {
        ModelSnapshot model();

        ModelSnapshot.Change edit(List<ModelEdit> edits);

        /** The same edits giving the reason a rule of the project asks for. */
        default ModelSnapshot.Change edit(List<ModelEdit> edits, String reason) {
            return edit(edits);
        }

        static Target of(ProjectModel project) {
            return new Target() {
                @Override
                public ModelSnapshot model() {
                    return project.snapshot();
                }

                @Override
                public ModelSnapshot.Change edit(List<ModelEdit> edits) {
                    return project.edit(edits);
                }

                @Override
                public ModelSnapshot.Change edit(List<ModelEdit> edits, String reason) {
                    return project.edit(edits, reason);
                }
            };
        }
    }

    /** One undoable step. */
    public record Step(String label, List<ModelEdit> forward, List<ModelEdit> inverse) {
    }

    private static final int MAX_STEPS = 200;

    private final Executor background;
    private final Executor fx;
    private volatile Target target;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper(this, "undoLabel", "");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper(this, "redoLabel", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private int inFlight;
    private final List<Consumer<ModelSnapshot.Change>> appliedListeners = new ArrayList<>();
    private final List<Consumer<AccessDeniedException>> refusedListeners = new ArrayList<>();
    private Function<String, ReasonRetry.Asker> reasonAsker = label -> refusal -> Optional.empty();

    public ModelEditor(Target target, Executor background, Executor fx) {
        this.target = target;
        this.background = background;
        this.fx = fx;
    }

    /** Edits another project from now on; its undo history starts empty. */
    public void retarget(Target newTarget) {
        target = newTarget;
        undo.clear();
        redo.clear();
        refresh();
    }

    public ModelSnapshot model() {
        return target.model();
    }

    /**
     * Called on the FX thread after every edit, undo and redo that changed the model, before the
     * edit's future completes (the shell publishes the new model to every screen here).
     */
    public void onApplied(Consumer<ModelSnapshot.Change> listener) {
        appliedListeners.add(listener);
    }

    /**
     * Called on the FX thread when the engine refused an edit for want of a permission (nothing
     * changed), before the edit's future completes; the shell tells the person which permission.
     */
    public void onRefused(Consumer<AccessDeniedException> listener) {
        refusedListeners.add(listener);
    }

    /**
     * Who is asked for a reason when a rule of the project wants one for an edit (on the FX
     * thread), given the step's label ("Rename Pump1"); the edit is then sent once more with it.
     * By default nobody is asked and the refusal completes the edit's future.
     */
    public void askReasonWith(Function<String, ReasonRetry.Asker> askerForStep) {
        reasonAsker = askerForStep;
    }

    /**
     * Applies edits as one undoable step.
     *
     * @throws ModelException at once when the edits are invalid against the current model; nothing changed
     */
    public CompletableFuture<ModelSnapshot.Change> apply(String label, List<ModelEdit> edits) {
        if (edits.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        target.model().apply(edits); // refuses invalid edits before anything is sent
        return submit(label, edits);
    }

    /**
     * Applies edits already checked elsewhere (a large import checks off the FX thread) as one
     * undoable step; a refusal completes the future exceptionally and changes nothing.
     */
    public CompletableFuture<ModelSnapshot.Change> submit(String label, List<ModelEdit> edits) {
        if (edits.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(label, edits, (before, change) -> {
            push(undo, new Step(label, change.applied(), Inverse.of(before, change.applied())));
            redo.clear();
        });
    }

    /** Undoes the last step; completes with null when there is nothing to undo. */
    public CompletableFuture<ModelSnapshot.Change> undo() {
        Step step = undo.pollFirst();
        if (step == null) {
            return CompletableFuture.completedFuture(null);
        }
        refresh();
        return run(undoLabel(step), step.inverse(), (before, change) -> push(redo, step))
                .whenComplete((c, err) -> {
                    if (err != null) {
                        push(undo, step); // nothing changed: the step can be tried again
                    }
                });
    }

    /** Redoes the last undone step. */
    public CompletableFuture<ModelSnapshot.Change> redo() {
        Step step = redo.pollFirst();
        if (step == null) {
            return CompletableFuture.completedFuture(null);
        }
        refresh();
        return run(step.label(), step.forward(), (before, change) -> push(undo, step))
                .whenComplete((c, err) -> {
                    if (err != null) {
                        push(redo, step);
                    }
                });
    }

    private interface Done {
        void accept(ModelSnapshot before, ModelSnapshot.Change change);
    }

    private CompletableFuture<ModelSnapshot.Change> run(String label, List<ModelEdit> edits, Done done) {
        CompletableFuture<ModelSnapshot.Change> result = new CompletableFuture<>();
        inFlight++;
        refresh();
        send(label, target, edits, null, done, result);
        return result;
    }

    /** Sends the edits (with a reason once one was asked for); a refusal for want of one asks and sends again. */
    private void send(String label, Target t, List<ModelEdit> edits, String reason, Done done,
                      CompletableFuture<ModelSnapshot.Change> result) {
        background.execute(() -> {
            try {
                ModelSnapshot before = t.model();
                ModelSnapshot.Change change = reason == null ? t.edit(edits) : t.edit(edits, reason);
                fx.execute(() -> {
                    inFlight--;
                    if (t == target) {
                        done.accept(before, change);
                    }
                    refresh();
                    for (var l : appliedListeners) {
                        l.accept(change);
                    }
                    result.complete(change);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (e instanceof ReasonRequiredException why && reason == null && t == target) {
                        Optional<String> given = reasonAsker.apply(label).ask(why);
                        if (given.isPresent()) {
                            send(label, t, edits, given.get(), done, result);
                            return;
                        }
                    }
                    inFlight--;
                    refresh();
                    if (e instanceof AccessDeniedException denied) {
                        refusedListeners.forEach(l -> l.accept(denied));
                    }
                    result.completeExceptionally(e);
                });
            }
        });
    }

    /** What undoing a step is called when a reason is asked for it ("Undo: Rename Pump1"). */
    private static String undoLabel(Step step) {
        return Messages.get("menu.undoWhat", step.label());
    }

    private void push(Deque<Step> stack, Step step) {
        stack.push(step);
        while (stack.size() > MAX_STEPS) {
            stack.removeLast();
        }
        refresh();
    }

    private void refresh() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peekFirst().label());
        redoLabel.set(redo.isEmpty() ? "" : redo.peekFirst().label());
        busy.set(inFlight > 0);
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What undo would undo, e.g. "Rename Pump1". */
    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    /** True while an edit is being applied. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public List<Step> undoSteps() {
        return List.copyOf(undo);
    }
}
