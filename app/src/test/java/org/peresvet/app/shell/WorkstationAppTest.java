package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.engine.Engine;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The workstation window opens a project, runs the engine inside, and shows its live status. */
class WorkstationAppTest {
    @TempDir
    Path home;

    private WorkstationApp app;

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void opensTheDemoProjectWithTheEngineRunning() throws Exception {
        Path project = home.resolve("pump-station");
        Files.createDirectories(project);
        try (var seed = Engine.exampleSeed("pump-station")) {
            Files.copy(seed, project.resolve("project.json"));
        }
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class, "--project", project.toString());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.engine() != null && app.engine().status().samplesAccepted() > 0);
        FxRobot robot = new FxRobot();
        // Let the status bar poll pick up the running engine.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup(".status-bar-text").queryAs(Label.class).getText().startsWith("Engine running"));

        Label status = robot.lookup(".status-bar-text").queryAs(Label.class);
        assertThat(status.getText()).contains(app.engine().model().tags().size() + " tags").contains("2 simulated");
        @SuppressWarnings("unchecked")
        TreeView<NodeRef> tree = robot.lookup(".project-tree").queryAs(TreeView.class);
        assertThat(tree.getRoot().getChildren()).hasSize(1); // PumpStation
        assertThat(tree.getRoot().getChildren().get(0).getValue().name(app.engine().model())).isEqualTo("PumpStation");
        assertThat(stage.getTitle()).isEqualTo("Peresvet — Pump station");
        assertThat(Screenshots.save(stage.getScene(), "workstation-opened")).exists();
    }

    @Test
    void aProjectThatCannotBeOpenedIsExplainedInTheWindow() throws Exception {
        Path broken = home.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("project.json"), "{ \"objects\": [ {\"name\": 5} ] }");
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class, "--project", broken.toString());
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup(".error-text").queryAll().isEmpty());
        Label msg = robot.lookup(".error-text").queryAs(Label.class);
        assertThat(msg.getText()).contains("could not be opened").contains("$.objects[0].name");
        assertThat(app.engine()).isNull();
        Screenshots.save(stage.getScene(), "workstation-open-failed");
    }
}
