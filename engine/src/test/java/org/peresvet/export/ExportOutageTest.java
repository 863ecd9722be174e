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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;

/**
 * The server is killed (SIGKILL) while samples stream to it, stays down, and comes back: every
 * sample ends up stored exactly once, also those it had accepted but not yet written to disk.
 */
class ExportOutageTest {
    @TempDir
    Path dir;

    /** Streams one sample per tag every millisecond of sample time, about 2 000 samples/s in all. */
    private static final class Writer extends Thread {
        final Exporters exporters;
        final List<TagDef> tags;
        final long base;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong written = new AtomicLong();

        Writer(Exporters exporters, List<TagDef> tags, long base) {
            super("test-writer");
            this.exporters = exporters;
            this.tags = tags;
            this.base = base;
        }

        @Override
        public void run() {
            long i = 0;
            while (!stop.get()) {
                List<TagSample> batch = new ArrayList<>();
                for (int k = 0; k < 10; k++, i++) {
                    for (TagDef t : tags) {
                        batch.add(new TagSample(t.id(), Sample.of((base + i) * 1000, value(t, i))));
                    }
                }
                exporters.sink().accepted(batch);
                written.set(i);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static Object value(TagDef t, long i) {
        return switch (t.type()) {
            case BOOL -> i % 7 == 0;
            case INT -> i * 3;
            default -> i * 0.25;
        };
    }

    @Test
    void aKilledServerEndsUpWithEverySampleExactlyOnce() throws Exception {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        long base = T0_MS - 1_800_000;
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            ExportConfig config = ExportConfig.of(ExportConfig.Target.of("vm", vm.url()).withTimeoutMillis(2000))
                    .withBatching(10_000, 200);
            try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
                Writer w = new Writer(x, f.numeric(), base);
                w.start();
                Thread.sleep(2500);
                vm.kill(); // what it accepted in the last seconds is not on its disk yet
                Thread.sleep(4000);
                ExportStatus.Target down = x.status().targets().get(0);
                assertThat(down.connected()).isFalse();
                assertThat(down.lastError()).isNotBlank();
                assertThat(down.unsentSamples()).isPositive();
                assertThat(down.oldestUnsentMicros()).isNotNull();
                vm.restart();
                Thread.sleep(2500);
                w.stop.set(true);
                w.join();
                assertThat(x.awaitDrained(Duration.ofSeconds(60))).as("drained: %s", x.status()).isTrue();
                ExportStatus.Target st = x.status().targets().get(0);
                assertThat(st.connected()).isTrue();
                assertThat(st.lastError()).isNull();
                assertThat(st.resentPoints()).as("the server lost what it had accepted before the kill, and got it again")
                        .isPositive();

                long n = w.written.get();
                for (TagDef t : f.numeric()) {
                    Map<Long, Double> expected = new TreeMap<>();
                    for (long i = 0; i < n; i++) {
                        Object v = value(t, i);
                        expected.put(base + i, v instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) v).doubleValue());
                    }
                    List<VictoriaMetricsServer.Series> got = vm.awaitExport(valueSelector(t.id()), base, base + n,
                            l -> total(l) >= n, Duration.ofSeconds(20));
                    assertThat(total(got)).as("%s: stored points (no duplicates)", t.name()).isEqualTo(n);
                    assertSamePoints(points(got), expected, t.name());
                    assertThat(vm.count(qualitySelector(t.id()), base, base + n)).isEqualTo(n);
                }
            }
        }
    }

    @Test
    void aServerKilledTwiceInARowStillGetsEverythingOnce() throws Exception {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        long base = T0_MS - 2_400_000;
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            ExportConfig config = ExportConfig.of(ExportConfig.Target.of("vm", vm.url()).withTimeoutMillis(2000))
                    .withBatching(10_000, 100);
            try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
                Writer w = new Writer(x, List.of(f.level, f.running), base);
                w.start();
                Thread.sleep(1500);
                vm.kill();
                vm.restart(); // back at once: only its start time tells that it lost data
                Thread.sleep(1500);
                vm.kill();
                Thread.sleep(1000);
                vm.restart();
                Thread.sleep(1500);
                w.stop.set(true);
                w.join();
                assertThat(x.awaitDrained(Duration.ofSeconds(60))).as("drained: %s", x.status()).isTrue();
                long n = w.written.get();
                for (TagDef t : List.of(f.level, f.running)) {
                    List<VictoriaMetricsServer.Series> got = vm.awaitExport(valueSelector(t.id()), base, base + n,
                            l -> total(l) >= n, Duration.ofSeconds(20));
                    assertThat(total(got)).as("%s: stored points", t.name()).isEqualTo(n);
                    assertThat(points(got)).hasSize((int) n);
                }
            }
        }
    }
}
