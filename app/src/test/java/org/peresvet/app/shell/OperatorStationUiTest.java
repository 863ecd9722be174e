package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.security.UserAccount;
import org.testfx.api.FxToolkit;

/**
 * {@code ./peresvet --operator} on the demo project: the home screen live and full-screen, no
 * menus or editors, Escape and closing the window do not leave, and only the configured exit key
 * leaves after a confirmation. Screenshot target/screenshots/operator-station.png.
 */
class OperatorStationUiTest {
    private Stage stage;
    private OperatorStation station;

    @AfterEach
    void close() throws Exception {
        if (station != null) {
            fx(() -> {
                station.close();
                stage.setFullScreen(false);
                stage.hide();
                return null;
            });
        }
    }

    @Test
    void theHomeScreenFullScreenWithOnlyTheOperatorsActionsAndNoWayOutButTheExitKey(@TempDir Path home) throws Exception {
        FxToolkit.registerPrimaryStage();
        Path dir = UiSupport.demoProject(home, "pump-station");
        // the whole demo: its built-in broker and simulated plant, as "Open the demo" copies it
        for (String extra : List.of("broker.json", "simulation.json")) {
            Files.copy(Path.of("../examples/pump-station", extra), dir.resolve(extra));
        }
        AtomicInteger asked = new AtomicInteger();
        AtomicBoolean answer = new AtomicBoolean(false);
        AtomicBoolean left = new AtomicBoolean();
        KeyCombination exitKey = OperatorStation.exitKey(List.of("--operator", "--exit-key", "Ctrl+Shift+F12"));
        assertThat(OperatorStation.exitKey(List.of("--operator"))).isEqualTo(KeyCombination.valueOf(OperatorStation.DEFAULT_EXIT_KEY));
        station = fx(() -> {
            stage = new Stage();
            OperatorStation s = new OperatorStation(stage, Actor.workstation("operator"), exitKey);
            s.setExit(() -> {
                asked.incrementAndGet();
                return answer.get();
            }, () -> left.set(true));
            s.show(dir);
            return s;
        });
        await(() -> fx(() -> station.view() != null && station.view().live() != null
                && station.view().live().frame("tank") != null && station.view().live().frame("tank").props().isLive("value")));
        assertThat(fx(() -> station.view().live().screen().name())).isEqualTo("Overview");
        // the simulated plant's boards (the plug, the pump boards) report too before the picture is taken
        await(() -> fx(() -> !hasQualityMark(station.view().live().frame("power"))
                && !hasQualityMark(station.view().live().frame("outlet.pressure"))));
        assertThat(fx(() -> stage.isFullScreen())).isTrue();
        // no engineering: no menus, no tree, no editor in the window
        assertThat(fx(() -> stage.getScene().getRoot().lookupAll(".menu-bar").stream().anyMatch(n -> n instanceof MenuBar))).isFalse();
        assertThat(fx(() -> stage.getScene().getRoot().lookup(".tree-view"))).isNull();
        Screenshots.save(stage.getScene(), "operator-station");

        // a double-click on a bound symbol opens its popup trend (the last hour) over the station
        fx(() -> {
            Event.fireEvent(station.view().live().frame("tank"), new MouseEvent(MouseEvent.MOUSE_CLICKED, 10, 10, 10, 10,
                    MouseButton.PRIMARY, 2, false, false, false, false, true, false, false, true, false, false, null));
            return null;
        });
        await(() -> fx(() -> popup() != null));
        assertThat(fx(() -> popup().getTitle())).contains("/PumpStation/Tank1/Level").contains("last hour");
        // the operator looks at the trend; no CSV or PNG files from the station
        for (String id : List.of("#trend-csv", "#trend-png")) {
            assertThat(fx(() -> popup().getScene().getRoot().lookup(id).isVisible())).as(id).isFalse();
        }
        assertThat(fx(() -> popup().getScene().getRoot().lookup("#trend-live"))).isNotNull();
        Screenshots.save(popup().getScene(), "operator-station-popup-trend");
        fx(() -> {
            popup().hide();
            return null;
        });

        // Escape does not leave full screen, nor does anything else that turns it off
        assertThat(fx(() -> stage.getFullScreenExitKeyCombination())).isEqualTo(KeyCombination.NO_MATCH);
        fx(() -> {
            stage.setFullScreen(false);
            return null;
        });
        assertThat(fx(() -> stage.isFullScreen())).isTrue();
        // closing the window asks, and stays when the answer is no
        fx(() -> {
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
        assertThat(asked.get()).isEqualTo(1);
        assertThat(left.get()).isFalse();
        assertThat(fx(() -> stage.isShowing())).isTrue();
        // another key does nothing; the exit key asks, and leaves on yes
        fx(() -> {
            Event.fireEvent(stage.getScene().getRoot(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.F12, false, false, false, false));
            return null;
        });
        assertThat(asked.get()).isEqualTo(1);
        answer.set(true);
        fx(() -> {
            Event.fireEvent(stage.getScene().getRoot(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.F12, true, true, false, false));
            return null;
        });
        assertThat(asked.get()).isEqualTo(2);
        assertThat(left.get()).isTrue();
    }

    /** The popup trend window over the station, or null. */
    /** A project with users: the station shows nothing until an operator logs in, then acts as that operator. */
    @Test
    void aProjectWithUsersAsksWhoOperatesBeforeShowingAnything(@TempDir Path home) throws Exception {
        FxToolkit.registerPrimaryStage();
        Path dir = UiSupport.demoProject(home, "pump-station");
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            e.security().putUser(Actor.SYSTEM, UserAccount.local("admin", "administrator"), "admin-pass-1".toCharArray());
            e.security().putUser(Actor.SYSTEM, UserAccount.local("oleg", "operator"), "oleg-pass-1".toCharArray());
        }
        station = fx(() -> {
            stage = new Stage();
            OperatorStation s = new OperatorStation(stage, Actor.workstation("nobody"), KeyCombination.valueOf("Ctrl+Shift+F12"));
            s.setExit(() -> false, () -> { });
            s.show(dir);
            return s;
        });
        await(() -> fx(() -> stage.getScene().lookup("#loginCover") != null && stage.getScene().lookup("#loginCover").isVisible()));
        assertThat(fx(() -> station.view())).as("no screen before a login").isNull();
        Screenshots.save(stage.getScene(), "operator-station-login");
        fx(() -> {
            ((TextField) stage.getScene().lookup("#loginUser")).setText("oleg");
            ((TextField) stage.getScene().lookup("#loginPassword")).setText("oleg-pass-1");
            ((Button) stage.getScene().lookup("#loginSubmit")).fire();
            return null;
        });
        await(() -> fx(() -> station.view() != null && station.view().live() != null));
        assertThat(fx(() -> stage.getScene().lookup("#loginCover").isVisible())).isFalse();
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#operator-user")).getText())).contains("oleg");
    }

    private static boolean hasQualityMark(Node frame) {
        return frame.lookupAll(".quality-mark").stream().anyMatch(Node::isVisible);
    }

    private Stage popup() {
        return Window.getWindows().stream().filter(w -> w != stage && w.isShowing() && w instanceof Stage st
                && st.getTitle() != null && st.getTitle().startsWith("Trend:")).map(Stage.class::cast).findFirst().orElse(null);
    }
}
