package org.peresvet.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API sits on top: nothing below it uses it, and its internals stay its own. */
class ApiArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importEngine() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.peresvet");
    }

    @Test
    void nothingBelowTheApiUsesIt() {
        noClasses().that().resideInAnyPackage("org.peresvet.model..", "org.peresvet.runtime..", "org.peresvet.store..",
                        "org.peresvet.history..", "org.peresvet.engine..", "org.peresvet.connector..")
                .should().dependOnClassesThat().resideInAPackage("org.peresvet.api..")
                .check(classes);
    }

    @Test
    void apiInternalsAreUsedOnlyByTheApi() {
        noClasses().that().resideOutsideOfPackage("org.peresvet.api..")
                .should().dependOnClassesThat().resideInAPackage("org.peresvet.api.internal..")
                .check(classes);
    }

    @Test
    void theApiGoesThroughTheFacadeNotTheStores() {
        noClasses().that().resideInAPackage("org.peresvet.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peresvet.store..", "org.peresvet.connector..")
                .check(classes);
    }
}
