package org.peresvet.app.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.migrate.ldap.ImportOptions;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.LdapImport;
import org.peresvet.migrate.ldap.LdifDirectoryReader;
import org.peresvet.migrate.ldap.PeresvetExamples;
import org.peresvet.model.ModelSnapshot;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The dry run's report as the preview, Import and Cancel, headless; a screenshot for people to look at. */
class LdapImportPreviewTest {
    private final FxRobot robot = new FxRobot();

    @Test
    void showsTheDryRunReportAndAnswersImportAndCancel() throws Exception {
        ImportPlan plan = LdapImport.plan(ModelSnapshot.empty(),
                LdifDirectoryReader.read(PeresvetExamples.pumpStation(), "pump-station.ldif", "cn=prs"), ImportOptions.defaults());
        AtomicInteger imported = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        FxToolkit.registerPrimaryStage();
        Stage stage = FxToolkit.setupStage(s -> { });
        LdapImportPreview view = fx(() -> {
            LdapImportPreview v = new LdapImportPreview(plan, imported::incrementAndGet, cancelled::incrementAndGet);
            stage.setScene(new Scene(v, 900, 640)); // the buttons must be inside the window the robot clicks
            stage.show();
            return v;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ldapSummary").queryAs(Label.class).getText())
                .isEqualTo("52 entries read (32 helper entries). What comes across: " + plan.report().summary() + ".");
        assertThat(view.items().getItems()).hasSize(5);
        assertThat(view.items().getItems().get(0).reason()).startsWith("a PostgreSQL storage is not imported");
        Path shot = Screenshots.save(stage.getScene(), "ldap-import-preview");
        assertThat(Files.size(shot)).isPositive();
        // Fired, not clicked: in the full suite other tests' windows may lie over this one.
        fx(() -> {
            robot.lookup("#ldapCancel").queryButton().fire();
            robot.lookup("#ldapImport").queryButton().fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cancelled.get()).isEqualTo(1);
        assertThat(imported.get()).isEqualTo(1);
        fx(() -> {
            stage.hide();
            return null;
        });
    }
}
