package org.peresvet.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.peresvet.app.shell.WorkstationApp;

class LauncherTest {

    @Test
    void cliSubcommandsAndOptionsGoToTheEngineCli() {
        for (String first : new String[] {"project", "tags", "history", "grafana", "simulate-board", "write", "users", "audit",
            "--help", "-h", "--version"}) {
            assertThat(Launcher.isCliInvocation(new String[] {first, "x"})).as(first).isTrue();
        }
    }

    @Test
    void headlessAnywhereGoesToTheEngineCli() {
        assertThat(Launcher.isCliInvocation(new String[] {"--headless"})).isTrue();
        assertThat(Launcher.isCliInvocation(new String[] {"--project", "/tmp/p", "--headless"})).isTrue();
    }

    @Test
    void everythingElseOpensTheWorkstation() {
        assertThat(Launcher.isCliInvocation(new String[0])).isFalse();
        assertThat(Launcher.isCliInvocation(new String[] {"--project", "/tmp/p"})).isFalse();
        // A CLI word later on is an argument value, not a subcommand.
        assertThat(Launcher.isCliInvocation(new String[] {"--project", "history"})).isFalse();
    }

    @Test
    void launcherPathDoesNotTouchJavaFx() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importClasses(Launcher.class, DisplayCheck.class, Messages.class);
        noClasses().that().haveNameMatching("org\\.peresvet\\.app\\.(Launcher|DisplayCheck|Messages)")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void userFacingStringsAndThemeAreOnTheClasspath() {
        ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE);
        assertThat(bundle.getString("app.title")).isEqualTo("Peresvet");
        assertThat(Messages.get("launcher.noDisplay")).isEqualTo(
                "No display found. The workstation needs a graphical desktop; to run the engine "
                        + "without one use: ./peresvet --headless [--project DIR]");
        assertThat(Messages.get("launcher.displayUnusable", "oops")).contains("(oops)");
        assertThat(WorkstationApp.class.getResource(WorkstationApp.STYLESHEET)).isNotNull();
    }
}
