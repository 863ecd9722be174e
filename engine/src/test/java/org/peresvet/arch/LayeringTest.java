package org.peresvet.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md as rules: model → runtime (with the history contract) →
 * capabilities → the engine facade → api and cli. Capabilities do not depend on each other
 * (named exceptions: method and screen use formula's public API, grafana reads export's series naming), and an {@code internal} package is reached only from its own capability.
 * A new arrow fails here with the classes that make it.
 */
class LayeringTest {
    /** The capabilities: each a slice that must not depend on another. */
    static final Set<String> CAPABILITIES = Set.of("store", "formula", "alarm", "schedule", "method", "connector", "export", "screen",
            "security", "broker");

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.peresvet");
    }

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("org.peresvet.model..")
                // history is the contract of history queries (query, answer, sample source and the
                // query rules over it): store, export and the API share it, as they share runtime.
                .layer("runtime").definedBy("org.peresvet.runtime..", "org.peresvet.history..")
                .layer("capabilities").definedBy(CAPABILITIES.stream().map(c -> "org.peresvet." + c + "..").toArray(String[]::new))
                .layer("facade").definedBy("org.peresvet.engine..")
                .layer("edge").definedBy("org.peresvet.api..", "org.peresvet.cli..")
                .whereLayer("edge").mayNotBeAccessedByAnyLayer()
                .whereLayer("facade").mayOnlyBeAccessedByLayers("edge")
                // the edge uses capability types as data (AlarmView, ExportStatus, NamedStatus) but
                // changes things only through the facade; capability internals stay closed (below).
                .whereLayer("capabilities").mayOnlyBeAccessedByLayers("facade", "edge")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("capabilities", "facade", "edge")
                .whereLayer("model").mayOnlyBeAccessedByLayers("runtime", "capabilities", "facade", "edge");
    }

    static ArchRule capabilitiesIndependent() {
        return slices().matching("org.peresvet.(*)..").namingSlices("$1")
                .that(describe("are capabilities", s -> CAPABILITIES.contains(s.getNamePart(1))))
                .should().notDependOnEachOther()
                // The one exception: a method's condition and value are formulas, compiled and
                // evaluated by the formula capability's public API (Formulas, CompiledFormula).
                .ignoreDependency(resideInAPackage("org.peresvet.method.."), resideInAPackage("org.peresvet.formula"))
                // Likewise a screen's expression bindings are formulas, compiled once by the same API.
                .ignoreDependency(resideInAPackage("org.peresvet.screen.."), resideInAPackage("org.peresvet.formula"))
                // Grafana's queries must name the exporter's series exactly (SeriesNaming) and its server (ExportConfig).
                .ignoreDependency(resideInAPackage("org.peresvet.grafana.."), resideInAPackage("org.peresvet.export"));
    }

    static ArchRule internalsStayInside() {
        return classes().should(new InternalAccess())
                .because("an internal package is the implementation of its capability, reached only from that capability");
    }

    @Test
    void layersPointDownOnly() {
        layers().check(engine);
    }

    @Test
    void capabilitiesDoNotDependOnEachOther() {
        capabilitiesIndependent().check(engine);
    }

    @Test
    void internalPackagesAreReachedOnlyFromTheirOwnCapability() {
        internalsStayInside().check(engine);
    }
}
