package org.peresvet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.Bin;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Issue 16, the decimated history query: one DOUBLE tag with 1,000,000 stored samples (one per
 * second, written through the engine in batches of 10,000 and flushed, as the running engine lays
 * them out), the whole range into 2,000 bins through {@code history().bins}. Goal: p99 < 50 ms.
 * Each answer is checked (2,000 bins, every sample counted once), so a fast wrong answer fails.
 */
public final class TrendBinsBench {
    static final int SAMPLES = 1_000_000;
    static final int BATCH = 10_000;
    static final int BINS = 2_000;
    static final double GOAL_MS = 50;

    private TrendBinsBench() {
    }

    public static void main(String[] args) {
        Machine.printLoad();
        boolean ok;
        try (TempProject project = TempProject.create("peresvet-bench-trend-bins");
             Engine engine = Engine.open(project.dir(), EngineOptions.quiet())) {
            Watchdog.arm("trend-bins", 170, project::delete);
            UUID tag = TagFixture.createTags(engine, 1, 1).get(0);
            engine.start();
            long first = (Micros.now() - (SAMPLES + 3_600L) * Micros.PER_SECOND) / Micros.PER_SECOND * Micros.PER_SECOND;
            long t0 = System.nanoTime();
            for (int from = 0; from < SAMPLES; from += BATCH) {
                List<TagSample> batch = new ArrayList<>(BATCH);
                for (int i = from; i < from + BATCH; i++) {
                    batch.add(new TagSample(tag, Sample.of(first + i * Micros.PER_SECOND, 50 + 40 * Math.sin(i / 600.0) + i * 1e-5)));
                }
                engine.write(batch);
            }
            engine.flush();
            // The load's objects (a million samples written a moment ago, still young) are the bench's, not the query's:
            // collected now, so that young collections during the timed runs copy only what the queries leave.
            System.gc();
            Report.detail("loaded %s samples in %.1f s; history file %s", Report.count(SAMPLES), (System.nanoTime() - t0) / 1e9,
                    Report.mb(project.historyFileBytes()));
            long last = first + (SAMPLES - 1) * Micros.PER_SECOND;
            BinQuery q = new BinQuery(tag, first, last, BINS);
            for (int i = 0; i < 10; i++) {
                if (!right(engine.history().bins(q))) {
                    Report.summary("trend bins: WRONG ANSWER");
                    System.exit(1);
                }
            }
            double[] ms = new double[50];
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime();
                BinnedHistory h = engine.history().bins(q);
                ms[i] = (System.nanoTime() - s) / 1e6;
                if (!right(h)) {
                    Report.summary("trend bins: WRONG ANSWER");
                    System.exit(1);
                }
            }
            Report.Latencies l = Report.Latencies.of(ms);
            ok = l.p99() < GOAL_MS;
            Report.Latencies trend = trendGrid(engine, tag, first, last);
            ok &= trend != null;
            Report.summary("trend bins: %s samples into %d bins from H2: %s — goal < %.0f ms (p99): %s; "
                    + "as a 1,600 px trend asks (bins of 805 s on their grid, read from the cell summaries): %s",
                    Report.count(SAMPLES), BINS, l, GOAL_MS, Report.verdict(ok), trend == null ? "WRONG ANSWER" : trend);
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * The whole range as the trend asks for it at 1,600 px: bins of 1.5 * 2^29 µs (805 s) aligned
     * to their width, which are whole cells of the history's summaries. Null on a wrong answer.
     */
    private static Report.Latencies trendGrid(Engine engine, UUID tag, long first, long last) {
        long width = 805_306_368L;
        long a = Math.floorDiv(first, width) * width;
        long b = Math.floorDiv(last, width) * width + width - 1;
        BinQuery q = new BinQuery(tag, a, b, (int) ((b - a + 1) / width));
        double[] ms = new double[60];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            BinnedHistory h = engine.history().bins(q);
            ms[i] = (System.nanoTime() - s) / 1e6;
            if (h.raw() || h.bins().stream().mapToLong(Bin::count).sum() != SAMPLES) {
                return null;
            }
        }
        return Report.Latencies.of(Arrays.copyOfRange(ms, 10, ms.length)); // after 10 to warm up, as the figure above
    }

    private static boolean right(BinnedHistory h) {
        return !h.raw() && h.bins().size() == BINS && h.bins().stream().mapToLong(Bin::count).sum() == SAMPLES;
    }
}
