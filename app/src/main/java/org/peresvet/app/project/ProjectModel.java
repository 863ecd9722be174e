package org.peresvet.app.project;

import java.util.List;
import java.util.function.Consumer;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.runtime.Subscription;

/** The project's objects and tags: read them, edit them, hear of every change. */
public interface ProjectModel {

    /** The model as it is now (immutable). */
    ModelSnapshot snapshot();

    ProjectSettings settings();

    /**
     * Applies the edits all or nothing, recorded as the context's actor.
     *
     * @throws org.peresvet.model.ModelException with the reason when they are refused
     */
    ModelSnapshot.Change edit(List<ModelEdit> edits);

    /** The same edits with the reason a rule of the project asks for (kept in the audit record). */
    default ModelSnapshot.Change edit(List<ModelEdit> edits, String reason) {
        return edit(edits);
    }

    /** Calls {@code listener} after every change (any thread) until the subscription is closed. */
    Subscription onChange(Consumer<ModelSnapshot.Change> listener);
}
