package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.export.ExportFixtures.T0_MS;
import static org.peresvet.export.ExportFixtures.assertSamePoints;
import static org.peresvet.export.ExportFixtures.points;
import static org.peresvet.export.ExportFixtures.qualitySelector;
import static org.peresvet.export.ExportFixtures.total;
import static org.peresvet.export.ExportFixtures.valueSelector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/** Samples go to a real VictoriaMetrics and come back exactly: values, timestamps, labels. */
class ExportRoundTripTest {
    @TempDir
    static Path vmDir;
    static VictoriaMetricsServer vm;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        vm = VictoriaMetricsServer.start(vmDir);
    }

    @AfterAll
    static void stopServer() {
        vm.close();
    }

    @Test
    void everyNumericSampleComesBackWithItsValueAndTimestamp() {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        int n = 20_000;
        ExportConfig config = ExportConfig.of(ExportConfig.Target.of("vm", vm.url()).withLabels(Map.of("site", "north")));
        Map<Long, Double> level = new TreeMap<>();
        Map<Long, Double> levelQuality = new TreeMap<>();
        Map<Long, Double> fills = new TreeMap<>();
        Map<Long, Double> running = new TreeMap<>();
        Map<Long, Double> speed = new TreeMap<>();
        long base = T0_MS - 600_000;
        try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
            List<TagSample> chunk = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long ms = base + i;
                long micros = ms * 1000 + 123; // below a millisecond is cut off
                if (i % 1000 == 7) {
                    chunk.add(new TagSample(f.level.id(), new Sample(micros, null, Quality.CONNECTION_LOST)));
                    levelQuality.put(ms, 100.0);
                } else {
                    double v = i * 0.001 - 3.25;
                    chunk.add(new TagSample(f.level.id(), Sample.of(micros, v)));
                    level.put(ms, v);
                    levelQuality.put(ms, 0.0);
                }
                chunk.add(new TagSample(f.count.id(), Sample.of(micros, (long) i * 1_000_003L)));
                fills.put(ms, (double) ((long) i * 1_000_003L));
                chunk.add(new TagSample(f.running.id(), Sample.of(micros, i % 3 == 0)));
                running.put(ms, i % 3 == 0 ? 1.0 : 0.0);
                chunk.add(new TagSample(f.speed.id(), new Sample(micros, i * 1.5, i % 500 == 0 ? Quality.BAD_DATA : null)));
                speed.put(ms, i * 1.5);
                chunk.add(new TagSample(f.mode.id(), Sample.of(micros, "auto")));
                if (chunk.size() >= 777) {
                    x.sink().accepted(List.copyOf(chunk));
                    chunk.clear();
                }
            }
            x.sink().accepted(List.copyOf(chunk));
            assertThat(x.awaitDrained(Duration.ofSeconds(60))).as("drained: %s", x.status()).isTrue();
            ExportStatus.Target st = x.status().targets().get(0);
            assertThat(st.connected()).isTrue();
            assertThat(st.lastError()).isNull();
            assertThat(st.sentSamples()).isEqualTo(4L * n);
        }
        long from = base - 1;
        long to = base + n;
        assertSamePoints(read(valueSelector(f.level.id()), from, to, level.size()), level, "Level");
        assertSamePoints(read(qualitySelector(f.level.id()), from, to, levelQuality.size()), levelQuality, "Level quality");
        assertSamePoints(read(valueSelector(f.count.id()), from, to, n), fills, "Fills");
        assertSamePoints(read(valueSelector(f.running.id()), from, to, n), running, "Running");
        assertSamePoints(read(valueSelector(f.speed.id()), from, to, n), speed, "Speed");
        Map<Long, Double> speedQuality = read(qualitySelector(f.speed.id()), from, to, n);
        assertThat(speedQuality.values().stream().filter(q -> q == 103.0).count()).isEqualTo(n / 500);
        assertThat(vm.export("{tag_id=\"" + f.mode.id() + "\"}", from, to)).as("string tags are not exported").isEmpty();

        VictoriaMetricsServer.Series s = vm.export(valueSelector(f.level.id()), from, to).get(0);
        Map<String, String> expected = new HashMap<>();
        expected.put("__name__", "peresvet_value");
        expected.put("tag_id", f.level.id().toString());
        expected.put("path", "/Station/Tank 1/Level");
        expected.put("object", "/Station/Tank 1");
        expected.put("tag", "Level");
        expected.put("units", "m");
        expected.put("site", "north");
        assertThat(s.labels()).isEqualTo(expected);
        assertThat(vm.metric("vm_rows_invalid_total")).isZero();
    }

    @Test
    void theLastSampleOfAMillisecondWins() {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        long ms = T0_MS - 300_000;
        try (Exporters x = Exporters.start(ExportConfig.of(ExportConfig.Target.of("vm", vm.url())), dir.resolve("q"), () -> model)) {
            x.sink().accepted(List.of(
                    new TagSample(f.level.id(), Sample.of(ms * 1000 + 1, 1.0)),
                    new TagSample(f.level.id(), Sample.of(ms * 1000 + 999, 3.0)),
                    new TagSample(f.level.id(), Sample.of(ms * 1000 + 500, 2.0)),
                    new TagSample(f.level.id(), Sample.of(ms * 1000 - 1000, 0.5))));
            assertThat(x.awaitDrained(Duration.ofSeconds(30))).isTrue();
        }
        Map<Long, Double> got = read(valueSelector(f.level.id()), ms - 10, ms + 10, 2);
        assertThat(got).containsExactly(Map.entry(ms - 1, 0.5), Map.entry(ms, 2.0));
    }

    @Test
    void anAttachedEngineExportsWhatItAcceptsAndClosesTheExporterWithIt() {
        ExportFixtures f = new ExportFixtures();
        ExportConfig.of(ExportConfig.Target.of("vm", vm.url())).save(dir.resolve("project"));
        long base = T0_MS - 900_000;
        Exporters x;
        Engine closed;
        try (Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet())) {
            closed = e;
            x = e.telemetry().attachExporters();
            assertThat(e.telemetry().exporters()).containsSame(x);
            e.start();
            e.edit(f.edits());
            List<TagSample> batch = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                batch.add(new TagSample(f.level.id(), Sample.of((base + i) * 1000, (double) i)));
            }
            e.write(batch);
            e.flush();
            assertThat(x.awaitDrained(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(x.status().bufferedSamples()).isZero();
        assertThat(closed.telemetry().exporters()).isEmpty();
        assertThat(read(valueSelector(f.level.id()), base, base + 5000, 5000)).hasSize(5000);
    }

    private static Map<Long, Double> read(String selector, long from, long to, int expected) {
        List<VictoriaMetricsServer.Series> s = vm.awaitExport(selector, from, to, l -> total(l) >= expected, Duration.ofSeconds(20));
        return points(s);
    }
}
