package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code peresvet --version} prints its version lines (Peresvet, Java) and nothing else. HiveMQ CE's jar carries a
 * logback.xml of its own; before our configuration had its own name, logback printed some twenty
 * status lines first. The child runs on the production class path (without test-classes, whose
 * logback-test.xml would hide the problem).
 */
class CliQuietStartTest {

    @Test
    void versionPrintsOnlyTheVersionLine() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).contains("hivemq-community-edition-embedded");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Xshare:auto", "-cp", classPath, PeresvetCli.class.getName(), "--version"))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(p.exitValue()).isZero();
        assertThat(output.lines()).first().asString().startsWith("Peresvet ");
        assertThat(output.lines()).as(output).hasSize(2).allMatch(l -> l.startsWith("Peresvet ") || l.startsWith("Java "));
    }
}
