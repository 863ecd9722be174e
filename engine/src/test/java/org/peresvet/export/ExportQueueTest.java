package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.export.internal.BatchEncoder;
import org.peresvet.export.internal.DiskQueue;
import org.peresvet.export.internal.JsonLines;
import org.peresvet.export.internal.SeriesData;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/** The durable queue file format and the batch encoding, without a server. */
class ExportQueueTest {
    @TempDir
    Path dir;

    private static byte[] body(int i, int size) {
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) {
            b[k] = (byte) (i + k);
        }
        return b;
    }

    @Test
    void recordsSurviveAReopenAndConfirmedOnesAreGone() {
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, true)) {
            for (int i = 0; i < 10; i++) {
                assertThat(q.append(body(i, 1000), 10, 20, 1000 + i, 2000 + i)).isEqualTo(i);
            }
            q.markSent(6);
            q.confirm(4);
            assertThat(q.samples()).isEqualTo(60);
        }
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, true)) {
            assertThat(q.firstSeq()).isEqualTo(4);
            assertThat(q.endSeq()).isEqualTo(10);
            assertThat(q.sentSeq()).isEqualTo(6);
            assertThat(q.confirmedSeq()).isEqualTo(4);
            assertThat(q.records()).isEqualTo(6);
            assertThat(q.read(3)).isNull();
            DiskQueue.Record r = q.read(7);
            assertThat(r.body()).isEqualTo(body(7, 1000));
            assertThat(r.entry().minMs()).isEqualTo(1007);
            assertThat(r.entry().maxMs()).isEqualTo(2007);
            assertThat(r.entry().samples()).isEqualTo(10);
            assertThat(q.append(body(10, 10), 1, 2, 3, 4)).isEqualTo(10);
            q.confirm(11);
            assertThat(q.records()).isZero();
        }
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, true)) {
            assertThat(q.records()).isZero();
            assertThat(q.append(body(11, 10), 1, 2, 3, 4)).as("numbers keep counting").isEqualTo(11);
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRestKept() throws IOException {
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, false)) {
            for (int i = 0; i < 3; i++) {
                q.append(body(i, 500), 5, 10, i, i);
            }
        }
        Path seg = segments().get(0);
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 100); // a crash in the middle of the last append
        }
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, false)) {
            assertThat(q.records()).isEqualTo(2);
            assertThat(q.read(1).body()).isEqualTo(body(1, 500));
            assertThat(q.append(body(9, 500), 5, 10, 9, 9)).isEqualTo(2);
        }
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, false)) {
            assertThat(q.read(2).body()).isEqualTo(body(9, 500));
        }
    }

    @Test
    void aFullQueueDropsItsOldestSegmentAndCountsTheLoss() throws IOException {
        long max = 1L << 20; // segments of 256 KiB
        try (DiskQueue q = DiskQueue.open(dir, max, false)) {
            for (int i = 0; i < 100; i++) {
                q.append(body(i, 30_000), 100, 200, i, i);
                assertThat(q.bytes()).isLessThanOrEqualTo(max);
            }
            assertThat(q.droppedSamples()).isPositive();
            assertThat(q.firstSeq()).isPositive();
            assertThat(q.samples()).isEqualTo(100L * q.records());
            assertThat(q.read(q.firstSeq() - 1)).isNull();
            assertThat(q.read(99).body()).isEqualTo(body(99, 30_000));
        }
        assertThat(segments().size()).isLessThanOrEqualTo(5);
    }

    @Test
    void confirmedSegmentsAreDeleted() throws IOException {
        try (DiskQueue q = DiskQueue.open(dir, 8L << 20, false)) { // segments of 1 MiB
            for (int i = 0; i < 100; i++) {
                q.append(body(i, 80_000), 1, 1, i, i);
            }
            assertThat(q.droppedSamples()).isZero();
            assertThat(segments().size()).isGreaterThan(5);
            q.confirm(100);
            assertThat(segments()).hasSize(1); // the one being appended to
            assertThat(q.bytes()).isLessThan(1L << 20);
        }
    }

    @Test
    void aDamagedRecordIsReportedAsSuch() throws IOException {
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, false)) {
            for (int i = 0; i < 3; i++) {
                q.append(body(i, 500), 5, 10, i, i);
            }
        }
        flipByteOfRecord(1, 300);
        try (DiskQueue q = DiskQueue.open(dir, 64L << 20, false)) {
            assertThat(q.records()).isEqualTo(3);
            assertThat(q.read(0).body()).isEqualTo(body(0, 500));
            assertThatThrownBy(() -> q.read(1)).isInstanceOf(DiskQueue.DamagedRecordException.class)
                    .hasMessageContaining("record 1 is damaged");
            assertThat(q.read(2).body()).isEqualTo(body(2, 500));
        }
    }

    /** Flips one byte inside the body of record {@code seq} (records of equal size in the first segment). */
    void flipByteOfRecord(int seq, int offsetInBody) throws IOException {
        Path seg = segments().get(0);
        byte[] all = Files.readAllBytes(seg);
        int recordSize = all.length / 3;
        int pos = seq * recordSize + 12 + 44 + offsetInBody;
        all[pos] ^= 0x5a;
        Files.write(seg, all);
    }

    @Test
    void aClosedQueueRefusesWork() {
        DiskQueue q = DiskQueue.open(dir, 64L << 20, false);
        q.close();
        assertThatThrownBy(() -> q.append(new byte[1], 1, 1, 1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEncoderWritesValueAndQualitySeriesAndDecodesBack() throws IOException {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        BatchEncoder enc = new BatchEncoder(Map.of("site", "north"));
        BatchEncoder.Encoded e = enc.encode(List.of(
                new TagSample(f.level.id(), Sample.of(5_000_000, 1.5)),
                new TagSample(f.level.id(), new Sample(6_000_000, null, Quality.CONNECTION_LOST)),
                new TagSample(f.level.id(), Sample.of(7_000_000, Double.NaN)),
                new TagSample(f.running.id(), Sample.of(5_000_000, true)),
                new TagSample(f.count.id(), Sample.of(5_000_000, Long.MAX_VALUE)),
                new TagSample(f.mode.id(), Sample.of(5_000_000, "x"))), model);
        assertThat(e.samples()).isEqualTo(5);
        assertThat(e.minMs()).isEqualTo(5000);
        assertThat(e.maxMs()).isEqualTo(7000);
        List<SeriesData> series = JsonLines.decodeGzip(e.body());
        assertThat(series).hasSize(6);
        SeriesData levelValues = series.stream().filter(s -> s.labels().get("tag").equals("Level")
                && s.labels().get("__name__").equals("peresvet_value")).findFirst().orElseThrow();
        assertThat(levelValues.values()).containsExactly("1.5");
        assertThat(levelValues.timestamps()).containsExactly(5000);
        assertThat(levelValues.labels()).containsEntry("site", "north").containsEntry("units", "m");
        SeriesData levelQuality = series.stream().filter(s -> s.labels().get("tag").equals("Level")
                && s.labels().get("__name__").equals("peresvet_quality")).findFirst().orElseThrow();
        assertThat(levelQuality.values()).containsExactly("0", "100", "0");
        assertThat(series.stream().filter(s -> s.labels().get("tag").equals("Running")).findFirst().orElseThrow().values())
                .containsExactly("1");
        assertThat(series.stream().filter(s -> s.labels().get("tag").equals("Fills")).findFirst().orElseThrow().values())
                .containsExactly(String.valueOf(Long.MAX_VALUE));
        assertThat(enc.encode(List.of(new TagSample(f.mode.id(), Sample.of(1, "only strings"))), model)).isNull();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }
}
