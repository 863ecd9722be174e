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
                "org.peresvet.cli.PeresvetCli", "--headless", "--project", dir.toString(), "--api-port", "0"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit;
        try {
            String running = "Peresvet engine running: " + dir.toAbsolutePath().normalize() + " (" + CliSupport.demoTagCount() + " tags). Press Ctrl-C to stop.";
            long deadline = System.currentTimeMillis() + 90_000;
            // The API's line follows the running line; wait for both (the lines are printed one by one).
            while (!(Files.readString(out).contains(running) && Files.readString(out).contains("HTTP API: ")) && p.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).as(Files.readString(err)).contains(running);
            // The HTTP API runs beside the engine and answers the current value of a simulated tag.
            java.util.regex.Matcher api = java.util.regex.Pattern.compile("HTTP API: (http://\\S+)/v1/").matcher(Files.readString(out));
            assertThat(api.find()).as(Files.readString(out)).isTrue();
            Thread.sleep(2_500); // let the simulator produce a few values of every tag
            var http = java.net.http.HttpClient.newHttpClient();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    api.group(1) + "/v1/data/?tagId=/PumpStation/Tank1/Temperature")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(json.readTree(answer.body()).at("/data/0/data/0/1").isNumber()).as(answer.body()).isTrue();
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
            assertThat(simulated).hasSize(2);
            // What the simulator wrote during the run is in the file: SIGTERM flushed it. (No count beyond
            // that: the demo's two simulated tags are slow sines, and a deadband may keep only the first value.)
            for (TagDef t : simulated) {
                var h = engine.history(new HistoryQuery(t.id(), startedAt, null, null, null, null, true, null, false));
                assertThat(h.data()).as(engine.model().tagPath(t.id())).isNotEmpty();
            }
        }
    }
}
