package org.peresvet.engine;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.io.ProjectDocument;

/** The project's model and settings: read, edit (stored, then applied to the running engine), import, export. */
public interface ProjectModel {

    ModelSnapshot model();

    ProjectSettings settings();

    /**
     * Validates, stores and applies edits, all or nothing, to the running engine; no restart. Edits
     * reach the running engine in the order they were stored.
     *
     * @throws org.peresvet.model.ModelException when an edit is invalid; nothing changed
     * @throws org.peresvet.store.StoreException when the project file could not be written; nothing changed
     */
    ModelSnapshot.Change edit(Actor actor, List<ModelEdit> edits);

    default ModelSnapshot.Change edit(Actor actor, ModelEdit... edits) {
        return edit(actor, List.of(edits));
    }

    /**
     * Imports a document atomically.
     *
     * @param replace true: the model (and settings, if the document has them) become the document's
     */
    ModelSnapshot.Change importDocument(Actor actor, ProjectDocument doc, UUID intoParent, boolean replace);

    void updateSettings(Actor actor, ProjectSettings settings);

    /** The whole project (root null) or one object's subtree as a JSON document. */
    String exportJson(UUID root);

    /**
     * The project document; secrets (connector passwords and tokens) are left out unless
     * {@code withSecrets}, and then in clear text, the document saying so ({@code "secrets": "included"}).
     *
     * @throws org.peresvet.runtime.SecretUnavailableException with secrets, when the project's key is missing
     */
    default String exportJson(UUID root, boolean withSecrets) {
        if (withSecrets) {
            throw new UnsupportedOperationException("this project cannot export its secrets");
        }
        return exportJson(root);
    }

    /**
     * The project document for an actor: with secrets only for one who may manage users (they
     * open every connector's password), and that export is audited; without, as {@link #exportJson(UUID)}.
     *
     * @throws org.peresvet.security.AccessDeniedException with secrets, naming MANAGE_USERS
     */
    default String exportJson(Actor actor, UUID root, boolean withSecrets) {
        return exportJson(root, withSecrets);
    }

    /** Called after every model change, on the editing thread. */
    void onModelChange(Consumer<ModelSnapshot.Change> listener);
}
