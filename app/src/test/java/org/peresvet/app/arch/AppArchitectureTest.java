package org.peresvet.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's layering (DESIGN.md, app packages by screen): screens depend on the shared packages
 * and never on each other nor on the shell; every screen sees the project through
 * {@code ProjectContext}, so no screen reaches past it to the engine.
 */
class AppArchitectureTest {
    private static final String APP = "org.peresvet.app";

    /** One package per screen; the ones still to come are listed so they are guarded from their first class. */
    static final List<String> SCREENS = List.of("tree", "formula", "alarm", "trend", "mnemonic", "wizard", "login", "migrate",
            "welcome");

    /** What every screen may share. */
    static final String[] SHARED = {APP + ".common..", APP + ".fx..", APP + ".project.."};

    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);
    }

    static String[] screenPackages() {
        return SCREENS.stream().map(s -> APP + "." + s + "..").toArray(String[]::new);
    }

    /** Each screen package is a slice; classes elsewhere belong to none. */
    private static final SliceAssignment BY_SCREEN = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            for (String s : SCREENS) {
                if (p.equals(APP + "." + s) || p.startsWith(APP + "." + s + ".")) {
                    return SliceIdentifier.of(s);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "app screen packages";
        }
    };

    @Test
    void screensDoNotDependOnEachOther() {
        slices().assignedFrom(BY_SCREEN).should().notDependOnEachOther()
                .because("a screen uses the shared packages (common, fx, project); what two screens share moves there")
                .check(app);
    }

    @Test
    void screensDoNotDependOnTheShell() {
        noClasses().that().resideInAnyPackage(screenPackages())
                .should().dependOnClassesThat().resideInAPackage(APP + ".shell..")
                .because("the shell puts the screens together, never the other way round")
                .check(app);
    }

    @Test
    void sharedPackagesDependOnNoScreenAndNotOnTheShell() {
        String[] above = Stream.concat(SCREENS.stream().map(s -> APP + "." + s + ".."), Stream.of(APP + ".shell.."))
                .toArray(String[]::new);
        noClasses().that().resideInAnyPackage(SHARED)
                .should().dependOnClassesThat().resideInAnyPackage(above)
                .check(app);
    }

    @Test
    void screensSeeTheProjectOnlyThroughTheContext() {
        String[] screensAndShared = Stream.concat(Arrays.stream(screenPackages()),
                Arrays.stream(new String[] {APP + ".common..", APP + ".fx.."})).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(screensAndShared)
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.engine..", "org.peresvet.api..",
                        "org.peresvet.store..", "..internal..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(APP + ".project.EngineProject")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.peresvet.alarm.Alarms")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.peresvet.runtime.EventBus")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.peresvet.connector.ConnectorManager")
                .because("a second ProjectContext over the HTTP API must serve a workstation connected to a remote engine")
                .check(app);
    }

    @Test
    void onlyTheAdapterAndTheShellTouchTheEngineFacade() {
        noClasses().that().resideOutsideOfPackages(APP + ".project..", APP + ".shell..")
                .and().resideInAPackage(APP + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.peresvet.engine.Engine")
                .because("EngineProject is the one adapter over the facade; the shell only opens projects and serves the API")
                .check(app);
    }

    @Test
    void theProjectContextIsToolkitFree() {
        noClasses().that().resideInAPackage(APP + ".project..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..")
                .check(app);
    }
}
