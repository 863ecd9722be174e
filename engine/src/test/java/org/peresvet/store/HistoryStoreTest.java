package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryBins;
import org.peresvet.history.MemorySampleSource;
import org.peresvet.history.SampleScan;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;
import org.peresvet.store.internal.CellSummary;

class HistoryStoreTest {
    private static final long H = HistoryStore.BUCKET;
    private static final long T0 = 1_700_000_000L * 1_000_000L / H * H; // a bucket start

    @TempDir
    Path dir;
    private HistoryStore store;
    private final UUID tag = UUID.randomUUID();

    @BeforeEach
    void open() {
        store = HistoryStore.open(new ProjectFolder(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void write(Sample... samples) {
        store.write(Map.of(tag, List.of(samples)));
    }

    @Test
    void everyValueKindRoundTrips() throws Exception {
        var json = new ObjectMapper().readTree("{\"mode\":\"auto\",\"n\":[1,2]}");
        write(Sample.of(T0, 1.5), Sample.of(T0 + 1, 7L), Sample.of(T0 + 2, true), Sample.of(T0 + 3, false),
                Sample.of(T0 + 4, "текст"), Sample.of(T0 + 5, json), new Sample(T0 + 6, null, Quality.CONNECTION_LOST),
                new Sample(T0 - 7, -2.25, Quality.BAD_DATA));
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0 - 10, T0 + 10, 0)).containsExactly(
                    new Sample(T0 - 7, -2.25, Quality.BAD_DATA), Sample.of(T0, 1.5), Sample.of(T0 + 1, 7L),
                    Sample.of(T0 + 2, true), Sample.of(T0 + 3, false), Sample.of(T0 + 4, "текст"), Sample.of(T0 + 5, json),
                    new Sample(T0 + 6, null, Quality.CONNECTION_LOST));
        }
    }

