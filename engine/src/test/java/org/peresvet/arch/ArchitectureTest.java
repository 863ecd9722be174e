package org.peresvet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering rules of DESIGN.md, checked on the compiled engine. */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.peresvet");
    }

    @Test
    void engineDependsOnNoJavaFxAndNoApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.peresvet.app..")
                .because("the engine runs headless and is used by the app, never the other way round")
                .check(engine);
    }

    @Test
    void modelIsTheBottomLayer() {
        noClasses().that().resideInAPackage("org.peresvet.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.runtime..", "org.peresvet.store..",
                        "org.peresvet.history..", "org.peresvet.engine..", "org.peresvet.connector..", "org.peresvet.cli..",
                        "org.peresvet.alarm..", "org.peresvet.formula..", "org.peresvet.method..", "org.peresvet.schedule..")
                .check(engine);
    }

    @Test
    void runtimeDependsOnlyOnModel() {
        noClasses().that().resideInAPackage("org.peresvet.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.store..", "org.peresvet.history..",
                        "org.peresvet.engine..", "org.peresvet.connector..", "org.peresvet.cli..", "org.peresvet.alarm..",
                        "org.peresvet.formula..", "org.peresvet.method..", "org.peresvet.schedule..")
                .check(engine);
    }

    @Test
    void alarmIsACapabilityOverModelAndRuntimeOnly() {
        noClasses().that().resideInAPackage("org.peresvet.alarm..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.store..", "org.peresvet.history..",
                        "org.peresvet.engine..", "org.peresvet.connector..", "org.peresvet.cli..", "org.peresvet.formula..",
                        "org.peresvet.method..", "org.peresvet.schedule..", "org.peresvet.export..", "org.peresvet.api..",
                        "java.sql..", "org.h2..")
                .because("alarm logic is plain classes tested without I/O; its journal lives in store, wired by the facade")
                .check(engine);
    }

    @Test
    void otherCapabilitiesReachAlarmsOnlyThroughTheBusOrTheFacade() {
        noClasses().that().resideInAnyPackage("org.peresvet.store..", "org.peresvet.history..", "org.peresvet.connector..",
                        "org.peresvet.runtime..", "org.peresvet.model..")
                .should().dependOnClassesThat().resideInAPackage("org.peresvet.alarm..")
                .because("alarm events and alarm types live in runtime and model, so capabilities never depend on each other")
                .check(engine);
        noClasses().that().resideOutsideOfPackage("org.peresvet.alarm..")
                .should().dependOnClassesThat().resideInAPackage("org.peresvet.alarm.internal..")
                .check(engine);
    }

    @Test
    void capabilitiesDoNotUseTheFacadeOrTheCli() {
        noClasses().that().resideInAnyPackage("org.peresvet.store..", "org.peresvet.history..", "org.peresvet.connector..",
                        "org.peresvet.export..", "org.peresvet.alarm..", "org.peresvet.formula..", "org.peresvet.method..",
                        "org.peresvet.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.engine..", "org.peresvet.cli..")
                .check(engine);
    }

    @Test
    void capabilitiesDoNotReachIntoEachOthersInternals() {
        noClasses().that().resideOutsideOfPackage("org.peresvet.store..")
                .should().dependOnClassesThat().resideInAPackage("org.peresvet.store.internal..")
                .check(engine);
    }

    @Test
    void formulaMethodAndScheduleInternalsStayPrivate() {
        for (String cap : new String[] {"formula", "method", "schedule"}) {
            noClasses().that().resideOutsideOfPackage("org.peresvet." + cap + "..")
                    .should().dependOnClassesThat().resideInAPackage("org.peresvet." + cap + ".internal..")
                    .because("other capabilities use the public API of " + cap + ", never its internals")
                    .allowEmptyShould(true)
                    .check(engine);
        }
    }

    /**
     * Formula evaluation is a service other capabilities use through its public API
     * ({@code Formulas.compile} → {@code CompiledFormula}): methods do, alarms will. Schedules need
     * nothing of formulas or methods; formulas need nothing of methods, and learn of schedule
     * ticks from the facade.
     */
    @Test
    void capabilitiesDependOnEachOtherOnlyAsAllowed() {
        noClasses().that().resideInAPackage("org.peresvet.formula..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.method..", "org.peresvet.schedule..",
                        "org.peresvet.store..", "org.peresvet.history..", "org.peresvet.connector..")
                .check(engine);
        noClasses().that().resideInAPackage("org.peresvet.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.method..", "org.peresvet.formula..",
                        "org.peresvet.store..", "org.peresvet.history..", "org.peresvet.connector..")
                .allowEmptyShould(true)
                .check(engine);
        noClasses().that().resideInAPackage("org.peresvet.method..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.store..", "org.peresvet.history..",
                        "org.peresvet.connector..")
                .allowEmptyShould(true)
                .check(engine);
    }

    /** The LDAP importer only reads a directory and produces model edits; the facade applies them. */
    @Test
    void theLdapImporterDependsOnTheModelOnly() {
        noClasses().that().resideInAPackage("org.peresvet.migrate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.runtime..", "org.peresvet.store..",
                        "org.peresvet.history..", "org.peresvet.engine..", "org.peresvet.connector..", "org.peresvet.cli..",
                        "org.peresvet.alarm..", "org.peresvet.formula..", "org.peresvet.method..", "org.peresvet.schedule..",
                        "org.peresvet.export..", "org.peresvet.api..")
                .check(engine);
    }
}
