package org.peresvet.app.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.DialogService.FileType;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTask;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.io.FileImport;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.model.io.TagCsv;

/** Project ▸ Import and Export: reading and writing files as cancellable tasks. FX thread only. */
final class ImportExport {
    private final ModelEditor editor;
    private final Supplier<ProjectContext> project;
    private final Supplier<UUID> selectedObject;
    private final TaskBar tasks;
    private final Feedback feedback;
    private final DialogService dialogs;

    ImportExport(ModelEditor editor, Supplier<ProjectContext> project, Supplier<UUID> selectedObject, TaskBar tasks,
                 Feedback feedback, DialogService dialogs) {
        this.editor = editor;
        this.project = project;
        this.selectedObject = selectedObject;
        this.tasks = tasks;
        this.feedback = feedback;
        this.dialogs = dialogs;
    }

    /** Asks for a file and imports it. */
    void importFile() {
        dialogs.openFile(Messages.get("import.title"), List.of(
                new FileType(Messages.get("file.projectOrCsv"), "*.json", "*.csv"),
                new FileType(Messages.get("file.all"), "*"))).ifPresent(this::importFrom);
    }

    /**
     * Imports a project document (.json, added under the selected object) or a tag list (.csv) as
     * one undoable edit. Reading and checking run as a cancellable task; nothing changes until the
     * checked edits are applied.
     */
    FxTask<List<ModelEdit>> importFrom(Path file) {
        ModelSnapshot m = editor.model();
        UUID into = selectedObject.get();
        String name = file.getFileName().toString();
        return tasks.run(Messages.get("import.task", name), p -> {
            p.message(Messages.get("import.reading", name));
            byte[] bytes = Files.readAllBytes(file);
            p.checkCancelled();
            p.update(1, 3);
            p.message(Messages.get("import.checking", name));
            // Read strictly and checked here, off the FX thread; nothing changes until applied.
            List<ModelEdit> out = FileImport.edits(m, name, bytes, into);
            p.update(2, 3);
            p.checkCancelled();
            return out;
        }, out -> {
            if (out.isEmpty()) {
                feedback.info(Messages.get("import.nothing", name));
                return;
            }
            feedback.info(Messages.get("import.applying", name, out.size()));
            editor.submit(Messages.get("undo.import", name), out).whenComplete((c, err) -> {
                if (err != null) {
                    feedback.error(Messages.get("import.failed", name, cause(err).getMessage()));
                } else {
                    feedback.info(Messages.get("import.done", name, c.snapshot().tagCount()));
                }
            });
        }, err -> feedback.error(Messages.get("import.failed", name, err.getMessage())));
    }

    /** Asks for a file and exports the project to it. */
    void exportFile() {
        ProjectContext p = project.get();
        if (p == null) {
            return;
        }
        // Named after the project's folder (the last part of where it lives).
        String base = p.location().replaceAll(".*[/\\\\]", "");
        dialogs.saveFile(Messages.get("export.title"), base + ".json", List.of(
                new FileType(Messages.get("file.project"), "*.json"),
                new FileType(Messages.get("file.csv"), "*.csv"))).ifPresent(this::exportTo);
    }

    /** Exports the whole project (.json) or its tags (.csv) as a cancellable task. */
    FxTask<Integer> exportTo(Path file) {
        ProjectContext project = this.project.get();
        ModelSnapshot m = project.model().snapshot();
        var settings = project.model().settings();
        String name = file.getFileName().toString();
        boolean csv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
        return tasks.run(Messages.get("export.task", name), p -> {
            p.message(Messages.get("export.writing", name));
            String text = csv ? TagCsv.write(m, null) : ProjectJson.write(m, settings, null);
            p.update(1, 2);
            p.checkCancelled();
            Path tmp = file.resolveSibling(name + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (p.isCancelled()) {
                Files.deleteIfExists(tmp);
                p.checkCancelled();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return m.tagCount();
        }, n -> feedback.info(Messages.get("export.done", n, file)),
                err -> feedback.error(Messages.get("export.failed", name, err.getMessage())));
    }

    static Throwable cause(Throwable err) {
        return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    }
}
