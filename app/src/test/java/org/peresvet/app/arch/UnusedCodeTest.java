package org.peresvet.app.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No unused code: a private method, constructor or field of engine or app (main code) that nothing
 * reads or calls fails the build. Checkstyle covers unused imports and locals; this covers the
 * members it cannot see. Members that the JVM, serialization or FXML reach by reflection are exempt.
 */
class UnusedCodeTest {
    /** Reached by reflection: FXML injection, serialization hooks, the compiler's enum/record plumbing. */
    private static final Set<String> REFLECTIVE_NAMES = Set.of("serialVersionUID", "writeObject", "readObject", "readResolve",
            "writeReplace", "$values", "$VALUES");

    static List<String> unusedPrivateMembers(JavaClasses classes) {
        List<String> unused = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaCodeUnit u : c.getCodeUnits()) {
                if (u.isConstructor() && u.getParameters().isEmpty()) {
                    continue; // a private no-argument constructor keeps a utility class from being instantiated
                }
                if (isCandidate(u) && u.getAccessesToSelf().isEmpty()) {
                    unused.add(u.getFullName());
                }
            }
            for (JavaField f : c.getFields()) {
                if (isCandidate(f) && f.getAccessesToSelf().isEmpty() && !c.isRecord() && !isConstant(f)) {
                    unused.add(f.getFullName());
                }
            }
        }
        return unused;
    }

    /** javac copies a constant's value into its readers, so the bytecode shows no read of it (a known blind spot). */
    private static boolean isConstant(JavaField f) {
        return f.getModifiers().containsAll(Set.of(JavaModifier.STATIC, JavaModifier.FINAL))
                && (f.getRawType().isPrimitive() || f.getRawType().isEquivalentTo(String.class));
    }

    private static boolean isCandidate(JavaMember m) {
        return m.getModifiers().contains(JavaModifier.PRIVATE)
                && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                && !m.getName().startsWith("lambda$")
                && !REFLECTIVE_NAMES.contains(m.getName())
                && m.getAnnotations().isEmpty();
    }

    @Test
    void noPrivateMemberIsUnused() {
        // Main code only: test directories, and the engine's test jar that app tests see in a full build.
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.peresvet");
        assertThat(unusedPrivateMembers(main)).as("private members nothing uses (delete them)").isEmpty();
    }

    /** The rule fails on a class that breaks it (so it cannot pass by looking at nothing). */
    @Test
    void theRuleFindsAnUnusedMember() {
        JavaClasses sample = new ClassFileImporter().importClasses(WithUnusedMembers.class);
        assertThat(unusedPrivateMembers(sample)).containsExactlyInAnyOrder(
                WithUnusedMembers.class.getName() + ".neverCalled()",
                WithUnusedMembers.class.getName() + ".neverRead");
    }

    @SuppressWarnings("unused")
    private static final class WithUnusedMembers {
        private int neverRead;
        private int used = 1;

        private void neverCalled() {
        }

        int value() {
            return used;
        }
    }
}
