package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.fx.Views;
import org.testfx.api.FxToolkit;

/** Project → MQTT broker… opens the built-in broker's settings over the open project. */
class BrokerMenuTest {
    @TempDir
    Path home;
    private ShellController shell;

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
    void theMenuOpensTheBrokerSettings() throws Exception {
        Path project = UiSupport.demoProject(home, "pump-station");
        Stage stage = FxToolkit.registerPrimaryStage();
        shell = fx(() -> {
            ShellController c = new ShellController(stage, new LayoutStore(home.resolve("workstation.json")),
                    new ShellDialogsTest.ScriptedDialogs());
            stage.setScene(new Scene(Views.load("workstation.fxml", c), 1200, 760));
            c.apiConfig(null);
            stage.show();
            c.open(project);
            return c;
        });
        await(() -> shell.engine() != null);
        fx(() -> {
            shell.brokerSettings();
            return null;
        });
        await(() -> Window.getWindows().stream().anyMatch(w -> w.getScene() != null && w.getScene().lookup("#brokerSettings") != null));
        Window settings = fx(() -> Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().lookup("#brokerSettings") != null).findFirst().orElseThrow());
        TextField port = fx(() -> (TextField) settings.getScene().lookup("#brokerPort"));
        String shown = fx(() -> port.getText());
        assertThat(shown).isEqualTo("1883");
        Screenshots.save(settings.getScene(), "broker-settings-menu");
        fx(() -> {
            settings.hide();
            return null;
        });
    }
}
