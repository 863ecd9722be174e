package org.peresvet.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "New board" on page 1: pins to an ESPHome YAML that points at the project's built-in broker;
 * "Wait for this board", and when a board of that name comes online (the simulator) page 2
 * offers it, already chosen.
 */
class NewBoardWizardUiTest {
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @Test
    void yamlForTheBuiltInBrokerAndTheBoardIsOfferedWhenItComesOnline() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        int port = freePort();
        BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withUser("board", "board-pw".toCharArray()).save(project);
        try (Engine engine = Engine.open(project, EngineOptions.quiet()).start()) {
            EngineProject ctx = new EngineProject(engine, Actor.workstation("engineer"));
            ModelEditor editor = new ModelEditor(ModelEditor.Target.of(ctx.model()), Runnable::run, Platform::runLater);
            FxToolkit.registerPrimaryStage();
            Stage stage = FxToolkit.setupStage(s -> { });
            ConnectorWizard w = fx(() -> {
                ConnectorWizard v = new ConnectorWizard(ctx, editor, () -> { });
                stage.setScene(new Scene(v, 1100, 620));
                stage.show();
                return v;
            });
            WaitForAsyncUtils.waitForFxEvents();
            fire("#newBoardButton");
            String yaml = fx(() -> {
                NewBoardPane p = w.newBoardPane();
                p.boardName("garden-pump");
                p.add(new NewBoard.Component(NewBoard.Kind.RELAY, "Pump", 26));
                p.add(new NewBoard.Component(NewBoard.Kind.ANALOG_INPUT, "Tank level", 34));
                p.add(new NewBoard.Component(NewBoard.Kind.DS18B20, "Water temperature", 4));
                return p.yamlText();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(stage.getScene(), "wizard-newboard-yaml");
            JsonNode y = new YAMLMapper().readTree(yaml);
            assertThat(y.at("/esphome/name").asText()).isEqualTo("garden-pump");
            assertThat(y.at("/mqtt/broker").asText()).isEqualTo("127.0.0.1");
            assertThat(y.at("/mqtt/port").asInt()).isEqualTo(port);
            assertThat(y.at("/mqtt/username").asText()).isEqualTo("board");
            assertThat(y.at("/mqtt/discovery").asBoolean()).isTrue();
            assertThat(y.at("/switch/0/pin").asText()).isEqualTo("GPIO26");
            fire("#newBoardWait");
            assertThat(robot.lookup("#sourceBuiltIn").tryQuery()).isPresent();
            fire("#wizardNext");
            await(() -> robot.lookup("#boardsTable").tryQuery().isPresent());
            try (BoardSimulator board = new BoardSimulator(BoardSimulator.Options.of("tcp://127.0.0.1:" + port,
                    BoardSimulator.Flavor.ESPHOME, "garden-pump").withCredentials("board", "board-pw")).start()) {
                await(() -> w.chosenBoards().stream().anyMatch(b -> b.name().equals("garden-pump")));
                assertThat(robot.lookup("#scanState").queryAs(Label.class).getText()).contains("garden-pump");
                Screenshots.save(stage.getScene(), "wizard-newboard-offered");
            }
            fx(() -> {
                w.close();
                stage.hide();
                return null;
            });
        }
    }

    private void fire(String id) throws Exception {
        fx(() -> {
            robot.lookup(id).queryAs(Button.class).fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

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

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
