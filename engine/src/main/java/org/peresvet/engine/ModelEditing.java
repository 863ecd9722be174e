package org.peresvet.engine;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectImport;
import org.peresvet.model.io.ProjectJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current model and settings, and the one way to change them: an edit is validated, stored,
 * and applied to the running engine under one lock, so concurrent edits (the workstation and the
 * API) reach the loop, connectors and schedules in the order they were stored.
 */
final class ModelEditing implements ProjectModel {
    private static final Logger LOG = LoggerFactory.getLogger(ModelEditing.class);

    private final Object editLock = new Object();
    private final List<Consumer<ModelSnapshot.Change>> listeners = new CopyOnWriteArrayList<>();
    private final Stores stores;
    private final Runnable ensureOpen;
    private volatile ModelSnapshot model = ModelSnapshot.empty();
    private volatile ProjectSettings settings;
    private volatile Consumer<ModelSnapshot.Change> afterStore;
    /** Set once the pipeline exists; the runtime side of an edit. */
    private volatile Consumer<ModelSnapshot.Change> runtime = c -> { };

    ModelEditing(Stores stores, Runnable ensureOpen) {
        this.stores = stores;
        this.ensureOpen = ensureOpen;
        this.settings = stores.loadedSettings;
    }

    /** The model loaded from the file (after the pipeline was built on an empty one). */
    void loaded(ModelSnapshot m, Consumer<ModelSnapshot.Change> toRuntime) {
        model = m;
        runtime = toRuntime;
    }

    @Override
    public ModelSnapshot model() {
        return model;
    }

    @Override
    public ProjectSettings settings() {
        return settings;
    }

    @Override
    public void onModelChange(Consumer<ModelSnapshot.Change> listener) {
        listeners.add(listener);
    }

    @Override
    public ModelSnapshot.Change edit(Actor actor, List<ModelEdit> edits) {
        return edit(actor, edits, null);
    }

    @Override
    public ModelSnapshot.Change importDocument(Actor actor, ProjectDocument doc, UUID intoParent, boolean replace) {
        return edit(actor, ProjectImport.edits(model, doc, intoParent, replace), replace ? doc.settings() : null);
    }

    @Override
    public String exportJson(UUID root) {
        return ProjectJson.write(model, settings, root);
    }

    @Override
    public void updateSettings(Actor actor, ProjectSettings newSettings) {
        ensureOpen.run();
        synchronized (editLock) {
            stores.project.saveSettings(newSettings);
            settings = newSettings;
        }
        LOG.info("Project settings changed by {} ({})", actor.name(), actor.origin());
    }

    /** Edits and (when not null) new settings, stored in one transaction, then applied. */
    private ModelSnapshot.Change edit(Actor actor, List<ModelEdit> edits, ProjectSettings newSettings) {
        ensureOpen.run();
        synchronized (editLock) {
            ModelSnapshot before = model;
            ModelSnapshot.Change change = before.apply(edits);
            stores.project.persist(before, change.applied(), newSettings);
            model = change.snapshot();
            if (newSettings != null) {
                settings = newSettings;
            }
            Consumer<ModelSnapshot.Change> hook = afterStore;
            if (hook != null) {
                hook.accept(change);
            }
            // Still under the lock: the next edit is stored only after this one is running.
            runtime.accept(change);
            if (!change.applied().isEmpty()) {
                LOG.debug("Model edited by {} ({}): {} edits", actor.name(), actor.origin(), change.applied().size());
            }
            for (Consumer<ModelSnapshot.Change> l : listeners) {
                try {
                    l.accept(change);
                } catch (RuntimeException e) {
                    LOG.error("Model change listener failed", e);
                }
            }
            return change;
        }
    }

    /** Test seam: called after an edit is stored and before it reaches the running engine. */
    void afterStore(Consumer<ModelSnapshot.Change> hook) {
        afterStore = hook;
    }
}
