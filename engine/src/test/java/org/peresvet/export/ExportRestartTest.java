package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.export.ExportFixtures.T0_MS;
import static org.peresvet.export.ExportFixtures.points;
import static org.peresvet.export.ExportFixtures.total;
import static org.peresvet.export.ExportFixtures.valueSelector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/** The engine stops with samples in the export queue; the next start sends them, once. */
class ExportRestartTest {
    @TempDir
    Path dir;

    private static void write(Engine e, ExportFixtures f, long base, int from, int n) {
        List<TagSample> batch = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            batch.add(new TagSample(f.level.id(), Sample.of((base + i) * 1000, i * 0.5)));
            batch.add(new TagSample(f.count.id(), Sample.of((base + i) * 1000, (long) i)));
        }
        e.write(batch);
        e.flush();
    }

    @Test
    void aQueueLeftByAStoppedEngineDrainsAfterTheNextStart() throws Exception {
        ExportFixtures f = new ExportFixtures();
        Path project = dir.resolve("project");
        int port = VictoriaMetricsServer.freePort();
        ExportConfig.of(ExportConfig.Target.of("central", "http://127.0.0.1:" + port).withTimeoutMillis(1000)).save(project);
        long base = T0_MS - 3_000_000;
        int n = 20_000;
        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            Exporters x = e.telemetry().attachExporters();
            e.start();
            e.edit(f.edits());
            write(e, f, base, 0, n);
            x.flush();
            Thread.sleep(500);
            ExportStatus.Target st = x.status().targets().get(0);
            assertThat(st.connected()).isFalse();
            assertThat(st.lastError()).contains("cannot connect");
            assertThat(st.unsentSamples()).isEqualTo(2L * n);
            assertThat(st.oldestUnsentMicros()).isEqualTo(base * 1000);
        }
        try (Stream<Path> files = Files.list(project.resolve(Exporters.QUEUE_FOLDER).resolve("central"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".seg"))).isNotEmpty();
        }
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"), port);
             Engine e = Engine.open(project, EngineOptions.quiet())) {
            Exporters x = e.telemetry().attachExporters();
            e.start();
            assertThat(x.status().targets().get(0).unsentSamples()).isEqualTo(2L * n);
            assertThat(x.awaitDrained(Duration.ofSeconds(60))).as("%s", x.status()).isTrue();
            List<VictoriaMetricsServer.Series> got = vm.awaitExport(valueSelector(f.level.id()), base, base + n,
                    l -> total(l) >= n, Duration.ofSeconds(20));
            assertThat(points(got)).hasSize(n);
            assertThat(vm.count(valueSelector(f.count.id()), base, base + n)).isEqualTo(n);
        }
    }

    @Test
    void aDamagedBatchOnDiskIsSkippedAndReportedAndTheRestDelivered() throws Exception {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        int port = VictoriaMetricsServer.freePort();
        ExportConfig config = ExportConfig.of(ExportConfig.Target.of("vm", "http://127.0.0.1:" + port).withTimeoutMillis(1000))
                .withBatching(1000, 1000);
        long base = T0_MS - 3_600_000;
        try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
            for (int b = 0; b < 5; b++) {
                List<TagSample> batch = new ArrayList<>();
                for (int i = b * 1000; i < (b + 1) * 1000; i++) {
                    batch.add(new TagSample(f.level.id(), Sample.of((base + i) * 1000, i * 1.0)));
                }
                x.sink().accepted(batch);
                x.flush();
            }
        }
        // Flip a byte in the body of the third record.
        Path seg;
        try (Stream<Path> files = Files.list(dir.resolve("queue").resolve("vm"))) {
            seg = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(seg);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(all);
        int pos = 0;
        for (int r = 0; r < 2; r++) {
            pos += 12 + buf.getInt(pos + 4);
        }
        all[pos + 12 + 44 + 20] ^= 0x5a;
        Files.write(seg, all);

        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"), port);
             Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
            assertThat(x.awaitDrained(Duration.ofSeconds(30))).as("%s", x.status()).isTrue();
            assertThat(x.status().targets().get(0).droppedSamples()).isEqualTo(1000);
            List<VictoriaMetricsServer.Series> got = vm.awaitExport(valueSelector(f.level.id()), base, base + 5000,
                    l -> total(l) >= 4000, Duration.ofSeconds(20));
            assertThat(points(got)).hasSize(4000).doesNotContainKey(base + 2000).containsKey(base + 3000);
        }
    }

    @Test
    void batchesAcceptedJustBeforeTheStopAreCheckedNotResentAndRefilledWhenTheServerLostThem() throws Exception {
        ExportFixtures f = new ExportFixtures();
        Path project = dir.resolve("project");
        long base = T0_MS - 3_300_000;
        int n = 5_000;
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            ExportConfig.of(ExportConfig.Target.of("central", vm.url())).save(project);
            try (Engine e = Engine.open(project, EngineOptions.quiet())) {
                Exporters x = e.telemetry().attachExporters();
                e.start();
                e.edit(f.edits());
                write(e, f, base, 0, n);
                assertThat(x.awaitDrained(Duration.ofSeconds(30))).isTrue();
                // Accepted, but kept for confirmation: the queue is not empty when the engine stops.
                assertThat(x.status().targets().get(0).queuedSamples()).isEqualTo(2L * n);
            }
            try (Engine e = Engine.open(project, EngineOptions.quiet())) {
                Exporters x = e.telemetry().attachExporters();
                e.start();
                write(e, f, base, n, n);
                assertThat(x.awaitDrained(Duration.ofSeconds(30))).as("%s", x.status()).isTrue();
                assertThat(x.status().targets().get(0).resentPoints()).as("the server had them: nothing sent twice").isZero();
            }
            vm.kill(); // the last batches die with it, while the engine is down
            vm.restart();
            try (Engine e = Engine.open(project, EngineOptions.quiet())) {
                Exporters x = e.telemetry().attachExporters();
                e.start();
                assertThat(x.awaitDrained(Duration.ofSeconds(30))).as("%s", x.status()).isTrue();
                assertThat(x.status().targets().get(0).resentPoints()).as("refilled what the server lost").isPositive();
            }
            List<VictoriaMetricsServer.Series> got = vm.awaitExport(valueSelector(f.level.id()), base, base + 2 * n,
                    l -> total(l) >= 2 * n, Duration.ofSeconds(20));
            assertThat(total(got)).isEqualTo(2L * n);
            assertThat(points(got)).hasSize(2 * n);
            assertThat(vm.count(valueSelector(f.count.id()), base, base + 2 * n)).isEqualTo(2L * n);
        }
    }
}
