package org.peresvet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure 2, history read: one DOUBLE tag with 1,000,000 stored samples, one per second (about 11.6
 * days, ending an hour ago), written through {@link Engine#write(List)} in batches of 10,000 and
 * flushed, so the blocks on disk are laid out exactly as the running engine lays them out.
 *
 * <p>Timed through {@link Engine#history}: the whole range capped by {@code maxCount 2000} (the
 * goal), then for information the whole range uncapped, a 2,000-point {@code timeStep} series over
 * the whole range, and the last 2,000 samples ({@code count} without start). Each answer is
 * checked, so a fast wrong answer cannot pass.
 */
public final class HistoryRead {
    static final int SAMPLES = 1_000_000;
    static final int BATCH = 10_000;
    static final int POINTS = 2_000;
    static final double GOAL_MS = 200;
    private static final long BUDGET_NANOS = 8_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Engine engine;
    private final UUID tag;
    private final long first;
    private final long last;

    private HistoryRead(Engine engine, UUID tag, long first) {
        this.engine = engine;
        this.tag = tag;
        this.first = first;
        this.last = first + (SAMPLES - 1) * Micros.PER_SECOND;
    }

    public static void main(String[] args) {
        Machine.printLoad();
        boolean ok;
        try (TempProject project = TempProject.create("peresvet-bench-history");
             Engine engine = Engine.open(project.dir(), EngineOptions.quiet())) {
            Watchdog.arm("history", 170, project::delete);
            UUID tag = TagFixture.createTags(engine, 1, 1).get(0);
            engine.start();
            long now = Micros.now();
            long first = (now - (SAMPLES + 3_600L) * Micros.PER_SECOND) / Micros.PER_SECOND * Micros.PER_SECOND;
            HistoryRead bench = new HistoryRead(engine, tag, first);
            bench.load();
            Report.detail("history file %s", Report.mb(project.historyFileBytes()));
            ok = bench.measure();
        }
        System.exit(ok ? 0 : 1);
    }

    private void load() {
        long t0 = System.nanoTime();
        for (int from = 0; from < SAMPLES; from += BATCH) {
            List<TagSample> batch = new ArrayList<>(BATCH);
            for (int i = from; i < from + BATCH; i++) {
                batch.add(new TagSample(tag, Sample.of(xOf(i), valueOf(i))));
            }
            engine.write(batch);
        }
        engine.flush();
        double s = (System.nanoTime() - t0) / 1e9;
        Report.detail("loaded %s samples of one tag through Engine.write (batches of %s) + flush in %.1f s (%s samples/s)",
                Report.count(SAMPLES), Report.count(BATCH), s, Report.count(Math.round(SAMPLES / s)));
    }

    private long xOf(int i) {
        return first + i * Micros.PER_SECOND;
    }

    /** A slow sine with a ramp: every value differs, like a real analog signal. */
    private static double valueOf(int i) {
        return 50 + 40 * Math.sin(i / 600.0) + i * 1e-5;
    }

    private boolean measure() {
        HistoryQuery capped = HistoryQuery.range(tag, first, last).withMaxCount(POINTS);
        Report.Latencies goal = time(capped, 10, 50, Long.MAX_VALUE,
                h -> h.data().size() == POINTS && h.excess() && h.data().get(0).x() == first
                        && h.data().get(POINTS - 1).x() == xOf(POINTS - 1));
        boolean pass = goal != null && goal.p99() < GOAL_MS;
        Report.summary("history: whole range of %s samples with maxCount %d: %s — goal < %.0f ms (p99): %s",
                Report.count(SAMPLES), POINTS, goal == null ? "WRONG ANSWER" : goal, GOAL_MS, Report.verdict(pass));

        Report.Latencies full = time(HistoryQuery.range(tag, first, last), 2, 10, BUDGET_NANOS,
                h -> h.data().size() == SAMPLES && !h.excess() && h.data().get(SAMPLES - 1).x() == last);
        info("history-full", "whole range, no maxCount (" + Report.count(SAMPLES) + " points)", full);

        long step = (last - first) / (POINTS - 1);
        Report.Latencies series = time(HistoryQuery.range(tag, first, last).withTimeStep(step), 1, 10, BUDGET_NANOS,
                h -> h.data().size() == POINTS && h.data().get(POINTS - 1).x() == last);
        info("history-timestep", "timeStep " + step / Micros.PER_SECOND + " s over the whole range (" + POINTS + " points)", series);

        Report.Latencies tail = time(HistoryQuery.current(tag).withCount(POINTS), 5, 20, BUDGET_NANOS,
                h -> h.data().size() == POINTS && h.data().get(POINTS - 1).x() == last
                        && h.data().get(0).x() == xOf(SAMPLES - POINTS));
        info("history-last", "count " + POINTS + " without start (the last " + POINTS + ")", tail);
        return goal != null && full != null && series != null && tail != null;
    }

    private static void info(String name, String what, Report.Latencies l) {
        Report.summary("%s: %s: %s — for information", name, what, l == null ? "WRONG ANSWER" : l);
    }

    /**
     * Runs the query {@code warmups} times untimed, then up to {@code runs} times timed (fewer if
     * the budget runs out, at least 3). Returns null when an answer fails the check.
     */
    private Report.Latencies time(HistoryQuery q, int warmups, int runs, long budgetNanos, Predicate<TagHistory> check) {
        for (int i = 0; i < warmups; i++) {
            if (!check.test(engine.history(q))) {
                Report.detail("wrong answer to %s", q);
                return null;
            }
        }
        List<Double> millis = new ArrayList<>();
        // For the slowest run: was the time spent computing, collecting garbage, or waiting for a core?
        double slowest = -1;
        long slowestCpuMicros = 0;
        long slowestGcMillis = 0;
        long started = System.nanoTime();
        while (millis.size() < runs && (millis.size() < 3 || System.nanoTime() - started < budgetNanos)) {
            long gc0 = Machine.gcMillis();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            TagHistory h = engine.history(q);
            double ms = (System.nanoTime() - t0) / 1e6;
            millis.add(ms);
            if (ms > slowest) {
                slowest = ms;
                slowestCpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1_000;
                slowestGcMillis = Machine.gcMillis() - gc0;
            }
            if (!check.test(h)) {
                Report.detail("wrong answer to %s", q);
                return null;
            }
        }
        Report.detail("slowest run %s: query thread CPU %s, GC pauses %d ms (the rest is waiting: I/O, locks, or a busy machine)",
                Report.ms(slowest), Report.ms(slowestCpuMicros / 1e3), slowestGcMillis);
        return Report.Latencies.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
