package org.peresvet.app.migrate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.model.ModelSnapshot;

/**
 * File ▸ Import from Peresvet LDAP: asks where the model is, reads and plans it off the FX thread
 * (a dry run against the open project), shows the preview, and on Import applies the model as one
 * undoable edit; the directory's storages are then added to the project's export settings (not
 * part of the model, so Undo leaves them; the preview says so). FX thread only.
 */
public final class LdapImportFlow {
    private final Supplier<ProjectContext> project;
    private final ModelEditor editor;
    private final DialogService dialogs;
    private final Feedback feedback;
    private final Supplier<Window> owner;
    private Stage previewStage;

    public LdapImportFlow(Supplier<ProjectContext> project, ModelEditor editor, DialogService dialogs, Feedback feedback,
                          Supplier<Window> owner) {
        this.project = project;
        this.editor = editor;
        this.dialogs = dialogs;
        this.feedback = feedback;
        this.owner = owner;
    }

    /** Asks for the source, then plans and previews it. */
    public void start() {
        if (project.get() == null) {
            feedback.error(Messages.get("shell.noProject"));
            return;
        }
        dialogs.ask(DirectorySourceForm.dialog(dialogs)).ifPresent(this::plan);
    }

    /** Reads and plans the directory off the FX thread; the preview opens when the plan is ready. */
    public CompletableFuture<ImportPlan> plan(DirectorySource source) {
        ProjectContext p = project.get();
        CompletableFuture<ImportPlan> done = new CompletableFuture<>();
        if (p == null) {
            feedback.error(Messages.get("shell.noProject"));
            done.completeExceptionally(new IllegalStateException(Messages.get("shell.noProject")));
            return done;
        }
        feedback.info(Messages.get("ldap.reading", source.name()));
        FxTasks.run(() -> p.directoryImport().plan(source.read()), plan -> {
            showPreview(plan);
            done.complete(plan);
        }, err -> {
            feedback.error(Messages.get("ldap.failed", source.name(), err.getMessage()));
            dialogs.inform(Messages.get("ldap.failedTitle"), Messages.get("ldap.failed", source.name(), err.getMessage()));
            done.completeExceptionally(err);
        });
        return done;
    }

    private void showPreview(ImportPlan plan) {
        Stage s = new Stage();
        s.setTitle(Messages.get("ldap.previewTitle"));
        Window w = owner.get();
        if (w != null) {
            s.initOwner(w);
            s.initModality(Modality.WINDOW_MODAL);
        }
        LdapImportPreview view = new LdapImportPreview(plan, () -> {
            s.close();
            apply(plan);
        }, s::close);
        Scene scene = new Scene(view, 960, 560);
        if (w != null && w.getScene() != null) {
            scene.getStylesheets().setAll(w.getScene().getStylesheets());
        }
        s.setScene(scene);
        previewStage = s;
        s.show();
    }

    /** The preview window while it is open (for tests and screenshots), else null. */
    public Stage previewStage() {
        return previewStage != null && previewStage.isShowing() ? previewStage : null;
    }

    /** Applies the plan: the model as one undoable step, then the export targets. */
    public CompletableFuture<ModelSnapshot.Change> apply(ImportPlan plan) {
        ProjectContext p = project.get();
        String source = plan.report().source();
        return editor.submit(Messages.get("undo.ldapImport", source), plan.edits()).whenComplete((c, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                feedback.error(Messages.get("ldap.failed", source, cause.getMessage()));
                return;
            }
            feedback.info(Messages.get("ldap.done", source, plan.report().summary()));
            if (!plan.exportTargets().isEmpty() && p != null) {
                FxTasks.run(() -> p.directoryImport().addExportTargets(plan.exportTargets()),
                        added -> feedback.info(added.isEmpty() ? Messages.get("ldap.targetsKept")
                                : Messages.get("ldap.targetsAdded", String.join(", ", added))),
                        e -> feedback.error(Messages.get("ldap.targetsFailed", e.getMessage())));
            }
        });
    }

    /** The names of the export targets a plan brings, for the preview. */
    static List<String> targetNames(ImportPlan plan) {
        return plan.exportTargets().stream().map(t -> t.name() + " (" + t.url() + ")").toList();
    }
}
