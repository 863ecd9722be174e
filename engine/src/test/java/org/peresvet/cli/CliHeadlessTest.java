package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Micros;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;

/** {@code --headless} in its own JVM: starts, runs the simulator, and stops cleanly on SIGTERM. */
class CliHeadlessTest {

    @Test
    void runsUntilSigtermThenExits0WithHistoryFlushed(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("station");
        Files.createDirectories(dir);
        // A flush interval longer than the test: history on disk afterwards can only come from
        // the flush at shutdown.
        ObjectMapper json = new ObjectMapper();
        ObjectNode seed = (ObjectNode) json.readTree(CliSupport.demoSeed());
        ((ObjectNode) seed.get("settings")).put("historyFlushMillis", 60_000);
        Files.write(dir.resolve("project.json"), json.writeValueAsBytes(seed));

        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        long startedAt = Micros.now();
        Process p = new ProcessBuilder(CliSupport.javaCommand("-Dperesvet.home=" + tmp,
                "org.peresvet.cli.PeresvetCli", "--headless", "--project", dir.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit;
        try {
            String running = "Peresvet engine running: " + dir.toAbsolutePath().normalize() + " (18 tags). Press Ctrl-C to stop.";
            long deadline = System.currentTimeMillis() + 90_000;
            while (!Files.readString(out).contains(running) && p.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).as(Files.readString(err)).contains(running);
            Thread.sleep(2_500); // let the simulator produce a few values of every tag
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
            exit = p.exitValue();
        } finally {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        // SIGTERM is handled as a normal stop, so the exit code is 0 rather than the JVM's 143.
        assertThat(exit).as(stderr).isZero();
        assertThat(Files.readString(out)).endsWith("Peresvet engine stopped; history flushed.\n");
        assertThat(stderr).contains("Engine stopped");

        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            List<TagDef> simulated = engine.model().tags().stream().filter(t -> t.source() == SourceKind.SIMULATED).toList();
            assertThat(simulated).hasSize(16);
            for (TagDef t : simulated) {
                var h = engine.history(new HistoryQuery(t.id(), startedAt, null, null, null, null, true, null, false));
                assertThat(h.data()).as(engine.model().tagPath(t.id())).isNotEmpty();
            }
            // The one-second tags produced more than their first value.
            TagDef level = engine.model().findTag("/PumpStation/Tank1/Level").orElseThrow();
            var h = engine.history(new HistoryQuery(level.id(), startedAt, null, null, null, null, true, null, false));
            assertThat(h.data().size()).isGreaterThanOrEqualTo(2);
        }
    }
}
