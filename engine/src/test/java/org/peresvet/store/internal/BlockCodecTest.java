package org.peresvet.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.history.SampleScan;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

class BlockCodecTest {
    private static List<Sample> roundTrip(List<Sample> samples) {
        return BlockCodec.decode(samples.get(0).x(), samples.size(), BlockCodec.encode(samples));
    }

    @Test
    void everyKindOfValueAndQualityComesBackAsWritten() {
        List<Sample> samples = List.of(
                new Sample(1_700_000_000_000_000L, 1.5, null),
                new Sample(1_700_000_000_000_000L, -0.0, 0),
                new Sample(1_700_000_000_000_001L, 42L, 103),
                new Sample(1_700_000_001_000_000L, Long.MIN_VALUE, -1),
                new Sample(1_700_000_002_000_000L, true, null),
                new Sample(1_700_000_003_000_000L, false, null),
                new Sample(1_700_000_004_000_000L, null, 100),
                new Sample(1_700_000_005_000_000L, "température 🌡", null),
                new Sample(1_700_000_006_000_000L, ValueType.JSON.coerce("{\"a\":[1,2],\"b\":\"x\"}"), null),
                new Sample(1_700_000_007_000_000L, Double.NaN, null));
        assertThat(roundTrip(samples)).isEqualTo(samples);
    }

    @Test
    void theBufferGrowsForValuesLargerThanItsFirstGuess() {
        // The first guess is about 10 bytes per sample; a long text needs far more.
        String big = "x".repeat(100_000);
        List<Sample> samples = List.of(new Sample(5, big, null), new Sample(6, "short", null), new Sample(7, big + "!", 1));
        assertThat(roundTrip(samples)).isEqualTo(samples);
    }

