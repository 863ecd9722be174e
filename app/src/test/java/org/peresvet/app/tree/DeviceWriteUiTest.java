package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.dialogOver;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.shell.ShellController;
import org.peresvet.app.shell.Theme;
import org.peresvet.app.shell.UserMode;
import org.peresvet.app.shell.WorkstationApp;
import org.peresvet.connector.ConnectorState;
import org.peresvet.engine.Engine;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.DeviceWriteEvent;
import org.peresvet.runtime.WriteResult;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An operator writes to connector tags from the object view: the value goes to a (test double)
 * device through the real engine, the view says "sending…", then confirmed once the device echoed
 * it, or failed with the reason when it never does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceWriteUiTest {
    private final FxRobot robot = new FxRobot();
    private final EchoBoard.Factory boards = new EchoBoard.Factory();
    private final ObjectDef board = ObjectDef.create(null, "Board");
    private final ConnectorDef echoing = ConnectorDef.create("Echoing", EchoBoard.KIND, "{\"echo\":true,\"echoDelayMs\":2000}");
    private final ConnectorDef mute = ConnectorDef.create("Mute", EchoBoard.KIND, "{\"echo\":false}");
    private final TagDef setpoint = bound("Setpoint", echoing, "{\"address\":\"sp\",\"command\":\"sp/set\"}", 0.0, 100.0);
    private final TagDef valve = bound("Valve", mute, "{\"address\":\"valve\",\"command\":\"valve/set\",\"echoTimeoutMs\":800}", null, null);
    private final List<DeviceWriteEvent> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Stage stage;
    private WorkstationApp app;
    private ShellController shell;

    private TagDef bound(String name, ConnectorDef c, String binding, Double min, Double max) {
        String json = binding.replaceFirst("\\{", "{\"connector\":\"" + c.id() + "\",");
        return TagDef.builder(board.id(), name, ValueType.DOUBLE).units("%").min(min).max(max)
                .source(SourceKind.CONNECTOR).sourceConfig(json).build();
    }

    @BeforeAll
    void openTheDemoWithABoard(@TempDir Path home) throws Exception {
        Path project = UiSupport.demoProject(home, "pump-station");
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class, "--project", project.toString());
        await(() -> app.engine() != null && app.engine().status().samplesAccepted() > 0);
        shell = app.shell();
        Engine e = app.engine();
        e.addConnectorFactory(boards);
        e.events().subscribe(DeviceWriteEvent.class, writes::add);
        e.edit(new ModelEdit.PutConnector(echoing), new ModelEdit.PutConnector(mute), new ModelEdit.PutObject(board),
                new ModelEdit.PutTag(setpoint), new ModelEdit.PutTag(valve));
        await(() -> e.connectors().stream().filter(s -> s.name().equals("Echoing") || s.name().equals("Mute"))
                .allMatch(s -> s.status().state() == ConnectorState.CONNECTED));
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            shell.modeProperty().set(UserMode.ENGINEER);
            shell.themeProperty().set(Theme.ISA101);
            shell.workbench().tree().select(List.of(NodeRef.object(board.id())));
            return null;
        });
        await(() -> shell.workbench().objectView().table().getItems().size() == 2);
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    /** Selects the tag's row, types the value, goes through both dialogs and presses Write. */
    private void writeThroughTheDialogs(TagDef t, String text, String confirmShot) throws Exception {
        TableRow<?> row = robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof TagRow tr
                && tr.def().id().equals(t.id())).query();
        robot.clickOn(row);
        robot.clickOn(".write-button");
        await(() -> robot.lookup("#write-input").tryQuery().isPresent());
        TextField input = robot.lookup("#write-input").queryAs(TextField.class);
        robot.clickOn(input).eraseText(input.getText().length() + 2).write(text);
        await(() -> robot.lookup("#write-error").queryAs(Label.class).getText().isEmpty());
        clickInDialog("Next…");
        await(() -> robot.lookup((Label l) -> l.getText() != null && l.getText().contains("sent to the device")).tryQuery().isPresent());
        if (confirmShot != null) {
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(dialogOver(stage).getScene(), confirmShot);
        }
        clickInDialog("Write");
    }

    private void clickInDialog(String text) {
        Window d = dialogOver(stage);
        assertThat(d).as("a dialog is open").isNotNull();
        robot.clickOn(robot.from(d.getScene().getRoot()).lookup((javafx.scene.control.Button b) -> text.equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class));
    }

    @Test
    @Order(1)
    void aWriteToADeviceShowsSendingThenTheDevicesConfirmation() throws Exception {
        Label result = shell.workbench().objectView().writeResultLabel();
        String v42 = ValueFormat.value(setpoint, org.peresvet.model.Sample.of(0, 42.0));
        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            result.textProperty().addListener((obs, o, n) -> shown.add(n));
            return null;
        });
        writeThroughTheDialogs(setpoint, "42", "device-write-confirm");
        // The device echoes after 2 s: until then the view says it is waiting for it.
        await(() -> !shown.isEmpty());
        assertThat(shown.get(0)).isEqualTo("Sending " + v42 + " to /Board/Setpoint… waiting for the device to confirm");
        if (result.getText().startsWith("Sending")) {
            Screenshots.save(stage.getScene(), "device-write-sending");
        }
        await(() -> result.getText().startsWith("✓"));
        assertThat(shown).hasSize(2);
        assertThat(result.getText()).isEqualTo("✓ Sent and confirmed by the device: Setpoint = " + v42 + " (was —)");
        assertThat(result.getStyleClass()).contains("write-ok");
        assertThat(boards.boards.stream().flatMap(b -> b.commands.stream())).containsExactly("sp/set 42");
        assertThat(app.engine().current(setpoint.id()).y()).isEqualTo(42.0);
        await(() -> robot.lookup(".value-cell").queryAll().stream()
                .anyMatch(n -> v42.equals(((javafx.scene.control.Labeled) n).getText())));
        DeviceWriteEvent ev = writes.stream().filter(w -> w.tagId().equals(setpoint.id())).findFirst().orElseThrow();
        assertThat(ev.user()).isEqualTo(WriteService.operator());
        assertThat(ev.result().status()).isEqualTo(WriteResult.Status.CONFIRMED);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "device-write-confirmed");
    }

    @Test
    @Order(2)
    void aDeviceThatNeverEchoesFailsTheWriteWithTheReason() throws Exception {
        Label result = shell.workbench().objectView().writeResultLabel();
        writeThroughTheDialogs(valve, "30", null);
        await(() -> result.getText().startsWith("✕"));
        assertThat(result.getText()).isEqualTo("✕ Write to /Board/Valve failed: sent, but the device did not confirm it in time: "
                + "the device did not echo the value within 800 ms");
        assertThat(result.getStyleClass()).contains("write-failed");
        assertThat(app.engine().current(valve.id())).as("nothing reported by the device").satisfiesAnyOf(
                s -> assertThat(s).isNull(), s -> assertThat(s.y()).isNotEqualTo(30.0));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "device-write-timeout");
    }
}
