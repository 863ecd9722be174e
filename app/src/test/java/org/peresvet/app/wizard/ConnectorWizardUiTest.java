package org.peresvet.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.runtime.WriteResult;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard as a user goes through it, headless: the project's built-in broker, a simulated
 * ESPHome board found live, its entities and alarms proposed, Finish as one edit; live values
 * and a device write confirmed by the board's echo; Undo removes everything; a re-run shows a
 * new entity. A screenshot of every page.
 */
class ConnectorWizardUiTest {
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @Test
    void throughAllPagesToLiveValuesThenUndoAndReRun() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        int port = freePort();
        BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withUser("board", "board-pw".toCharArray()).save(project);
        String url = "tcp://127.0.0.1:" + port;
        try (Engine engine = Engine.open(project, EngineOptions.quiet()).start();
             BoardSimulator board = new BoardSimulator(BoardSimulator.Options.of(url, BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                     .withPublishPeriod(200).withCommandDelay(0).withCredentials("board", "board-pw")).start()) {
            EngineProject ctx = new EngineProject(engine, Actor.workstation("engineer"));
            ModelEditor editor = new ModelEditor(ModelEditor.Target.of(ctx.model()), Runnable::run, Platform::runLater);
            FxToolkit.registerPrimaryStage();
            Stage stage = FxToolkit.setupStage(s -> { });
            ConnectorWizard w = open(stage, ctx, editor);
            Screenshots.save(stage.getScene(), "wizard-1-source");
            robot.clickOn("#wizardNext");
            // page 2: the board appears, live
            await(() -> boardRow(w, "pump-board-1") != null && boardRow(w, "pump-board-1").entities().size() == 5
                    && Boolean.TRUE.equals(boardRow(w, "pump-board-1").online()));
            WaitForAsyncUtils.waitForFxEvents();
            DiscoveredBoard found = boardRow(w, "pump-board-1");
            Screenshots.save(stage.getScene(), "wizard-2-boards");
            robot.clickOn(robot.lookup("#boardsTable").lookup(".check-box").queryAs(CheckBox.class));
            robot.clickOn("#wizardNext");
            await(() -> robot.lookup("#entitiesTable").tryQuery().isPresent());
            TableView<?> entities = robot.lookup("#entitiesTable").queryAs(TableView.class);
            assertThat(entities.getItems()).hasSize(5);
            Screenshots.save(stage.getScene(), "wizard-3-entities");
            // a Pump template: the board's entities take the pump's standard names; back to Generic restores theirs
            @SuppressWarnings("unchecked")
            ComboBox<WizardPlan.Template> template = robot.lookup("#template-" + found.id()).queryAs(ComboBox.class);
            fx(() -> {
                template.setValue(WizardPlan.Template.PUMP);
                return null;
            });
            assertThat(entities.getItems()).extracting(r -> ((EntityRow) r).tagName()).contains("Command", "Current", "Pressure", "Tank Level");
            Screenshots.save(stage.getScene(), "wizard-3-template-pump");
            fx(() -> {
                template.setValue(WizardPlan.Template.GENERIC);
                return null;
            });
            assertThat(entities.getItems()).extracting(r -> ((EntityRow) r).tagName()).contains("Pump", "Motor Current");
            robot.clickOn("#wizardNext");
            await(() -> robot.lookup("#alarmsTable").tryQuery().isPresent());
            assertThat(robot.lookup("#alarmsTable").queryAs(TableView.class).getItems()).isNotEmpty();
            Screenshots.save(stage.getScene(), "wizard-4-alarms");
            robot.clickOn("#wizardNext");
            await(() -> robot.lookup("#previewList").tryQuery().isPresent());
            assertThat(robot.lookup("#previewList").queryAs(ListView.class).getItems()).isNotEmpty();
            assertThat(robot.lookup("#previewSummary").queryAs(Label.class).getText()).contains("5 tag(s)");
            Screenshots.save(stage.getScene(), "wizard-5-preview");
            int before = engine.model().tagCount();
            robot.clickOn("#wizardFinish");
            await(() -> engine.model().tagCount() == before + 5);
            TagDef level = engine.model().findTag("pump-board-1/Tank Level").orElseThrow();
            TagDef pump = engine.model().findTag("pump-board-1/Pump").orElseThrow();
            assertThat(level.units()).isEqualTo("%");
            await(() -> good(engine.current(level.id())));
            // the board echoes the relay's state; on this shared, busy machine the first echo may come after the 5 s wait
            WriteResult on = null;
            for (int attempt = 0; attempt < 3 && (on == null || on.status() == WriteResult.Status.TIMEOUT); attempt++) {
                on = engine.writeToDevice(pump.id(), true, Actor.workstation("engineer")).get(30, TimeUnit.SECONDS);
            }
            assertThat(on.status()).as(on.reason() + "; board relay on: " + board.pumpOn()).isEqualTo(WriteResult.Status.CONFIRMED);
            assertThat(board.pumpOn()).isTrue();

            // a re-run shows the board's new entity as new, the rest unchanged
            String id = engine.model().connectors().get(0).id().toString();
            assertThat(id).isNotEmpty();
            try (MqttLink dev = link(url)) {
                DiscoveredBoard b = found;
                dev.publish("homeassistant/sensor/pump-board-1/flow/config", ("{\"name\":\"Flow\",\"stat_t\":\"pump-board-1/sensor/flow/state\","
                        + "\"unit_of_meas\":\"m³/h\",\"dev\":{\"ids\":\"" + b.id() + "\",\"name\":\"pump-board-1\"}}")
                        .getBytes(StandardCharsets.UTF_8), 1, true).get(10, TimeUnit.SECONDS);
            }
            ConnectorWizard again = open(stage, ctx, editor);
            robot.clickOn("#wizardNext");
            await(() -> boardRow(again, "pump-board-1") != null && boardRow(again, "pump-board-1").entities().size() == 6);
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(robot.lookup("#boardsTable").lookup(".check-box").queryAs(CheckBox.class));
            robot.clickOn("#wizardNext");
            await(() -> robot.lookup("#entitiesTable").tryQuery().isPresent());
            TableView<?> rerun = robot.lookup("#entitiesTable").queryAs(TableView.class);
            assertThat(rerun.getItems()).extracting(r -> ((EntityRow) r).entity().key() + "=" + ((EntityRow) r).status())
                    .contains("sensor/pump-board-1/flow=NEW", "sensor/pump-board-1/tank_level=UNCHANGED");
            Screenshots.save(stage.getScene(), "wizard-6-rerun");
            fx(() -> {
                again.close();
                return null;
            });

            // Undo takes everything the wizard made away
            fx(() -> editor.undo()).get(30, TimeUnit.SECONDS);
            ModelSnapshot m = engine.model();
            assertThat(m.tagCount()).isEqualTo(before);
            assertThat(m.connectors()).isEmpty();
            assertThat(m.alarms()).isEmpty();
            assertThat(m.findObject("pump-board-1")).isEmpty();
            fx(() -> {
                stage.hide();
                return null;
            });
        }
    }

