package org.peresvet.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;
import org.peresvet.store.internal.BlockCodec;
import org.peresvet.store.internal.BlocksBeforeTables;
import org.peresvet.store.internal.CellSummary;

class HistoryBinsTest {
    private static final UUID TAG = UUID.randomUUID();
    private static final long T0 = 1_700_000_000_000_000L;

    private static MemorySampleSource values(double... ys) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < ys.length; i++) {
            s.add(Sample.of(T0 + i, ys[i]));
        }
        return new MemorySampleSource(s);
    }

    private static BinnedHistory run(SampleSource src, long finish, int bins) {
        return HistoryBins.run(new BinQuery(TAG, T0, finish, bins), ValueType.DOUBLE, false, false, src, List.of());
    }

    @Test
    void binsHoldFirstLastMinMaxWithTheirTimes() {
        // Ten samples, two bins of five microseconds each.
        BinnedHistory h = run(values(0, 5, 2, 8, 1, 3, 9, 4, 6, 7), T0 + 9, 2);
        assertThat(h.raw()).isFalse();
        assertThat(h.width()).isEqualTo(5);
        assertThat(h.step()).isFalse();
        assertThat(h.bins()).hasSize(2);
        Bin a = h.bins().get(0);
        assertThat(a.start()).isEqualTo(T0);
        assertThat(a.end()).isEqualTo(T0 + 5);
        assertThat(a.count()).isEqualTo(5);
        assertThat(a.first()).isEqualTo(Sample.of(T0, 0.0));
        assertThat(a.last()).isEqualTo(Sample.of(T0 + 4, 1.0));
        assertThat(a.min()).isEqualTo(0.0);
        assertThat(a.minX()).isEqualTo(T0);
        assertThat(a.max()).isEqualTo(8.0);
        assertThat(a.maxX()).isEqualTo(T0 + 3);
        Bin b = h.bins().get(1);
        assertThat(b.first()).isEqualTo(Sample.of(T0 + 5, 3.0));
        assertThat(b.last()).isEqualTo(Sample.of(T0 + 9, 7.0));
        assertThat(b.min()).isEqualTo(3.0);
        assertThat(b.minX()).isEqualTo(T0 + 5);
        assertThat(b.max()).isEqualTo(9.0);
        assertThat(b.maxX()).isEqualTo(T0 + 6);
        assertThat(h.sampleCount()).isEqualTo(10);
    }

    /** A store hands late blocks after later ones: the summary must not depend on the order. */
    @Test
    void binsDoNotDependOnTheOrderSamplesCome() {
        MemorySampleSource sorted = values(0, 5, 2, 8, 1, 3, 9, 4, 6, 7);
        List<Sample> all = sorted.range(T0, T0 + 9, 0);
        SampleSource jumbled = new SampleSource() {
            @Override
            public List<Sample> range(long from, long to, int limit) {
                return sorted.range(from, to, limit);
            }

            @Override
            public List<Sample> last(Long from, long to, int n) {
                return sorted.last(from, to, n);
            }

            @Override
            public Sample before(long t) {
                return sorted.before(t);
            }

            @Override
            public Sample after(long t) {
                return sorted.after(t);
            }

            @Override
            public void forEach(long from, long to, Consumer<Sample> visitor) {
                for (int i : new int[] {5, 6, 0, 1, 7, 2, 8, 3, 9, 4}) {
                    visitor.accept(all.get(i));
                }
            }
        };
        assertThat(run(jumbled, T0 + 9, 2).bins()).isEqualTo(run(sorted, T0 + 9, 2).bins());
    }

    @Test
    void fewerSamplesThanBinsComeRawWithTheNeighboursOutsideThePeriod() {
        MemorySampleSource src = MemorySampleSource.of(Sample.of(T0 - 50, 1.0), Sample.of(T0 + 10, 2.0),
                Sample.of(T0 + 20, 3.0), Sample.of(T0 + 200, 4.0));
        BinnedHistory h = run(src, T0 + 100, 2);
        assertThat(h.raw()).isTrue();
        assertThat(h.bins()).isEmpty();
        assertThat(h.samples()).containsExactly(Sample.of(T0 + 10, 2.0), Sample.of(T0 + 20, 3.0));
        assertThat(h.before()).isEqualTo(Sample.of(T0 - 50, 1.0));
        assertThat(h.after()).isEqualTo(Sample.of(T0 + 200, 4.0));
    }

    @Test
    void badAndNullSamplesAreCountedAsGapsNeverAsValues() {
        MemorySampleSource src = MemorySampleSource.of(
                Sample.of(T0, 5.0), new Sample(T0 + 1, -100.0, Quality.BAD_DATA), Sample.of(T0 + 2, 6.0),
                // the second bin is bad throughout
                new Sample(T0 + 3, null, Quality.CONNECTION_LOST), new Sample(T0 + 4, 99.0, Quality.SOURCE_LOST),
                new Sample(T0 + 5, null, null));
        BinnedHistory h = run(src, T0 + 5, 2);
        Bin a = h.bins().get(0);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.bad()).isEqualTo(1);
        assertThat(a.min()).isEqualTo(5.0);
        assertThat(a.max()).isEqualTo(6.0);
        Bin b = h.bins().get(1);
        assertThat(b.count()).isEqualTo(3);
        assertThat(b.bad()).isEqualTo(3);
        assertThat(b.hasValue()).isFalse();
        assertThat(b.first().q()).isEqualTo(Quality.CONNECTION_LOST);
        assertThat(b.last()).isEqualTo(new Sample(T0 + 5, null, null));
    }

    @Test
    void aBinWithOneSampleHasThatSampleAsEverything() {
        // Samples at 0, 1, 2 and 9 in three bins of ceil(10 / 3) = 4: the last bin ([8, 10)) holds one sample, the middle none.
        MemorySampleSource src = MemorySampleSource.of(Sample.of(T0, 1.0), Sample.of(T0 + 1, 2.0), Sample.of(T0 + 2, 3.0),
                Sample.of(T0 + 9, 4.0));
        BinnedHistory h = run(src, T0 + 9, 3);
        assertThat(h.width()).isEqualTo(4); // ceil(10 / 3)
        assertThat(h.bins()).extracting(Bin::start).containsExactly(T0, T0 + 8);
        Bin one = h.bins().get(1);
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.first()).isEqualTo(one.last()).isEqualTo(Sample.of(T0 + 9, 4.0));
        assertThat(one.min()).isEqualTo(4.0).isEqualTo(one.max());
        assertThat(one.minX()).isEqualTo(T0 + 9).isEqualTo(one.maxX());
        assertThat(one.end()).isEqualTo(T0 + 10); // the last bin ends after finish, not at start + 3 * width
    }

    @Test
    void stepTagsAndTypesThatAreNotInterpolatedAreDrawnAsSteps() {
        MemorySampleSource src = values(1, 0, 1, 1);
        BinQuery q = new BinQuery(TAG, T0, T0 + 3, 2);
        assertThat(HistoryBins.run(q, ValueType.DOUBLE, true, false, src, List.of()).step()).isTrue();
        assertThat(HistoryBins.run(q, ValueType.BOOL, false, false, src, List.of()).step()).isTrue();
        assertThat(HistoryBins.run(q, ValueType.INT, false, false, src, List.of()).step()).isFalse();
        BinnedHistory bools = HistoryBins.run(q, ValueType.BOOL, false, false,
                MemorySampleSource.of(Sample.of(T0, true), Sample.of(T0 + 1, false), Sample.of(T0 + 2, true)), List.of());
        assertThat(bools.bins().get(0).min()).isEqualTo(0.0);
        assertThat(bools.bins().get(0).max()).isEqualTo(1.0);
    }

    @Test
    void pendingSamplesJoinTheStoredOnesWhateverTheirOrder() {
        MemorySampleSource stored = values(1, 2, 3);
        List<Sample> pending = List.of(Sample.of(T0 + 5, 10.0), Sample.of(T0 + 3, -1.0), Sample.of(T0 + 50, 7.0));
        BinnedHistory h = HistoryBins.run(new BinQuery(TAG, T0, T0 + 5, 2), ValueType.DOUBLE, false, false, stored, pending);
        assertThat(h.bins()).hasSize(2);
        Bin b = h.bins().get(1); // [T0 + 3, T0 + 6)
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.first()).isEqualTo(Sample.of(T0 + 3, -1.0));
        assertThat(b.last()).isEqualTo(Sample.of(T0 + 5, 10.0));
        assertThat(h.after()).isEqualTo(Sample.of(T0 + 50, 7.0));
    }

    @Test
    void withTheUpdateFlagAPendingSampleReplacesTheStoredOneAtItsTime() {
        MemorySampleSource stored = values(1, 2, 3);
        List<Sample> pending = List.of(Sample.of(T0 + 1, 20.0));
        BinnedHistory h = HistoryBins.run(new BinQuery(TAG, T0, T0 + 2, 5), ValueType.DOUBLE, false, true, stored, pending);
        assertThat(h.raw()).isTrue();
        assertThat(h.samples()).containsExactly(Sample.of(T0, 1.0), Sample.of(T0 + 1, 20.0), Sample.of(T0 + 2, 3.0));
    }

    @Test
    void invalidQueriesNameTheirParameter() {
        MemorySampleSource src = values(1);
        assertThatThrownBy(() -> run(src, T0 + 10, 0)).hasMessageContaining("bins");
        assertThatThrownBy(() -> run(src, T0 + 10, BinQuery.MAX_BINS + 1)).hasMessageContaining("bins");
        assertThatThrownBy(() -> run(src, T0 - 1, 10)).hasMessageContaining("start");
    }
    /**
     * Good doubles handed over the short way ({@link SampleScan#goodDouble}, as the H2 reader does)
     * give the same bins as every sample handed over as an object: ties of value and of x, NaN,
     * bad and null samples between them, samples out of x order.
     */
    @Test
    void goodDoublesTheShortWayGiveTheSameBins() {
        Random r = new Random(16);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long x = T0 + r.nextInt(20_000);
            int kind = r.nextInt(20);
            samples.add(kind == 0 ? new Sample(x, 1.0, Quality.BAD_DATA) : kind == 1 ? Sample.of(x, null)
                    : kind == 2 ? Sample.of(x, Double.NaN) : Sample.of(x, (double) r.nextInt(50)));
        }
        MemorySampleSource general = new MemorySampleSource(samples.stream().sorted(Comparator.comparingLong(Sample::x)).toList());
        SampleSource shortWay = new SampleSource() {
            @Override
            public List<Sample> range(long from, long to, int limit) {
                return general.range(from, to, limit);
            }

            @Override
            public List<Sample> last(Long from, long to, int n) {
                return general.last(from, to, n);
            }

            @Override
            public Sample before(long t) {
                return general.before(t);
            }

            @Override
            public Sample after(long t) {
                return general.after(t);
            }

            @Override
            public void forEach(long from, long to, Consumer<Sample> visitor) {
                general.forEach(from, to, visitor);
            }

            @Override
            public void scan(long from, long to, SampleScan visitor) {
                for (Sample s : samples) { // in the order written, not sorted
                    if (s.x() < from || s.x() > to) {
                        continue;
                    }
                    if (s.y() instanceof Double d && s.q() == null) {
                        visitor.goodDouble(s.x(), Double.doubleToRawLongBits(d));
                    } else {
                        SampleScan.of(s, visitor);
                    }
                }
            }
        };
        for (int bins : new int[] {1, 7, 300, 4_999, 10_000}) {
            BinnedHistory a = run(general, T0 + 19_999, bins);
            BinnedHistory b = run(shortWay, T0 + 19_999, bins);
            assertThat(b.bins()).as("%d bins", bins).isEqualTo(a.bins());
            assertThat(b.sampleCount()).isEqualTo(a.sampleCount());
        }
    }
    /**
     * Stored blocks decoded straight into the bins (good doubles summed up in runs per bin) give
     * the same bins as every sample handed over one by one: blocks written late overlap earlier
     * ones, equal x and equal values, NaN, bad and null samples and longs between them, periods
     * that cut blocks.
     */
    @Test
    void blocksScannedInRunsGiveTheSameBins() {
        Random r = new Random(7);
        List<List<Sample>> blocks = new ArrayList<>();
        List<Sample> written = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            long from = T0 + r.nextInt(18_000);
            List<Sample> block = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(400); i < n; i++) {
                long x = from + r.nextInt(2_000);
                int kind = r.nextInt(40);
                block.add(kind == 0 ? new Sample(x, 1.0, Quality.BAD_DATA) : kind == 1 ? Sample.of(x, null)
                        : kind == 2 ? Sample.of(x, Double.NaN) : kind == 3 ? Sample.of(x, 7L) : Sample.of(x, (double) r.nextInt(30)));
            }
            block.sort(Comparator.comparingLong(Sample::x)); // a block is sorted; equal x keep their order
            blocks.add(block);
            written.addAll(block);
        }
        MemorySampleSource general = new MemorySampleSource(written.stream().sorted(Comparator.comparingLong(Sample::x)).toList());
        SampleSource stored = scannedFrom(general, (from, to, visitor) -> {
            for (List<Sample> block : blocks) {
                BlockCodec.scan(block.get(0).x(), block.size(), BlockCodec.encode(block), from, to, visitor);
            }
        });
        for (long[] period : new long[][] {{T0, T0 + 19_999}, {T0 + 1_234, T0 + 15_678}, {T0 + 500, T0 + 510}}) {
            for (int bins : new int[] {1, 3, 64, 999, 5_000, 30_000}) {
                assertSameBins(new BinQuery(TAG, period[0], period[1], bins), general, stored);
            }
        }
    }

    /**
     * Blocks with segment summaries (whole segments of good doubles go as their summary) give the
     * same bins, raw samples and counts as every sample handed over one by one, with blocks written
     * before the summaries (no table) among them: long clean stretches, NaN (some segments all NaN),
     * -0.0 and 0.0, bad and null samples and longs now and then, equal x, overlapping blocks, periods
     * and bins that cut segments and others that hold many whole.
     */
    @Test
    void segmentSummariesGiveTheSameBins() {
        Random r = new Random(64);
        List<byte[]> encoded = new ArrayList<>();
        List<List<Sample>> blocks = new ArrayList<>();
        List<Sample> written = new ArrayList<>();
        for (int b = 0; b < 60; b++) {
            long from = T0 + r.nextInt(900_000);
            int n = 1 + r.nextInt(b % 5 == 0 ? 100 : 4_096);
            int spread = 1 + r.nextInt(n * (r.nextBoolean() ? 40 : 2)); // some blocks with many equal x
            int oddOneIn = r.nextBoolean() ? 1_000_000 : 20 + r.nextInt(400);
            int nanFrom = r.nextInt(2) == 0 ? r.nextInt(n) : n; // a stretch of NaN in half the blocks
            int nanTo = nanFrom + 64 + r.nextInt(400);
            List<Sample> block = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long x = from + r.nextInt(spread);
                int odd = r.nextInt(oddOneIn);
                Sample s;
                if (i >= nanFrom && i < nanTo) {
                    s = Sample.of(x, Double.NaN);
                } else if (odd == 0) {
                    s = new Sample(x, 1.0, Quality.BAD_DATA);
                } else if (odd == 1) {
                    s = Sample.of(x, null);
                } else if (odd == 2) {
                    s = Sample.of(x, 7L);
                } else if (odd == 3) {
                    s = new Sample(x, 2.0, 0); // a good quality code: a sample like any, but not in a summary
                } else {
                    int v = r.nextInt(30);
                    s = Sample.of(x, v == 0 ? (r.nextBoolean() ? -0.0 : 0.0) : v == 1 ? Double.NaN : (double) v);
                }
                block.add(s);
            }
            block.sort(Comparator.comparingLong(Sample::x));
            byte[] data = BlockCodec.encode(block);
            encoded.add(b % 3 == 0 ? BlocksBeforeTables.of(data) : data); // a third as written before the summaries
            blocks.add(block);
            written.addAll(block);
        }
        MemorySampleSource general = new MemorySampleSource(written.stream().sorted(Comparator.comparingLong(Sample::x)).toList());
        SampleSource stored = scannedFrom(general, (from, to, visitor) -> {
            for (int b = 0; b < blocks.size(); b++) {
                List<Sample> block = blocks.get(b);
                BlockCodec.scan(block.get(0).x(), block.size(), encoded.get(b), from, to, visitor);
            }
        });
        for (long[] period : new long[][] {{T0, T0 + 999_999}, {T0 + 12_345, T0 + 876_543}, {T0 + 500_000, T0 + 500_100}}) {
            for (int bins : new int[] {1, 3, 17, 200, 1_600, 20_000, 100_000}) {
                assertSameBins(new BinQuery(TAG, period[0], period[1], bins), general, stored);
            }
        }
    }

    /**
     * Blocks read through their cell summaries (whole cells of good doubles go as their summary,
     * the rest is decoded from the block) give the same bins, raw samples and counts as every
     * sample handed over one by one: blocks of an hour at one sample a second and faster, sparse
     * blocks that get no cells, NaN stretches, -0.0 and 0.0, bad and null samples and longs now and
     * then, equal x, blocks written late over earlier ones; bins of whole cells and of whole coarse
     * cells on their grid (a trend's), and bins that cut cells (read by the fine cells).
     */
    @Test
    void cellSummariesGiveTheSameBins() {
        long s = 1_000_000L;
        long t0 = T0 / (4 * CellSummary.CELL) * (4 * CellSummary.CELL); // on the coarse cells' grid
        Random r = new Random(26);
        List<List<Sample>> blocks = new ArrayList<>();
        List<Sample> written = new ArrayList<>();
        for (int b = 0; b < 50; b++) {
            long from = t0 + r.nextInt(48 * 3_600) * s + r.nextInt(1_000_000);
            int n = b % 7 == 0 ? 1 + r.nextInt(40) : 500 + r.nextInt(3_600);
            long step = b % 7 == 0 ? 90 * s : b % 5 == 0 ? 7_919 : s / (1 + r.nextInt(3));
            int oddOneIn = r.nextBoolean() ? 1_000_000 : 50 + r.nextInt(2_000);
            int nanFrom = r.nextInt(3) == 0 ? r.nextInt(n) : n;
            int nanTo = nanFrom + 100 + r.nextInt(300);
            List<Sample> block = new ArrayList<>();
            long x = from;
            for (int i = 0; i < n; i++) {
                x += r.nextInt(20) == 0 ? 0 : step; // now and then an equal x
                int odd = r.nextInt(oddOneIn);
                double v = r.nextInt(40);
                block.add(i >= nanFrom && i < nanTo ? Sample.of(x, Double.NaN)
                        : odd == 0 ? new Sample(x, 1.0, Quality.BAD_DATA)
                        : odd == 1 ? Sample.of(x, null)
                        : odd == 2 ? Sample.of(x, 7L)
                        : Sample.of(x, v == 0 ? (r.nextBoolean() ? -0.0 : 0.0) : v == 1 ? Double.NaN : v));
            }
            blocks.add(block);
            written.addAll(block);
        }
        List<byte[]> data = blocks.stream().map(BlockCodec::encode).toList();
        List<byte[]> summaries = blocks.stream().map(CellSummary::encode).toList();
        assertThat(summaries).as("some blocks get cells, small and sparse ones none").anyMatch(Objects::nonNull).anyMatch(Objects::isNull);
        MemorySampleSource general = new MemorySampleSource(written.stream().sorted(Comparator.comparingLong(Sample::x)).toList());
        SampleSource stored = scannedFrom(general, (from, to, visitor) -> {
            for (int b = 0; b < blocks.size(); b++) {
                List<Sample> block = blocks.get(b);
                byte[] bytes = data.get(b);
                if (summaries.get(b) == null) {
                    BlockCodec.scan(block.get(0).x(), block.size(), bytes, from, to, visitor);
                } else {
                    int level = CellSummary.levelFor(from, visitor.runSpan());
                    CellSummary.scan(summaries.get(b), level < 0 ? CellSummary.SHIFT : level, from, to, visitor,
                            (lo, hi) -> BlockCodec.scan(block.get(0).x(), block.size(), bytes, lo, hi, visitor));
                }
            }
        });
        long cell = CellSummary.CELL;
        for (long[] q : new long[][] {
                {t0, 3 * 256 * cell - 1, 256}, // whole cells: 3 per bin (a trend's bins)
                {t0 + 4 * cell, 12 * 200 * cell - 1, 200}, {t0 + 8 * cell, 4 * 600 * cell - 1, 600}, // whole coarse cells
                {t0 + 40 * cell, 1_200 * cell - 1, 600}, {t0 + 4 * cell, 64 * cell - 1, 64},
                {t0 + 12_345, 50 * 3_600 * s, 1_600}, // bins that cut cells
                {t0, 50 * 3_600 * s, 7}, {t0 + 5 * 3_600 * s, 2 * cell + 17, 3}}) {
            assertSameBins(new BinQuery(TAG, q[0], q[0] + q[1], (int) q[2]), general, stored);
        }
    }

    /** The stored blocks' scan, everything else answered by {@code general} (holding the same samples). */
    private static SampleSource scannedFrom(SampleSource general, BlockScan scan) {
        return new SampleSource() {
            @Override
            public List<Sample> range(long from, long to, int limit) {
                return general.range(from, to, limit);
            }

            @Override
            public List<Sample> last(Long from, long to, int n) {
                return general.last(from, to, n);
            }

            @Override
            public Sample before(long t) {
                return general.before(t);
            }

            @Override
            public Sample after(long t) {
                return general.after(t);
            }

            @Override
            public void scan(long from, long to, SampleScan visitor) {
                scan.scan(from, to, visitor);
            }
        };
    }

    /** How a test hands its encoded blocks to a bin query. */
    @FunctionalInterface
    private interface BlockScan {
        void scan(long from, long to, SampleScan visitor);
    }

    /** The blocks' bins, raw samples and counts equal those of every sample handed over one by one. */
    private static void assertSameBins(BinQuery q, SampleSource general, SampleSource stored) {
        BinnedHistory a = HistoryBins.run(q, ValueType.DOUBLE, false, false, general, List.of());
        BinnedHistory b = HistoryBins.run(q, ValueType.DOUBLE, false, false, stored, List.of());
        assertThat(b.raw()).isEqualTo(a.raw());
        assertThat(b.bins()).as("%d bins over %s", q.bins(), q.finish() - q.start()).isEqualTo(a.bins());
        assertThat(b.samples()).isEqualTo(a.samples());
        assertThat(b.sampleCount()).isEqualTo(a.sampleCount());
    }
}
