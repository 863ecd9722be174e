package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

class CliHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Micros.of(Instant.parse("2024-01-01T00:00:00Z"));
    private static final long SECOND = Micros.PER_SECOND;
    private static final String TAG = "/PumpStation/Tank1/LevelSetpoint";

    @TempDir
    Path tmp;
    Path dir;
    UUID tagId;

    /** Writes three values with known timestamps through the engine, then closes it (history flushed). */
    @BeforeEach
    void history() throws Exception {
        dir = CliSupport.demoProject(tmp);
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            engine.start();
            tagId = engine.model().findTag(TAG).orElseThrow().id();
            engine.write(List.of(new TagSample(tagId, Sample.of(T0, 2.5)),
                    new TagSample(tagId, Sample.of(T0 + SECOND, 3.5)),
                    new TagSample(tagId, new Sample(T0 + 2 * SECOND, 3.0, 103))));
            engine.flush();
        }
    }

    @Test
    void actualSamplesOfAPeriod() throws Exception {
        CliSupport.Run r = run("history", TAG, "--project", dir.toString(),
                "--start", "2024-01-01T00:00:00", "--finish", Long.toString(T0 + 2 * SECOND), "--actual");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode answer = JSON.readTree(r.out());
        assertThat(answer.get("data")).hasSize(1);
        // Asked by path, answered by path.
        assertThat(answer.get("data").get(0).get("tagId").asText()).isEqualTo(TAG);
        assertThat(points(r)).containsExactly(
                List.of(T0, 2.5, "null"), List.of(T0 + SECOND, 3.5, "null"), List.of(T0 + 2 * SECOND, 3.0, 103L));
        assertThat(answer.get("data").get(0).has("excess")).isFalse();
    }

    @Test
    void formatRendersTimesAsIso() throws Exception {
        CliSupport.Run r = run("history", TAG, "--project", dir.toString(), "--start", "2024-01-01T00:00:00Z",
                "--finish", "2024-01-01T00:00:02Z", "--actual", "--format");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode data = JSON.readTree(r.out()).get("data").get(0).get("data");
        assertThat(data.get(0).get(0).asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(data.get(2).get(0).asText()).isEqualTo("2024-01-01T00:00:02Z");
    }

    @Test
    void countAndMaxCount() throws Exception {
        CliSupport.Run r = run("history", TAG, "--project", dir.toString(), "--start", Long.toString(T0),
                "--finish", Long.toString(T0 + 2 * SECOND), "--actual", "--count", "2");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(points(r)).extracting(p -> p.get(0)).containsExactly(T0, T0 + SECOND);

        r = run("history", TAG, "--project", dir.toString(), "--start", Long.toString(T0),
                "--finish", Long.toString(T0 + 2 * SECOND), "--actual", "--max-count", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(points(r)).hasSize(1);
        assertThat(JSON.readTree(r.out()).get("data").get(0).get("excess").asBoolean()).isTrue();
    }

    @Test
    void timeStepGivesAnEvenSeriesEndingAtFinish() throws Exception {
        CliSupport.Run r = run("history", TAG, "--project", dir.toString(), "--start", Long.toString(T0),
                "--finish", "2024-01-01T00:00:01.5", "--time-step", "500ms");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<List<Object>> points = points(r);
        assertThat(points).extracting(p -> p.get(0)).containsExactly(T0, T0 + SECOND / 2, T0 + SECOND, T0 + 3 * SECOND / 2);
        // The setpoint is a step tag: no interpolation between its samples.
        assertThat(points).extracting(p -> p.get(1)).containsExactly(2.5, 2.5, 3.5, 3.5);
    }

    @Test
    void aTagAskedByItsUuidIsAnsweredByItsUuid() throws Exception {
        CliSupport.Run r = run("history", tagId.toString(), "--project", dir.toString(),
                "--finish", Long.toString(T0 + SECOND));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).get("data").get(0).get("tagId").asText()).isEqualTo(tagId.toString());
        assertThat(points(r)).containsExactly(List.of(T0 + SECOND, 3.5, "null"));

        CliSupport.Run unknown = run("history", UUID.randomUUID().toString(), "--project", dir.toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no tag with id");
    }

    @Test
    void finishAndCountEndWithTheBoundaryPointAtFinish() throws Exception {
        // A step tag: 1.5 s holds 3.5 (the sample of 1 s); the last 2 points are 1 s and 1.5 s.
        CliSupport.Run r = run("history", TAG, "--project", dir.toString(),
                "--finish", "2024-01-01T00:00:01.5", "--count", "2");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(points(r)).containsExactly(List.of(T0 + SECOND, 3.5, "null"), List.of(T0 + 3 * SECOND / 2, 3.5, "null"));

        // On a stored sample, that sample is the last point.
        r = run("history", TAG, "--project", dir.toString(), "--finish", Long.toString(T0 + SECOND), "--count", "2");
        assertThat(points(r)).containsExactly(List.of(T0, 2.5, "null"), List.of(T0 + SECOND, 3.5, "null"));
    }

    @Test
    void valueFilter() throws Exception {
        CliSupport.Run r = run("history", TAG, "--project", dir.toString(), "--start", Long.toString(T0),
                "--finish", Long.toString(T0 + 2 * SECOND), "--actual", "--value", "3.5");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(points(r)).containsExactly(List.of(T0 + SECOND, 3.5, "null"));
    }

    /** The points of the single answer as [x, y, q] with JSON null as "null". */
    private static List<List<Object>> points(CliSupport.Run r) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        for (JsonNode p : JSON.readTree(r.out()).get("data").get(0).get("data")) {
            List<Object> point = new ArrayList<>();
            for (JsonNode v : p) {
                point.add(v.isNull() ? "null" : v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText());
            }
            out.add(point);
        }
        return out;
    }
}
