package org.peresvet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectImport;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.runtime.SecretBox;
import org.peresvet.security.Permission;
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
    /** Checks and records every change (set once the project's security is open). */
    private volatile Guard guard;
    private volatile SecretBox secrets;
    /** Set once the pipeline exists; the runtime side of an edit. */
    private volatile Consumer<ModelSnapshot.Change> runtime = c -> { };

    ModelEditing(Stores stores, Runnable ensureOpen) {
        this.stores = stores;
        this.ensureOpen = ensureOpen;
        this.settings = stores.loadedSettings;
    }

    void guard(Guard g) {
        guard = g;
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
        return guarded(actor, "model.edit", edits, null, null);
    }

    @Override
    public ModelSnapshot.Change importDocument(Actor actor, ProjectDocument doc, UUID intoParent, boolean replace) {
        List<ModelEdit> edits;
        try {
            edits = ProjectImport.edits(model, doc, intoParent, replace);
        } catch (RuntimeException e) {
            Guard g = guard;
            if (g != null) {
                g.record(actor, new Guard.What("model.import", importTarget(intoParent, replace), null, null, null),
                        "failed: " + e.getMessage());
            }
            throw e;
        }
        // Replacing the whole project (settings too) needs the right at the top.
        Guard.Need whole = replace ? new Guard.Need(Permission.EDIT_MODEL, null) : null;
        return guarded(actor, "model.import", edits, replace ? doc.settings() : null, whole);
    }

    private String importTarget(UUID intoParent, boolean replace) {
        return replace ? "whole project (replace)" : "into " + (intoParent == null ? "/" : model.objectPath(intoParent));
    }

    /** Checks the actor's rights on every edit, edits, and leaves one audit record. */
    private ModelSnapshot.Change guarded(Actor actor, String action, List<ModelEdit> edits, ProjectSettings newSettings,
                                         Guard.Need extra) {
        Guard g = guard;
        if (g == null || actor == null) {
            return edit(actor == null ? Actor.SYSTEM : actor, edits, newSettings);
        }
        ModelSnapshot before = model;
        List<Guard.Need> needs = new ArrayList<>(Guard.needs(before, edits));
        if (extra != null) {
            needs.add(0, extra);
        }
        String what = Guard.describe(before, edits);
        String target = edits.size() == 1 ? what : edits.size() + " edits";
        return g.run(actor, needs, new Guard.What(action, target, null, what, null),
                () -> edit(actor, edits, newSettings), c -> c.applied().isEmpty() ? "no change" : "ok");
    }

    @Override
    public String exportJson(UUID root) {
        return ProjectJson.write(model, settings, root, null);
    }

    @Override
    public String exportJson(UUID root, boolean withSecrets) {
        return ProjectJson.write(model, settings, root, withSecrets ? secrets()::open : null);
    }

    @Override
    public String exportJson(Actor actor, UUID root, boolean withSecrets) {
        Guard g = guard;
        if (!withSecrets || g == null) {
            return exportJson(root, withSecrets);
        }
        String target = root == null ? "project" : g.objectPath(root);
        return g.run(actor, List.of(new Guard.Need(Permission.MANAGE_USERS, null)),
                new Guard.What("project.export", target, null, "with secrets", null), () -> exportJson(root, true), r -> "ok");
    }

    private SecretBox secrets() {
        SecretBox b = secrets;
        if (b == null) {
            b = SecretBox.of(stores.folder.dir());
            secrets = b;
        }
        return b;
    }

    /** Connector configs are stored with their passwords sealed (an unchanged one keeps its sealed text). */
    private List<ModelEdit> sealSecrets(ModelSnapshot before, List<ModelEdit> edits) {
        if (edits.stream().noneMatch(e -> e instanceof ModelEdit.PutConnector)) {
            return edits;
        }
        List<ModelEdit> out = new ArrayList<>(edits.size());
        for (ModelEdit e : edits) {
            if (e instanceof ModelEdit.PutConnector p) {
                ConnectorDef old = before.connector(p.connector().id());
                String sealed = secrets().sealJson(p.connector().config(), old == null ? null : old.config());
                out.add(sealed.equals(p.connector().config()) ? e : new ModelEdit.PutConnector(p.connector().withConfig(sealed)));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void updateSettings(Actor actor, ProjectSettings newSettings) {
        Guard g = guard;
        if (g != null) {
            g.run(actor, new Guard.Need(Permission.EDIT_MODEL, null),
                    new Guard.What("settings.update", "project settings", String.valueOf(settings), String.valueOf(newSettings), null),
                    () -> {
                        storeSettings(actor, newSettings);
                        return null;
                    });
        } else {
            storeSettings(actor, newSettings);
        }
    }

    private void storeSettings(Actor actor, ProjectSettings newSettings) {
        ensureOpen.run();
        synchronized (editLock) {
            stores.project.saveSettings(newSettings);
            settings = newSettings;
        }
        LOG.info("Project settings changed by {} ({})", actor.name(), actor.origin());
    }

    /** Edits and (when not null) new settings, stored in one transaction, then applied. */
    private ModelSnapshot.Change edit(Actor actor, List<ModelEdit> givenEdits, ProjectSettings newSettings) {
        ensureOpen.run();
        synchronized (editLock) {
            ModelSnapshot before = model;
            List<ModelEdit> edits = sealSecrets(before, givenEdits);
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
