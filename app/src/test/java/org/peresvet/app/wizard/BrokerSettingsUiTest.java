package org.peresvet.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

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
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.BrokerCheck;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The built-in broker's settings from the wizard's first page: switched on with a listen address,
 * a port and a user, it runs and admits that user (and no wrong password); TLS with a generated
 * certificate; Close returns to page 1 showing the new port.
 */
class BrokerSettingsUiTest {
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @Test
    void switchOnWithAUserThenGeneratedTls() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        int port = freePort();
        int tlsPort = freePortOtherThan(port);
        try (Engine engine = Engine.open(project, EngineOptions.quiet()).start()) {
            EngineProject ctx = new EngineProject(engine, Actor.workstation("engineer"));
            ModelEditor editor = new ModelEditor(ModelEditor.Target.of(ctx.model()), Runnable::run, Platform::runLater);
            FxToolkit.registerPrimaryStage();
            Stage stage = FxToolkit.setupStage(s -> { });
            fx(() -> {
                stage.setScene(new Scene(new ConnectorWizard(ctx, editor, () -> { }), 1100, 700));
                stage.show();
                return null;
            });
            fire("#brokerSettingsButton");
            fx(() -> {
                robot.lookup("#brokerEnabled").queryAs(CheckBox.class).setSelected(true);
                robot.lookup("#brokerBind").queryAs(TextField.class).setText("127.0.0.1");
                robot.lookup("#brokerPort").queryAs(TextField.class).setText(String.valueOf(port));
                robot.lookup("#brokerUserName").queryAs(TextField.class).setText("board");
                robot.lookup("#brokerUserPassword").queryAs(PasswordField.class).setText("board-pw");
                robot.lookup("#brokerSetUser").queryAs(Button.class).fire();
                return null;
            });
            assertThat(robot.lookup("#brokerUsers").queryAs(ListView.class).getItems()).containsExactly("board");
            fire("#brokerApply");
            await(() -> robot.lookup("#brokerResult").queryAs(Label.class).getText().contains(":" + port));
            Screenshots.save(stage.getScene(), "wizard-broker-settings");
            BrokerConfig saved = BrokerConfig.load(project);
            assertThat(saved.enabled()).isTrue();
            assertThat(saved.users()).singleElement().satisfies(u -> assertThat(u.hash()).doesNotContain("board-pw"));
            String url = "tcp://127.0.0.1:" + port;
            assertThat(ctx.boards().check(MqttSettings.of(url).withCredentials("board", "board-pw")).ok()).isTrue();
            assertThat(ctx.boards().check(MqttSettings.of(url).withCredentials("board", "wrong")).outcome())
                    .isEqualTo(BrokerCheck.Outcome.BAD_CREDENTIALS);

            fx(() -> {
                robot.lookup("#brokerTlsGenerated").queryAs(RadioButton.class).setSelected(true);
                robot.lookup("#brokerTlsPort").queryAs(TextField.class).setText(String.valueOf(tlsPort));
                robot.lookup("#brokerApply").queryAs(Button.class).fire();
                return null;
            });
            await(() -> BrokerConfig.load(project).tls() == BrokerConfig.Tls.GENERATED
                    && robot.lookup("#brokerResult").queryAs(Label.class).getText().contains("running"));
            Screenshots.save(stage.getScene(), "wizard-broker-settings-tls");
            fire("#brokerClose");
            await(() -> robot.lookup("#builtInPort").queryAs(TextField.class).getText().equals(String.valueOf(port)));
            fx(() -> {
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

    /** A free port that is not {@code port}: the system may hand out the port it just gave back. */
    private static int freePortOtherThan(int port) throws IOException {
        int p = freePort();
        while (p == port) {
            p = freePort();
        }
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