    /** The trend's scan (no object per sample) sees what forEach sees: every kind, late blocks, two days of buckets. */
    @Test
    void aScanSeesWhatForEachSees() throws Exception {
        var json = new ObjectMapper().readTree("{\"n\":1}");
        write(Sample.of(T0, 1.5), Sample.of(T0 + 1, 7L), Sample.of(T0 + 2, true), Sample.of(T0 + 4, "s"),
                Sample.of(T0 + 5, json), new Sample(T0 + 6, null, Quality.CONNECTION_LOST), Sample.of(T0 + 30 * H, 3.0));
        write(Sample.of(T0 + 3, 9.0), new Sample(T0 + 2, false, Quality.BAD_DATA)); // late, into the same bucket
        try (var r = store.reader(tag, false)) {
            List<Sample> seen = new ArrayList<>();
            r.scan(T0 + 1, T0 + 30 * H, (x, kind, bits, obj, q) -> seen.add(SampleScan.toSample(x, kind, bits, obj, q)));
            List<Sample> expected = new ArrayList<>();
            r.forEach(T0 + 1, T0 + 30 * H, expected::add);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).hasSize(8);
            // equal x in write order: true before the late bad false
            assertThat(seen.indexOf(Sample.of(T0 + 2, true))).isLessThan(seen.indexOf(new Sample(T0 + 2, false, Quality.BAD_DATA)));
        }
    }

    /**
     * Bins read from the H2 file, whose blocks carry segment summaries, equal the bins of the same
     * samples handed over one by one: two buckets, a late write overlapping earlier blocks, bad and
     * null samples now and then.
     */
    @Test
    void binsFromStoredBlocksWithSummariesEqualTheSampleBySampleBins() {
        Random r = new Random(3);
        List<Sample> all = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<Sample> batch = new ArrayList<>();
            long from = T0 + w * H / 2 - (w == 3 ? H : 0); // the last write lands among the first
            for (int i = 0; i < 9_000; i++) {
                long x = from + i * (H / 2 / 9_000) + r.nextInt(3);
                int odd = r.nextInt(700);
                batch.add(odd == 0 ? new Sample(x, 5.0, Quality.BAD_DATA) : odd == 1 ? Sample.of(x, null)
                        : Sample.of(x, (double) r.nextInt(1000)));
            }
            store.write(Map.of(tag, batch));
            all.addAll(batch);
        }
        all.sort(Comparator.comparingLong(Sample::x));
        MemorySampleSource oneByOne = new MemorySampleSource(all);
        try (var reader = store.reader(tag, false)) {
            for (int bins : new int[] {1, 50, 1_600, 30_000}) {
                BinQuery q = new BinQuery(tag, T0 - H / 3, T0 + 2 * H - 1, bins);
                BinnedHistory expected = HistoryBins.run(q, ValueType.DOUBLE, false, false, oneByOne, List.of());
                BinnedHistory got = HistoryBins.run(q, ValueType.DOUBLE, false, false, reader, List.of());
                assertThat(got.bins()).as("%d bins", bins).isEqualTo(expected.bins());
                assertThat(got.sampleCount()).isEqualTo(expected.sampleCount()).isEqualTo(all.size());
            }
        }
    }

    /**
     * A trend over days reads the blocks' cell summaries, not the blocks: bins of whole cells on
     * the cells' grid give the sample-by-sample answer and read only the blocks of the first
     * samples (which come raw until there are more samples than bins). Blocks without a summary
     * (a file written before them, small blocks) are read whole, in write order among those with
     * one (late ones, at equal x); the purge takes summaries with their blocks.
     */
    @Test
    void aTrendOfWholeCellsReadsTheSummariesAndOldFilesReadTheirBlocks() throws Exception {
        long cell = CellSummary.CELL;
        long start = T0 / cell * cell;
        Random r = new Random(67);
        List<Sample> all = new ArrayList<>();
        for (int day = 0; day < 2; day++) {
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 43_200; i++) { // half a day at one sample a second, a bad one now and then on the first
                long x = start + day * 24 * H + i * 1_000_000L;
                batch.add(day == 0 && r.nextInt(5_000) == 0 ? new Sample(x, 1.0, Quality.BAD_DATA) : Sample.of(x, Math.sin(i / 500.0) + r.nextInt(3)));
            }
            store.write(Map.of(tag, batch));
            all.addAll(batch);
            if (day == 0) {
                // The first day as a file written before the summaries had them.
                try (var c = store.pool().getConnection(); var st = c.createStatement()) {
                    st.execute("DELETE FROM history_summary");
                }
                store.close();
                store = HistoryStore.open(new ProjectFolder(dir));
            }
        }
        List<Sample> late = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) { // written late into the old day, some at x already written
            late.add(Sample.of(start + 6 * H + i * 2_000_000L, 100.0 + r.nextInt(5)));
        }
        store.write(Map.of(tag, late));
        all.addAll(late);
        all.sort(Comparator.comparingLong(Sample::x)); // stable: the late ones after the first at equal x
        MemorySampleSource oneByOne = new MemorySampleSource(all);
        try (var c = store.pool().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM history_block WHERE n >= 256 AND x_first > " + (start + 12 * H)
                     + "), (SELECT COUNT(*) FROM history_summary), (SELECT COUNT(*) FROM history_block b JOIN history_summary s"
                     + " ON s.block_id = b.id WHERE b.n < 256)")) {
            rs.next();
            assertThat(rs.getInt(2)).as("summaries of the large blocks written since").isEqualTo(rs.getInt(1) + 2).isGreaterThan(10);
            assertThat(rs.getInt(3)).as("summaries of small blocks").isZero();
        }
        try (var reader = store.reader(tag, false)) {
            long coarse = 4 * cell;
            long day2 = (start + 24 * H) / coarse * coarse;
            for (long[] q : new long[][] {{start, 3 * cell, 1_000}, {start - 10 * cell, 2 * cell, 2_000}, {day2 + cell, 3 * cell, 300},
                    {start / coarse * coarse, 3 * coarse, 200}, {day2, 2 * coarse, 100}, {start + 5 * H + 1, 5 * cell / 2, 500}}) {
                BinQuery query = new BinQuery(tag, q[0], q[0] + q[1] * q[2] - 1, (int) q[2]);
                BinnedHistory expected = HistoryBins.run(query, ValueType.DOUBLE, false, false, oneByOne, List.of());
                int readBefore = reader.blockReads();
                BinnedHistory got = HistoryBins.run(query, ValueType.DOUBLE, false, false, reader, List.of());
                assertThat(got.bins()).as("bins from %d", q[0]).isEqualTo(expected.bins());
                assertThat(got.sampleCount()).isEqualTo(expected.sampleCount());
                if (q[0] >= day2) { // the clean new day only: whole cells, blocks read only for the first samples (raw up to bins + 1)
                    assertThat(reader.blockReads() - readBefore).isBetween(1, 2);
                }
            }
        }
        store.purgeBefore(start + 24 * H);
        try (var c = store.pool().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM history_summary s WHERE NOT EXISTS (SELECT 1 FROM history_block b WHERE b.id = s.block_id)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("summaries without their block after the purge").isZero();
        }
    }

    @Test
    void blocksSplitAtBucketBoundariesAndRangesCrossThem() {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            s.add(Sample.of(T0 + i * H / 4, (double) i)); // four per hour over 2.5 hours
        }
        store.write(Map.of(tag, s));
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0 + H / 2, T0 + 2 * H, 0)).extracting(Sample::y).containsExactly(2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
            assertThat(r.range(T0, T0 + 10 * H, 3)).extracting(Sample::y).containsExactly(0.0, 1.0, 2.0);
            assertThat(r.last(null, T0 + 2 * H, 2)).extracting(Sample::y).containsExactly(7.0, 8.0);
            assertThat(r.last(T0 + H, T0 + 10 * H, 100)).extracting(Sample::y).containsExactly(4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
            assertThat(r.before(T0 + H)).isEqualTo(Sample.of(T0 + 3 * H / 4, 3.0));
            assertThat(r.after(T0 + H)).isEqualTo(Sample.of(T0 + 5 * H / 4, 5.0));
            assertThat(r.before(T0)).isNull();
            assertThat(r.after(T0 + 9 * H / 4)).isNull();
        }
    }

    @Test
    void sparseHistoryFindsNeighboursFarAway() {
        write(Sample.of(T0, 1.0));
        write(Sample.of(T0 + 500 * H, 2.0)); // about three weeks later
        try (var r = store.reader(tag, false)) {
            assertThat(r.before(T0 + 400 * H)).isEqualTo(Sample.of(T0, 1.0));
            assertThat(r.after(T0 + 1)).isEqualTo(Sample.of(T0 + 500 * H, 2.0));
            assertThat(r.range(T0, T0 + 1000 * H, 0)).hasSize(2);
            assertThat(r.last(null, Long.MAX_VALUE, 1)).containsExactly(Sample.of(T0 + 500 * H, 2.0));
        }
    }

    @Test
    void lateSamplesInOlderBlocksMergeInTimeOrder() {
        write(Sample.of(T0 + 10, 1.0), Sample.of(T0 + 30, 3.0));
        write(Sample.of(T0 + 20, 2.0), Sample.of(T0 + 5, 0.5)); // arrive late, out of order
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0, T0 + 100, 0)).extracting(Sample::y).containsExactly(0.5, 1.0, 2.0, 3.0);
            assertThat(r.before(T0 + 25)).isEqualTo(Sample.of(T0 + 20, 2.0));
        }
    }

    @Test
    void updateFlagKeepsOnlyTheLastWrittenSampleAtATimestamp() {
        write(Sample.of(T0 + 10, 1.0));
        write(Sample.of(T0 + 10, 2.0));
        try (var r = store.reader(tag, true)) {
            assertThat(r.range(T0, T0 + 100, 0)).containsExactly(Sample.of(T0 + 10, 2.0));
        }
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0, T0 + 100, 0)).containsExactly(Sample.of(T0 + 10, 1.0), Sample.of(T0 + 10, 2.0));
        }
    }

    @Test
    void bigWritesAreSplitIntoBoundedBlocks() {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            s.add(Sample.of(T0 + i, (double) i));
        }
        store.write(Map.of(tag, s));
        try (var r = store.reader(tag, false)) {
            List<Sample> all = r.range(T0, T0 + 10_000, 0);
            assertThat(all).hasSize(10_000);
            assertThat(all.get(9_999)).isEqualTo(Sample.of(T0 + 9_999, 9_999.0));
        }
    }

    @Test
    void purgeRemovesOnlyBlocksEntirelyBeforeTheCutoff() {
        write(Sample.of(T0, 1.0));
        write(Sample.of(T0 + 2 * H, 2.0));
        assertThat(store.purgeBefore(T0 + H)).isEqualTo(1);
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0 - H, T0 + 3 * H, 0)).containsExactly(Sample.of(T0 + 2 * H, 2.0));
        }
    }

    @Test
    void historySurvivesReopenAndUnknownTagsReadEmpty() {
        write(Sample.of(T0, 1.0));
        store.close();
        store = HistoryStore.open(new ProjectFolder(dir));
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0, T0, 0)).containsExactly(Sample.of(T0, 1.0));
        }
        try (var r = store.reader(UUID.randomUUID(), false)) {
            assertThat(r.range(Long.MIN_VALUE, Long.MAX_VALUE, 0)).isEmpty();
            assertThat(r.before(T0)).isNull();
        }
    }

    @Test
    void pointsInOneBucketReadItOnceAndSeeEveryBlockInWriteOrder() {
        write(Sample.of(T0 + 10, 1.0), Sample.of(T0 + 20, 2.0));
        write(Sample.of(T0 + 5, 0.5), Sample.of(T0 + 30, 3.0)); // a later block reaching around the first
        write(Sample.of(T0 + 20, 2.5)); // the same x again: the update flag decides
        try (var r = store.reader(tag, false)) {
            assertThat(r.before(T0 + 6)).isEqualTo(Sample.of(T0 + 5, 0.5));
            assertThat(r.before(T0 + 21)).isEqualTo(Sample.of(T0 + 20, 2.5)); // the last written of equal x
            assertThat(r.after(T0 + 20)).isEqualTo(Sample.of(T0 + 30, 3.0));
            assertThat(r.after(T0 + 5)).isEqualTo(Sample.of(T0 + 10, 1.0));
            assertThat(r.range(T0, T0 + 20, 0)).containsExactly(Sample.of(T0 + 5, 0.5), Sample.of(T0 + 10, 1.0),
                    Sample.of(T0 + 20, 2.0), Sample.of(T0 + 20, 2.5));
            assertThat(r.bucketLoads()).isEqualTo(1);
        }
        try (var r = store.reader(tag, true)) {
            assertThat(r.range(T0, T0 + H - 1, 0)).containsExactly(Sample.of(T0 + 5, 0.5), Sample.of(T0 + 10, 1.0),
                    Sample.of(T0 + 20, 2.5), Sample.of(T0 + 30, 3.0));
            assertThat(r.before(T0 + H)).isEqualTo(Sample.of(T0 + 30, 3.0));
        }
    }

    @Test
    void aFlushThatReturnedIsCountedAsWritten() {
        try (HistoryWriter writer = new HistoryWriter(store, 60_000, 1_000_000)) {
            long expected = 0;
            for (int i = 0; i < 200; i++) {
                writer.accepted(List.of(new org.peresvet.model.TagSample(tag, Sample.of(T0 + i, (double) i)),
                        new org.peresvet.model.TagSample(tag, Sample.of(T0 + i, (double) -i))));
                expected += 2;
                writer.flush();
                assertThat(writer.samplesWritten()).as("after flush %d", i).isEqualTo(expected);
            }
        }
    }

    @Test
    void aTailLeftByACrashBecomesBlocksAtOpenInWriteOrder() {
        UUID other = UUID.randomUUID();
        store.write(Map.of(tag, List.of(Sample.of(T0, 1.0))));
        store.appendTail(Map.of(tag, List.of(Sample.of(T0 + 10, 2.0), Sample.of(T0 + 5, 3.0)), other, List.of(Sample.of(T0 + 1, "a"))));
        store.appendTail(Map.of(tag, List.of(Sample.of(T0 + 10, 4.0))));
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0, T0 + H - 1, 0)).as("the tail is not read before it is moved").containsExactly(Sample.of(T0, 1.0));
        }
        store.close(); // no write() after the tail: as after a kill -9
        store = HistoryStore.open(new ProjectFolder(dir));
        try (var r = store.reader(tag, true)) {
            assertThat(r.range(T0, T0 + H - 1, 0)).containsExactly(Sample.of(T0, 1.0), Sample.of(T0 + 5, 3.0), Sample.of(T0 + 10, 4.0));
        }
        try (var r = store.reader(other, false)) {
            assertThat(r.range(T0, T0 + H - 1, 0)).containsExactly(Sample.of(T0 + 1, "a"));
        }
        store.close();
        store = HistoryStore.open(new ProjectFolder(dir)); // moved once: a second open adds nothing
        try (var r = store.reader(tag, false)) {
            assertThat(r.range(T0, T0 + H - 1, 0)).hasSize(4);
        }
    }

    @Test
    void sparseFlushesGoToTheTailAndAFlushMovesThemIntoBlocks() {
        List<UUID> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tags.add(UUID.randomUUID());
        }
        try (HistoryWriter writer = new HistoryWriter(store, 20, 1_000_000)) {
            for (int round = 0; round < 5; round++) {
                List<org.peresvet.model.TagSample> batch = new java.util.ArrayList<>();
                for (UUID t : tags) {
                    batch.add(new org.peresvet.model.TagSample(t, Sample.of(T0 + round, (double) round)));
                }
                writer.accepted(batch);
                long until = System.currentTimeMillis() + 5_000;
                while (writer.samplesWritten() < (round + 1L) * tags.size() && System.currentTimeMillis() < until) {
                    Thread.onSpinWait();
                }
            }
            assertThat(writer.samplesWritten()).isEqualTo(2_500);
            assertThat(writer.hasPending(tags.get(0))).as("in the tail, not yet in blocks").isTrue();
            writer.flush();
            assertThat(writer.hasPending(tags.get(0))).isFalse();
        }
        try (var r = store.reader(tags.get(499), false)) {
            assertThat(r.range(T0, T0 + H - 1, 0)).extracting(Sample::y).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        }
    }
}
