package org.peresvet.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.project.EngineProject;
import org.peresvet.connector.http.FakeHttpDevice;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.runtime.WriteResult;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Page 1's third choice: a Tasmota board by its address over HTTP (a local server that answers
 * like one). The wizard asks it what it is, lists its relay and sensors, and Finish makes an
 * HTTP connector whose values arrive and whose relay obeys; a closed port is said plainly.
 */
class HttpBoardWizardUiTest {
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @Test
    void tasmotaByAddressBecomesAnHttpConnectorWithLiveValues() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        try (Engine engine = Engine.open(project, EngineOptions.quiet()).start();
             FakeHttpDevice dev = new FakeHttpDevice(FakeHttpDevice.freePort()).start()) {
            EngineProject ctx = new EngineProject(engine, Actor.workstation("engineer"));
            ModelEditor editor = new ModelEditor(ModelEditor.Target.of(ctx.model()), Runnable::run, Platform::runLater);
            FxToolkit.registerPrimaryStage();
            Stage stage = FxToolkit.setupStage(s -> { });
            fx(() -> {
                stage.setScene(new Scene(new ConnectorWizard(ctx, editor, () -> { }), 1100, 620));
                stage.show();
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            int closed = FakeHttpDevice.freePort();
            fx(() -> {
                robot.lookup("#sourceHttp").queryAs(RadioButton.class).setSelected(true);
                robot.lookup("#httpAddress").queryAs(TextField.class).setText("127.0.0.1:" + closed);
                robot.lookup("#wizardNext").queryAs(Button.class).fire();
                return null;
            });
            await(() -> robot.lookup("#wizardStatus").queryAs(Label.class).getText().contains("refused"));
            fx(() -> {
                robot.lookup("#httpAddress").queryAs(TextField.class).setText("127.0.0.1:" + dev.port);
                return null;
            });
            Screenshots.save(stage.getScene(), "wizard-http-1-source");
            fire("#wizardNext");
            await(() -> robot.lookup("#boardsTable").tryQuery().isPresent()
                    && !robot.lookup("#boardsTable").queryAs(TableView.class).getItems().isEmpty());
            Screenshots.save(stage.getScene(), "wizard-http-2-board");
            fire("#wizardNext");
            await(() -> robot.lookup("#entitiesTable").tryQuery().isPresent());
            assertThat(robot.lookup("#entitiesTable").queryAs(TableView.class).getItems()).hasSize(4);
            Screenshots.save(stage.getScene(), "wizard-http-3-entities");
            fire("#wizardNext");
            await(() -> robot.lookup("#alarmsTable").tryQuery().isPresent());
            fire("#wizardNext");
            await(() -> robot.lookup("#previewList").tryQuery().isPresent());
            Screenshots.save(stage.getScene(), "wizard-http-5-preview");
            fire("#wizardFinish");
            await(() -> engine.model().tagCount() == 4);

            ConnectorDef c = engine.model().connectors().get(0);
            assertThat(c.kind()).isEqualTo("http");
            assertThat(c.config()).contains("\"baseUrl\":\"" + dev.url() + "/\"");
            TagDef temp = engine.model().findTag("Well pump/DS18B20_Temperature").orElseThrow();
            assertThat(temp.units()).isEqualTo("°C");
            await(() -> good(engine.current(temp.id())) && ((Number) engine.current(temp.id()).y()).doubleValue() == 21.5);
            TagDef power = engine.model().findTag("Well pump/POWER").orElseThrow();
            WriteResult on = engine.writeToDevice(power.id(), true, Actor.workstation("engineer")).get(30, TimeUnit.SECONDS);
            assertThat(on.status()).as(on.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
            assertThat(dev.relay).isTrue();
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

    private static boolean good(Sample s) {
        return s != null && s.y() != null && s.isGood();
    }
}