    @Test
    void aFullBlockOfDoublesRoundTrips() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            samples.add(new Sample(1_000_000L * i, Math.sin(i) * 1e6, i % 7 == 0 ? i : null));
        }
        assertThat(roundTrip(samples)).isEqualTo(samples);
    }

    @Test
    void outGrowsAndKeepsEveryByte() {
        BlockCodec.Out out = new BlockCodec.Out(1);
        for (int i = 0; i < 1000; i++) {
            out.write(i & 0xFF);
            out.longBits(i);
        }
        byte[] bytes = out.toByteArray();
        assertThat(out.size()).isEqualTo(9000);
        assertThat(bytes).hasSize(9000);
        assertThat(bytes[9 * 999] & 0xFF).isEqualTo(999 & 0xFF);
        assertThat(bytes[9 * 999 + 1] & 0xFF).isEqualTo(999 & 0xFF);
        assertThat(bytes[9 * 999 + 2] & 0xFF).isEqualTo(999 >>> 8);
    }

    @Test
    void blocksOfAtLeastOneSegmentCarryATableAndSmallerOnesDoNot() {
        List<Sample> small = doubles(SegmentTable.SEGMENT - 1);
        List<Sample> big = doubles(SegmentTable.SEGMENT);
        assertThat(BlockCodec.encode(small)[0]).isZero(); // as every block written before the tables
        assertThat(BlockCodec.encode(big)[0]).isEqualTo((byte) 1);
        assertThat(roundTrip(small)).isEqualTo(small);
        assertThat(roundTrip(big)).isEqualTo(big);
    }

    /** Every reader of blocks sees the same samples with and without the table: decode, scanInOrder and scan. */
    @Test
    void everyReaderSeesTheSameSamplesWithOrWithoutTheTable() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Object y = i % 97 == 0 ? "t" + i : i % 101 == 0 ? null : i % 89 == 0 ? (Object) (long) i : Math.cos(i);
            samples.add(new Sample(1_000L * (i / 3), y, i % 151 == 0 ? 100 : null));
        }
        byte[] withTable = BlockCodec.encode(samples);
        assertThat(withTable[0]).isEqualTo((byte) 1);
        byte[] plain = BlocksBeforeTables.of(withTable);
        long x0 = samples.get(0).x();
        assertThat(BlockCodec.decode(x0, samples.size(), plain)).isEqualTo(samples);
        for (long[] p : new long[][] {{0, Long.MAX_VALUE}, {70_000, 200_000}, {150_000, 150_000}}) {
            List<Sample> inOrderA = new ArrayList<>();
            List<Sample> inOrderB = new ArrayList<>();
            BlockCodec.scanInOrder(x0, samples.size(), withTable, p[0], p[1], (x, k, b, o, q) -> inOrderA.add(SampleScan.toSample(x, k, b, o, q)));
            BlockCodec.scanInOrder(x0, samples.size(), plain, p[0], p[1], (x, k, b, o, q) -> inOrderB.add(SampleScan.toSample(x, k, b, o, q)));
            List<Sample> expected = samples.stream().filter(s -> s.x() >= p[0] && s.x() <= p[1]).toList();
            assertThat(inOrderA).isEqualTo(expected).isEqualTo(inOrderB);
            List<Sample> scanA = new ArrayList<>();
            BlockCodec.scan(x0, samples.size(), withTable, p[0], p[1], (x, k, b, o, q) -> scanA.add(SampleScan.toSample(x, k, b, o, q)));
            assertThat(scanA).isEqualTo(expected);
        }
    }

    /**
     * A scan whose runs may be as long as it likes takes a clean block as one run of its whole
     * segments, never sample by sample; a period that cuts segments decodes only those.
     */
    @Test
    void aCleanBlockGoesAsItsSegmentSummaries() {
        List<Sample> samples = doubles(1_000);
        byte[] data = BlockCodec.encode(samples);
        List<long[]> runs = new ArrayList<>();
        SampleScan unbounded = runsEndingAt(runs, Long.MAX_VALUE);
        BlockCodec.scan(0, samples.size(), data, 0, Long.MAX_VALUE, unbounded);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsExactly(1_000, 0, 999 * 7);
        runs.clear();
        // From sample 100 to sample 899: the cut segments 1 and 14 decoded (100..127, 896..899), 2 to 13 as one run.
        BlockCodec.scan(0, samples.size(), data, 100 * 7, 899 * 7, unbounded);
        assertThat(runs).extracting(r -> r[0]).containsExactly(28L, 768L, 4L);
    }

    /** Runs that end at every 200th sample (bins): whole segments join only within a run, and every sample comes once. */
    @Test
    void joinedSegmentsNeverCrossTheEndOfARun() {
        List<Sample> samples = doubles(1_000);
        List<long[]> runs = new ArrayList<>();
        BlockCodec.scan(0, samples.size(), BlockCodec.encode(samples), 0, Long.MAX_VALUE, runsEndingAt(runs, 200 * 7));
        assertThat(runs.stream().mapToLong(r -> r[0]).sum()).isEqualTo(1_000);
        for (long[] r : runs) {
            assertThat(r[1] / (200 * 7)).as("run %s..%s", r[1], r[2]).isEqualTo(r[2] / (200 * 7));
        }
        assertThat(runs).hasSizeLessThan(15); // 5 bins: in each a joined run and the decoded parts of cut segments
    }

    /** Joined segments: an all-NaN segment gives no extreme, and of equal extremes the earliest stays. */
    @Test
    void joinedSegmentsSkipNaNAndKeepTheEarliestExtreme() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            double y = i < 64 || i >= 192 ? Double.NaN : i == 70 || i == 150 ? 1.0 : i == 80 || i == 140 ? 9.0 : 5.0;
            samples.add(Sample.of(7L * i, y));
        }
        double[] got = new double[5];
        BlockCodec.scan(0, samples.size(), BlockCodec.encode(samples), 0, Long.MAX_VALUE, new SampleScan() {
            @Override
            public void sample(long x, int kind, long bits, Object obj, long q) {
                throw new AssertionError("a clean block goes in runs");
            }

            @Override
            public long runEnd(long x) {
                return Long.MAX_VALUE;
            }

            @Override
            public void goodDoubles(int n, long firstX, long firstBits, long lastX, long lastBits, double min, long minX,
                                    double max, long maxX) {
                got[0] += n;
                got[1] = min;
                got[2] = minX;
                got[3] = max;
                got[4] = maxX;
            }
        });
        assertThat(got).containsExactly(256, 1.0, 70 * 7, 9.0, 80 * 7);
    }

    /** A scan that takes runs up to the next multiple of {@code every} and notes each as {n, first x, last x}. */
    private static SampleScan runsEndingAt(List<long[]> runs, long every) {
        return new SampleScan() {
            @Override
            public void sample(long x, int kind, long bits, Object obj, long q) {
                throw new AssertionError("a clean block goes in runs");
            }

            @Override
            public long runEnd(long x) {
                return every == Long.MAX_VALUE ? every : (x / every + 1) * every;
            }

            @Override
            public void goodDoubles(int n, long firstX, long firstBits, long lastX, long lastBits, double min, long minX,
                                    double max, long maxX) {
                runs.add(new long[] {n, firstX, lastX});
            }
        };
    }

    private static List<Sample> doubles(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sample.of(7L * i, Math.sin(i)));
        }
        return out;
    }
}
