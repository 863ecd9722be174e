package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.export.internal.DiskQueue;
import org.peresvet.store.SmallDisk;

/**
 * The export's durable queue on a real, small disk that fills up: appends fail (the batcher keeps
 * those batches in memory and appends them again), the sender still marks and confirms what was
 * queued before, a torn append leaves nothing behind, and after room returns and a restart every
 * queued batch is there once, in order.
 */
class ExportQueueDiskFullTest {
    @TempDir
    Path tmp;

    private static byte[] body(int i, int size) {
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) {
            b[k] = (byte) (i * 31 + k);
        }
        return b;
    }

    @Test
    void aFullDiskDuringAppendsLosesNoBatchAndDuplicatesNone() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, 8L << 20)) {
            Path dir = disk.root().resolve("export-queue");
            int size = 50_000;
            List<Integer> queued = new ArrayList<>(); // batch numbers in the queue, in order
            Deque<Integer> backlog = new ArrayDeque<>(); // the batcher's memory while the disk is full
            int failures = 0;
            try (DiskQueue q = DiskQueue.open(dir, 64L << 20, true)) {
                for (int i = 0; i < 10; i++) {
                    q.append(body(i, size), 100, 100, i, i);
                    queued.add(i);
                }
                q.markSent(4);
                q.confirm(2);
                disk.fillLeaving(size / 2); // the next append is torn half-way
                for (int i = 10; i < 20; i++) {
                    backlog.addLast(i);
                    while (!backlog.isEmpty()) {
                        int b = backlog.peekFirst();
                        try {
                            q.append(body(b, size), 100, 100, b, b);
                            queued.add(backlog.removeFirst());
                        } catch (UncheckedIOException e) {
                            failures++;
                            break;
                        }
                    }
                }
                assertThat(failures).as("appends failed on the full disk").isPositive();
                // What was queued before still goes out: its progress is written over the old state file in place.
                q.markSent(8);
                q.confirm(4);
                assertThat(q.sentSeq()).isEqualTo(8);
                disk.free();
                while (!backlog.isEmpty()) {
                    int b = backlog.removeFirst();
                    q.append(body(b, size), 100, 100, b, b);
                    queued.add(b);
                }
            }
            try (DiskQueue q = DiskQueue.open(dir, 64L << 20, true)) {
                assertThat(q.confirmedSeq()).isEqualTo(4);
                assertThat(q.sentSeq()).isEqualTo(8);
                List<Integer> found = new ArrayList<>();
                for (long seq = q.firstSeq(); seq < q.endSeq(); seq++) {
                    DiskQueue.Record r = q.read(seq);
                    int batch = (int) r.entry().minMs();
                    assertThat(r.body()).isEqualTo(body(batch, size));
                    found.add(batch);
                }
                List<Integer> expected = queued.subList(4, queued.size());
                Set<Integer> distinct = new HashSet<>(found);
                System.out.printf("export disk queue, disk full during appends: acknowledged %d batches, lost %d, "
                                + "refused 0, duplicated %d (%d appends failed and were kept in memory)%n",
                        queued.size(), expected.stream().filter(b -> !distinct.contains(b)).count(),
                        found.size() - distinct.size(), failures);
                assertThat(found).as("every queued batch after the confirmed ones, once, in order").isEqualTo(expected);
                assertThat(q.samples()).isEqualTo(100L * expected.size());
            }
        }
    }

    @Test
    void exportOnAFullDiskDeliversEverySampleOnceAfterRoomReturnsAndARestart() throws Exception {
        ExportFixtures f = new ExportFixtures();
        org.peresvet.model.ModelSnapshot model = f.model();
        int port = VictoriaMetricsServer.freePort();
        ExportConfig config = ExportConfig.of(ExportConfig.Target.of("vm", "http://127.0.0.1:" + port).withTimeoutMillis(1000))
                .withBatching(1000, 200);
        long base = ExportFixtures.T0_MS - 3_600_000;
        int n = 0;
        try (SmallDisk disk = SmallDisk.mount(tmp, 4L << 20);
             VictoriaMetricsServer vm = VictoriaMetricsServer.start(tmp.resolve("vm"), port)) {
            Path queue = disk.root().resolve("export-queue");
            try (Exporters x = Exporters.start(config, queue, () -> model)) {
                n = accept(x, f, base, n, 2000);
                x.flush();
                disk.fill();
                n = accept(x, f, base, n, 5000); // cannot be queued on disk: kept in memory, appended later
                long deadline = System.currentTimeMillis() + 10_000;
                while (x.status().lastError() == null && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(x.status().lastError()).as("the full disk is reported").contains("No space left");
                disk.free();
                n = accept(x, f, base, n, 1000);
                x.flush();
                assertThat(x.awaitDrained(java.time.Duration.ofSeconds(30))).as("%s", x.status()).isTrue();
            }
            try (Exporters x = Exporters.start(config, queue, () -> model)) { // the restart
                assertThat(x.awaitDrained(java.time.Duration.ofSeconds(30))).as("%s", x.status()).isTrue();
            }
            int total = n;
            List<VictoriaMetricsServer.Series> got = vm.awaitExport(ExportFixtures.valueSelector(f.level.id()), base,
                    base + total, l -> ExportFixtures.total(l) >= total, java.time.Duration.ofSeconds(20));
            java.util.Map<Long, Double> points = ExportFixtures.points(got);
            long stored = ExportFixtures.total(got);
            long lost = 0;
            for (int i = 0; i < total; i++) {
                if (!points.containsKey(base + i)) {
                    lost++;
                }
            }
            System.out.printf("export, disk full during the disk queue: acknowledged %d, lost %d, refused 0, duplicated %d%n",
                    total, lost, stored - points.size());
            assertThat(lost).isZero();
            assertThat(stored).as("every sample once on the server").isEqualTo(total);
        }
    }

    private static int accept(Exporters x, ExportFixtures f, long base, int from, int n) {
        List<org.peresvet.model.TagSample> batch = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            batch.add(new org.peresvet.model.TagSample(f.level.id(), org.peresvet.model.Sample.of((base + i) * 1000, i * 1.0)));
        }
        x.sink().accepted(batch);
        return from + n;
    }

    @Test
    void progressThatCannotBeWrittenIsNotTakenAsDone() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, 2L << 20)) {
            Path dir = disk.root().resolve("export-queue");
            try (DiskQueue q = DiskQueue.open(dir, 64L << 20, true)) {
                for (int i = 0; i < 5; i++) {
                    q.append(body(i, 1000), 10, 10, i, i);
                }
                disk.fill();
                java.nio.file.Files.deleteIfExists(dir.resolve("state")); // no old file to write over: the write must fail
                assertThatThrownBy(() -> q.confirm(3)).isInstanceOf(UncheckedIOException.class);
                assertThat(q.confirmedSeq()).as("not confirmed in memory when not in the file").isZero();
                assertThat(q.records()).isEqualTo(5);
                assertThatThrownBy(() -> q.markSent(4)).isInstanceOf(UncheckedIOException.class);
                assertThat(q.sentSeq()).isZero();
                disk.free();
                q.confirm(3);
                assertThat(q.records()).isEqualTo(2);
            }
        }
    }
}
