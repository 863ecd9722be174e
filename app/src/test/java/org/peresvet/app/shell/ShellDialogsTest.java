package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.fx.Views;
import org.testfx.api.FxToolkit;

/** The window asks its questions through the dialog service: a test answers them, no dialog opens. */
class ShellDialogsTest {
    @TempDir
    Path home;

    private ShellController shell;

    /** Answers from a script and remembers what was asked. */
    static final class ScriptedDialogs implements DialogService {
        final List<String> asked = new ArrayList<>();
        Path save;
        String text;

        @Override
        public Optional<Path> openFile(String title, List<FileType> types) {
            asked.add("open " + title);
            return Optional.empty();
        }

        @Override
        public Optional<Path> saveFile(String title, String initialName, List<FileType> types) {
            asked.add("save " + title + " as " + initialName + " " + types.stream().map(FileType::patterns).toList());
            return Optional.ofNullable(save);
        }

        @Override
        public Optional<Path> chooseFolder(String title, Path initial) {
            asked.add("folder " + title);
            return Optional.empty();
        }

        @Override
        public Optional<String> askText(String title, String header, String label) {
            asked.add("text " + title);
            return Optional.ofNullable(text);
        }

        @Override
        public void inform(String title, String text) {
            asked.add("inform " + title);
        }

        @Override
        public boolean confirm(Confirmation question) {
            asked.add("confirm " + question.title());
            return false;
        }

        @Override
        public <T> Optional<T> ask(Dialog<T> form) {
            asked.add("ask " + form.getTitle());
            return Optional.empty();
        }
    }

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            fx(() -> {
                shell.shutdown();
                return null;
            });
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void exportAndNewProjectAskTheDialogService() throws Exception {
        Path project = UiSupport.demoProject(home, "pump-station");
        ScriptedDialogs dialogs = new ScriptedDialogs();
        Stage stage = FxToolkit.registerPrimaryStage();
        shell = fx(() -> {
            ShellController c = new ShellController(stage, new LayoutStore(home.resolve("workstation.json")), dialogs);
            stage.setScene(new Scene(Views.load("workstation.fxml", c), 1280, 800));
            c.apiConfig(null);
            stage.show();
            c.open(project);
            return c;
        });
        await(() -> shell.engine() != null);

        dialogs.save = home.resolve("out.json");
        fx(() -> {
            shell.exportFile();
            return null;
        });
        await(() -> Files.exists(dialogs.save));
        assertThat(dialogs.asked).containsExactly("save Export the project as pump-station.json [[*.json], [*.csv]]");
        assertThat(Files.readString(dialogs.save)).contains("PumpStation");

        dialogs.text = ".hidden";
        fx(() -> {
            shell.newProject();
            return null;
        });
        assertThat(dialogs.asked).last().isEqualTo("text New project");
        Label feedback = (Label) stage.getScene().lookup("#feedback");
        assertThat(fx(feedback::getText)).startsWith("'.hidden' cannot name a project");
        assertThat(fx(() -> feedback.getStyleClass().contains("feedback-error"))).isTrue();
    }
}
