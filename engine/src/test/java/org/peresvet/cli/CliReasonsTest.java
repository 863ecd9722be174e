package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.PeresvetHome;

/** {@code users reasons}: the "reason required" rules of the security settings, printed, set and cleared. */
class CliReasonsTest {
    @TempDir
    Path home;
    private String saved;

    @BeforeEach
    void useTempHome() {
        saved = System.getProperty(PeresvetHome.PROPERTY);
        System.setProperty(PeresvetHome.PROPERTY, home.toString());
        System.setProperty("peresvet.security.iterations", "1000");
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(PeresvetHome.PROPERTY);
        } else {
            System.setProperty(PeresvetHome.PROPERTY, saved);
        }
    }

    @Test
    void rulesAreSetPrintedAndCleared() {
        CliSupport.Run none = run("users", "reasons");
        assertThat(none.exit()).as(none.toString()).isZero();
        assertThat(none.out()).contains("No reason is required");
        CliSupport.Run set = run("users", "reasons", "--set", "write_values,EDIT_MODEL");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out()).contains("A reason is required for WRITE_VALUES anywhere")
                .contains("A reason is required for EDIT_MODEL anywhere");
        CliSupport.Run badPath = run("users", "reasons", "--set", "WRITE_VALUES:/No/Such");
        assertThat(badPath.exit()).isNotZero();
        assertThat(badPath.err()).contains("no object '/No/Such'");
        CliSupport.Run badName = run("users", "reasons", "--set", "WRITE");
        assertThat(badName.err()).contains("no permission 'WRITE'");
        assertThat(run("users", "reasons").out()).contains("WRITE_VALUES anywhere"); // a refused change changed nothing
        assertThat(run("users", "reasons", "--clear").out()).contains("No reason is required");
    }
}