    /** On the FX thread, patient: the first use of the controls loads many classes on a busy machine. */
    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(180, TimeUnit.SECONDS);
    }

    /** Patient: the broker, the board and the scan share two cores with every other build on the machine. */
    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean good(Sample s) {
        return s != null && s.y() != null && s.isGood();
    }

    private ConnectorWizard open(Stage stage, EngineProject ctx, ModelEditor editor) throws Exception {
        ConnectorWizard w = fx(() -> {
            ConnectorWizard v = new ConnectorWizard(ctx, editor, () -> { });
            stage.setScene(new Scene(v, 1100, 620));
            stage.show();
            return v;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return w;
    }

    private DiscoveredBoard boardRow(ConnectorWizard w, String name) {
        return boardRowOf(w, name);
    }

    private DiscoveredBoard boardRowOf(ConnectorWizard w, String name) {
        TableView<?> t = robot.lookup("#boardsTable").tryQueryAs(TableView.class).orElse(null);
        if (t == null) {
            return null;
        }
        return t.getItems().stream().map(DiscoveredBoard.class::cast).filter(b -> name.equals(b.name())).findFirst().orElse(null);
    }

    private static MqttLink link(String url) throws Exception {
        MqttLink l = new MqttLink("test-device", MqttSettings.of(url).withCredentials("board", "board-pw"), new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State state, String reason) {
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
            }
        });
        l.start();
        await(() -> l.state() == MqttLink.State.CONNECTED);
        return l;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
