package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.engine.DemoUsers;
import org.peresvet.engine.PeresvetHome;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A first start (empty data folder, no --project) shows the welcome page; "Open the demo" opens the
 * bundled example and shows the passwords of the copy's users once; its administrator logs in.
 */
class WelcomePageTest {
    @TempDir
    Path home;

    private WorkstationApp app;
    private String homeBefore;

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (homeBefore == null) {
            System.clearProperty(PeresvetHome.PROPERTY);
        } else {
            System.setProperty(PeresvetHome.PROPERTY, homeBefore);
        }
    }

    @Test
    void aFirstStartWelcomesAndOpensTheDemo() throws Exception {
        homeBefore = System.getProperty(PeresvetHome.PROPERTY);
        System.setProperty(PeresvetHome.PROPERTY, home.toString());
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class);
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#welcome").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.engine()).as("no project is opened behind the page").isNull();
        assertThat(robot.lookup("#welcomeDemo").queryAs(Button.class).getText()).isEqualTo("Open the demo (pump station)");
        assertThat(robot.lookup("#welcomeNew").queryAs(Button.class).isVisible()).isTrue();
        assertThat(robot.lookup("#welcomeOpen").queryAs(Button.class).isVisible()).isTrue();
        assertThat(robot.lookup("#welcomeLdap").queryAs(Button.class).getText()).contains("Peresvet LDAP");
        assertThat(robot.lookup((Label l) -> "No recent projects yet.".equals(l.getText())).tryQuery()).isPresent();
        assertThat(Screenshots.save(stage.getScene(), "welcome-first-start")).exists();

        robot.clickOn("#welcomeDemo");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.engine() != null);
        // The demo has users: the login card comes before the workspace.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#loginCover").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(stage.getTitle()).isNotEqualTo("Peresvet — Pump station");
        assertThat(home.resolve("projects").resolve(PeresvetHome.DEMO)).isDirectory();

        // The copy's users: their passwords in a notice, once, as in the file that keeps them.
        Stage notice = robot.listWindows().stream().filter(w -> w instanceof Stage s && "Users of the demo".equals(s.getTitle()))
                .map(w -> (Stage) w).findFirst().orElseThrow();
        String text = ((DialogPane) notice.getScene().getRoot()).getContentText();
        String kept = Files.readString(home.resolve("projects").resolve(PeresvetHome.DEMO).resolve(DemoUsers.FILE));
        for (String user : new String[] {"admin", "engineer", "operator"}) {
            String password = text.lines().filter(l -> l.startsWith(user + " (")).findFirst().orElseThrow().replaceAll(".* ", "");
            assertThat(kept).as("the file keeps what the notice shows").containsPattern(user + " +\\w+ +" + password);
        }
        assertThat(text).contains(DemoUsers.FILE).contains("peresvet users passwd");
        Screenshots.save(notice.getScene(), "welcome-demo-users");
        String admin = text.lines().filter(l -> l.startsWith("admin (")).findFirst().orElseThrow().replaceAll(".* ", "");
        robot.interact(notice::close);

        // With the password from the notice, the administrator logs in and the workspace shows.
        robot.interact(() -> {
            robot.lookup("#loginUser").queryAs(TextField.class).setText("admin");
            robot.lookup("#loginPassword").queryAs(TextField.class).setText(admin);
            robot.lookup("#loginSubmit").queryAs(Button.class).fire();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "Peresvet — Pump station".equals(stage.getTitle()));
        assertThat(robot.lookup("#welcome").tryQuery()).as("the page goes once a project is open").isEmpty();
        assertThat(app.shell().actor().name()).isEqualTo("admin");
        Screenshots.save(stage.getScene(), "welcome-demo-opened");
    }
}
