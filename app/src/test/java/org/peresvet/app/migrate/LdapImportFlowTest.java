package org.peresvet.app.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.NoDialogs;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Project ▸ Import from Peresvet LDAP end to end over a real embedded engine: the example LDIF of
 * the Python platform is planned off the FX thread, the preview names what comes across, Import
 * creates it as one undoable step and Undo removes it again.
 */
class LdapImportFlowTest {
    private final FxRobot robot = new FxRobot();
    private final ExecutorService edits = Executors.newSingleThreadExecutor();
    private EngineProject project;

    @TempDir
    Path home;

    /** Answers the source form with the file; remembers what was asked. */
    static final class ScriptedDialogs extends NoDialogs {
        final List<String> asked = new ArrayList<>();
        final DirectorySource answer;

        ScriptedDialogs(DirectorySource answer) {
            this.answer = answer;
        }

        @Override
        public void inform(String title, String text) {
            asked.add("inform " + title + ": " + text);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> ask(Dialog<T> form) {
            asked.add("ask " + form.getTitle());
            return Optional.of((T) answer);
        }
    }

    /** Feedback lines, in order. */
    static final class Lines implements Feedback {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void error(String message) {
            lines.add("error: " + message);
        }
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (project != null) {
            project.close();
        }
        edits.shutdownNow();
    }

    @Test
    void previewShowsTheObjectsImportCreatesThemAndUndoRemovesThem() throws Exception {
        Path ldif = home.resolve("python-peresvet-example.ldif");
        try (InputStream in = getClass().getResourceAsStream("python-peresvet-example.ldif")) {
            Files.copy(in, ldif);
        }
        project = EngineProject.open(home.resolve("project"), Actor.workstation("tester"));
        ModelSnapshot before = project.model().snapshot();
        ScriptedDialogs dialogs = new ScriptedDialogs(DirectorySource.ldif(ldif));
        Lines feedback = new Lines();
        FxToolkit.registerPrimaryStage();
        Stage owner = FxToolkit.setupStage(s -> {
            s.setScene(new Scene(new Label("workstation"), 400, 300));
            s.show();
        });
        ModelEditor editor = fx(() -> new ModelEditor(ModelEditor.Target.of(project.model()), edits, Platform::runLater));
        LdapImportFlow flow = fx(() -> new LdapImportFlow(() -> project, editor, dialogs, feedback, () -> owner));

        fx(() -> {
            flow.start();
            return null;
        });
        await(() -> fx(flow::previewStage) != null);
        Stage preview = fx(flow::previewStage);
        assertThat(dialogs.asked).containsExactly("ask Import from Peresvet LDAP");
        assertThat(robot.from(preview.getScene().getRoot()).lookup("#ldapObjects").queryAs(Label.class).getText())
                .isEqualTo("Top-level objects after the import: PumpStation1");
        // The example's only storage is PostgreSQL (reported as skipped): no export target to add.
        assertThat(robot.from(preview.getScene().getRoot()).lookup("#ldapTargets").tryQuery()).isEmpty();
        Screenshots.save(preview.getScene(), "ldap-import-flow-preview");
        assertThat(project.model().snapshot().objectCount()).as("nothing changes before Import").isEqualTo(before.objectCount());

        robot.clickOn(robot.from(preview.getScene().getRoot()).lookup("#ldapImport").queryButton());
        await(() -> project.model().snapshot().findObject("/PumpStation1").isPresent());
        ModelSnapshot after = project.model().snapshot();
        assertThat(after.tagCount()).isGreaterThan(before.tagCount());
        assertThat(after.findTag("/PumpStation1/OutletPressure")).isPresent();
        // The editor records the step once the engine has applied it: one undoable step.
        await(() -> fx(() -> editor.undoSteps().size()) == 1);
        assertThat(fx(() -> editor.undoSteps().get(0).label())).startsWith("Import from Peresvet LDAP “").endsWith("python-peresvet-example.ldif”");
        await(() -> feedback.lines.stream().anyMatch(l -> l.startsWith("Imported from")));

        fx(editor::undo).get();
        ModelSnapshot undone = project.model().snapshot();
        assertThat(undone.findObject("/PumpStation1")).isEmpty();
        assertThat(undone.tagCount()).isEqualTo(before.tagCount());
        assertThat(feedback.lines).noneMatch(l -> l.startsWith("error"));
    }
}
