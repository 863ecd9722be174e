package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;

/**
 * A project open in one process cannot be opened by another. The CLI runs in its own JVM: inside
 * one JVM, H2 shares an open database file instead of refusing it.
 */
class CliLockedProjectTest {

    @Test
    void aProjectOpenElsewhereExitsWith4(@TempDir Path tmp) throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        try (Engine held = Engine.open(dir, EngineOptions.quiet())) {
            int tags = held.model().tagCount();
            Path out = tmp.resolve("out.txt");
            Path err = tmp.resolve("err.txt");
            Process p = new ProcessBuilder(CliSupport.javaCommand("-Dperesvet.home=" + tmp,
                    "org.peresvet.cli.PeresvetCli", "tags", "list", "--project", dir.toString()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("CLI finished").isTrue();
            } finally {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(stderr).isEqualTo(4);
            assertThat(Files.readString(out)).isEmpty();
            assertThat(stderr).startsWith("error: the project ").contains("is open in another Peresvet process")
                    .hasLineCount(1);
            assertThat(held.model().tagCount()).as("the refused CLI changed nothing").isEqualTo(tags).isPositive();
        }
    }
}
