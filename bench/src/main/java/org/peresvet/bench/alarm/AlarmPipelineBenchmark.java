package org.peresvet.bench.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.EngineStatus;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.AlarmEvent;

/**
 * Figure: pipeline throughput with 10,000 alarm definitions stays ≥ 70 % of the run without alarms.
 *
 * <p>A pipeline driver in the manner of the Foundation pipeline benchmark: 10,000 DOUBLE tags,
 * rounds in which every tag gets one sample, batches of 1,000 through {@link Engine#write(List)},
 * history on, every measured window closed by {@link Engine#flush()} (samples on disk, and with
 * alarms every transition in the journal). The producer waits while more than
 * {@code bench.maxQueuedBatches} (default 64) batches are queued, so it measures the engine, not a
 * flooded heap. Runs alternate: without alarms, with alarms, {@code bench.repeats} times (default 3),
 * each on a fresh project; the medians are compared. On a shared machine wall-clock rates swing
 * with other load, so the process CPU time per million samples is printed too: its ratio is the
 * throughput ratio the alarms allow when the engine has the cores to itself.
 *
 * <p>Values: each tag follows a slow sine between 10 and 90 with its own phase; the Hi limits at 85
 * and Lo limits at 15 are crossed by a few tags every round, so alarms really activate, clear and
 * reach the journal while the pipeline runs. System properties: {@code bench.warmupSeconds} (3),
 * {@code bench.measureSeconds} (8), {@code bench.repeats} (3), {@code bench.maxQueuedBatches} (64),
 * {@code bench.only} ({@code with} or {@code without}: one kind of run, for profiling; no verdict).
 */
public final class AlarmPipelineBenchmark {
    static final int BATCH = 1_000;
    static final long ROUND_STEP = 10 * Micros.PER_MS;
    static final int PERIOD_ROUNDS = 600;
    static final double GOAL_RATIO = 0.70;

    private final int maxQueued = Integer.getInteger("bench.maxQueuedBatches", 64);
    private final Engine engine;
    private final List<UUID> tags;
    private final long firstX = Micros.now() - 3_600 * Micros.PER_SECOND;
    private long rounds;

    private AlarmPipelineBenchmark(Engine engine, List<UUID> tags) {
        this.engine = engine;
        this.tags = tags;
    }

    /** @param cpuPerMillion process CPU seconds per million samples in the measured window */
    record Result(boolean alarms, double samplesPerSecond, long samples, double seconds, long events, long journalRows,
                  int activeAtEnd, double cpuPerMillion) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Result median(List<Result> rs) {
        List<Result> sorted = new ArrayList<>(rs);
        sorted.sort(java.util.Comparator.comparingDouble(Result::samplesPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static double medianCpu(List<Result> rs) {
        double[] c = rs.stream().mapToDouble(Result::cpuPerMillion).sorted().toArray();
        return c[c.length / 2];
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmupSeconds", 3);
        int measure = Integer.getInteger("bench.measureSeconds", 8);
        int repeats = Integer.getInteger("bench.repeats", 3);
        System.out.printf("machine: %d cores, max heap %d MB, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Result> without = new ArrayList<>();
        List<Result> with = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            String only = System.getProperty("bench.only", "");
            for (boolean withAlarms : new boolean[] {false, true}) {
                if (only.equals(withAlarms ? "without" : "with")) {
                    continue;
                }
                Result res = run(withAlarms, warmup, measure);
                System.out.printf("  run %d %-15s %,10.0f samples/s (%,d samples in %.2f s, %.2f CPU-s per million samples)%s%n", r + 1,
                        withAlarms ? "with alarms:" : "without alarms:", res.samplesPerSecond(), res.samples(), res.seconds(),
                        res.cpuPerMillion(),
                        withAlarms ? String.format(", %,d alarm events, %,d journal rows, %,d alarms not normal at the end",
                                res.events(), res.journalRows(), res.activeAtEnd()) : "");
                (withAlarms ? with : without).add(res);
            }
        }
        if (with.isEmpty() || without.isEmpty()) {
            System.out.println("alarm-pipeline: one kind of run only (bench.only): no verdict");
            System.exit(0);
        }
        Result mWith = median(with);
        Result mWithout = median(without);
        double ratio = mWith.samplesPerSecond() / mWithout.samplesPerSecond();
        double cpuRatio = medianCpu(without) / medianCpu(with);
        long events = with.stream().mapToLong(Result::events).min().orElse(0);
        boolean pass = ratio >= GOAL_RATIO && events > 0;
        System.out.printf("  CPU cost per million samples (median): %.2f s without alarms, %.2f s with alarms: the alarms'"
                + " share of the work allows %.0f %% of the throughput on an idle machine%n", medianCpu(without), medianCpu(with), cpuRatio * 100);
        System.out.printf("alarm-pipeline: 10,000 tags, 10,000 alarm definitions: median %,.0f samples/s with alarms vs %,.0f without"
                        + " = %.0f %% (goal ≥ %.0f %%; by CPU cost %.0f %%), alarm events journaled in every run: %s%n",
                mWith.samplesPerSecond(), mWithout.samplesPerSecond(), ratio * 100, GOAL_RATIO * 100, cpuRatio * 100,
                pass ? "PASS" : "FAIL");
        System.exit(pass ? 0 : 1);
    }

    private static Result run(boolean withAlarms, int warmup, int measure) throws Exception {
        try (BenchProject project = new BenchProject("peresvet-bench-alarms");
             Engine engine = Engine.open(project.dir, EngineOptions.quiet())) {
            List<UUID> tags = BenchProject.createTags(engine);
            if (withAlarms) {
                BenchProject.defineAlarms(engine, BenchProject.alarmsFor(tags, 85, 15));
            }
            LongAdder events = new LongAdder();
            engine.events().subscribe(AlarmEvent.class, e -> events.increment());
            engine.start();
            AlarmPipelineBenchmark b = new AlarmPipelineBenchmark(engine, tags);
            b.writeFor(warmup * 1_000_000_000L);
            engine.flush();
            long eventsAtStart = events.sum();
            long samplesAtStart = b.rounds * tags.size();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            b.writeFor(measure * 1_000_000_000L);
            engine.flush();
            long t1 = System.nanoTime();
            long cpu = processCpuNanos() - cpu0;
            long samples = b.rounds * tags.size() - samplesAtStart;
            double seconds = (t1 - t0) / 1e9;
            EngineStatus st = engine.status();
            if (st.samplesAccepted() < b.rounds * tags.size()) {
                throw new IllegalStateException("the engine accepted " + st.samplesAccepted() + " of " + b.rounds * tags.size());
            }
            long rows = withAlarms ? engine.alarms().journal(AlarmJournalQuery.all().limit(Integer.MAX_VALUE)).size() : 0;
            return new Result(withAlarms, samples / seconds, samples, seconds, events.sum() - eventsAtStart, rows,
                    engine.alarms().active().size(), cpu / 1e9 / (samples / 1e6));
        }
    }

    private void writeFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            writeRound(rounds++);
        }
    }

    private void writeRound(long round) {
        long x = firstX + round * ROUND_STEP;
        List<TagSample> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < tags.size(); i++) {
            double phase = 2 * Math.PI * ((round + (long) i * 7) % PERIOD_ROUNDS) / PERIOD_ROUNDS;
            batch.add(new TagSample(tags.get(i), Sample.of(x, 50 + 40 * Math.sin(phase))));
            if (batch.size() == BATCH) {
                while (engine.status().queueDepth() > maxQueued) {
                    LockSupport.parkNanos(100_000);
                }
                engine.write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            engine.write(batch);
        }
    }
}
