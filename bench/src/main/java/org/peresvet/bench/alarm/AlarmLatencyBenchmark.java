package org.peresvet.bench.alarm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.AlarmEvent;

/**
 * Figure: from a sample entering the engine ({@link Engine#write(List)}) to its alarm event on the
 * bus, under a load of 100,000 samples/s: latency &lt; 10 ms (criterion: the 99th percentile; the
 * maximum is printed too).
 *
 * <p>10,000 DOUBLE tags with a Hi alarm each (limit 50), history on. A paced producer writes a batch
 * of 1,000 samples every 10 ms, values normally below the limit. One sample in 100 is a probe: it
 * sets a tag above the limit with a value that encodes the probe's number; the time just before the
 * write call is recorded, and a bus subscriber takes the time it receives the ACTIVATED event.
 * The next round brings the tag back below the limit. System properties: {@code bench.rate}
 * (100000), {@code bench.warmupSeconds} (3), {@code bench.measureSeconds} (10).
 */
public final class AlarmLatencyBenchmark {
    static final int BATCH = 1_000;
    static final int PROBE_EVERY = 100;
    static final double LIMIT = 50;
    static final double PROBE_BASE = 1_000_000;
    static final long GOAL_NANOS = 10_000_000;

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 100_000);
        int warmup = Integer.getInteger("bench.warmupSeconds", 3);
        int measure = Integer.getInteger("bench.measureSeconds", 10);
        System.out.printf("machine: %d cores, max heap %d MB, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int totalProbes = (warmup + measure) * rate / PROBE_EVERY + 1_000;
        long[] sent = new long[totalProbes];
        long[] received = new long[totalProbes];
        long[] sentWall = new long[totalProbes];
        long[] evaluatedWall = new long[totalProbes];
        long[] receivedWall = new long[totalProbes];
        boolean pass;
        try (BenchProject project = new BenchProject("peresvet-bench-alarm-latency");
             Engine engine = Engine.open(project.dir, EngineOptions.quiet())) {
            List<UUID> tags = BenchProject.createTags(engine);
            List<AlarmDef> alarms = new ArrayList<>();
            tags.forEach(t -> alarms.add(AlarmDef.builder(t, AlarmKind.HI).limit(LIMIT).build()));
            BenchProject.defineAlarms(engine, alarms);
            java.util.Map<AlarmTransition, java.util.concurrent.atomic.LongAdder> byTransition = new java.util.concurrent.ConcurrentHashMap<>();
            engine.events().subscribe(AlarmEvent.class, e -> {
                long now = System.nanoTime();
                byTransition.computeIfAbsent(e.transition(), k -> new java.util.concurrent.atomic.LongAdder()).increment();
                if (e.transition() == AlarmTransition.ACTIVATED && e.value() instanceof Double d && d >= PROBE_BASE) {
                    int p = (int) (d - PROBE_BASE);
                    receivedWall[p] = Micros.now();
                    evaluatedWall[p] = e.time();
                    received[p] = now;
                }
            });
            engine.start();

            long batchInterval = 1_000_000_000L * BATCH / rate;
            int batchesPerSecond = rate / BATCH;
            int warmupBatches = warmup * batchesPerSecond;
            int totalBatches = (warmup + measure) * batchesPerSecond;
            int probe = 0;
            int firstMeasuredProbe = -1;
            int tagCursor = 0;
            UUID[] raised = new UUID[BATCH / PROBE_EVERY];
            long start = System.nanoTime();
            long late = 0;
            for (int b = 0; b < totalBatches; b++) {
                long due = start + b * batchInterval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -batchInterval) {
                    late++;
                }
                if (b == warmupBatches) {
                    firstMeasuredProbe = probe;
                }
                long x = Micros.now();
                List<TagSample> batch = new ArrayList<>(BATCH);
                // bring last batch's probes back below the limit
                for (UUID t : raised) {
                    if (t != null) {
                        batch.add(new TagSample(t, Sample.of(x, 10.0)));
                    }
                }
                int probesHere = 0;
                while (batch.size() < BATCH) {
                    UUID t = tags.get(tagCursor);
                    tagCursor = (tagCursor + 1) % tags.size();
                    if (batch.size() % PROBE_EVERY == PROBE_EVERY - 1 && probesHere < raised.length && probe < sent.length) {
                        raised[probesHere++] = t;
                        batch.add(new TagSample(t, Sample.of(x, PROBE_BASE + probe)));
                        probe++;
                    } else {
                        batch.add(new TagSample(t, Sample.of(x, (double) (b % 40))));
                    }
                }
                int from = probe - probesHere;
                long now = System.nanoTime();
                long wall = Micros.now();
                for (int p = from; p < probe; p++) {
                    sent[p] = now;
                    sentWall[p] = wall;
                }
                engine.write(batch);
            }
            long elapsed = System.nanoTime() - start;
            engine.flush();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (received[probe - 1] == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            int n = probe - firstMeasuredProbe;
            long[] lat = new long[n];
            int missing = 0;
            for (int p = firstMeasuredProbe; p < probe; p++) {
                if (received[p] == 0) {
                    missing++;
                    lat[p - firstMeasuredProbe] = Long.MAX_VALUE;
                } else {
                    lat[p - firstMeasuredProbe] = received[p] - sent[p];
                }
            }
            long[] toStage = new long[n - missing];
            long[] toBus = new long[n - missing];
            for (int p = firstMeasuredProbe, k = 0; p < probe; p++) {
                if (received[p] != 0) {
                    toStage[k] = evaluatedWall[p] - sentWall[p];
                    toBus[k++] = receivedWall[p] - evaluatedWall[p];
                }
            }
            if (Boolean.getBoolean("bench.trace")) {
                for (int p = firstMeasuredProbe; p < probe; p += Math.max(1, n / 40)) {
                    System.out.printf("  probe %6d: sent %d, evaluated %+.2f ms, received %+.2f ms%n", p, sentWall[p],
                            (evaluatedWall[p] - sentWall[p]) / 1e3, (receivedWall[p] - sentWall[p]) / 1e3);
                }
            }
            Arrays.sort(toStage);
            Arrays.sort(toBus);
            Arrays.sort(lat);
            double achieved = (double) totalBatches * BATCH / (elapsed / 1e9);
            long p50 = lat[n / 2];
            long p99 = lat[(int) (n * 0.99)];
            long p999 = lat[(int) (n * 0.999)];
            long max = lat[n - 1];
            pass = missing == 0 && p99 < GOAL_NANOS;
            System.out.printf("  offered %,d samples/s, achieved %,.0f samples/s over %.1f s (%d batches more than one interval late)%n",
                    rate, achieved, elapsed / 1e9, late);
            System.out.printf("  %,d probes measured, %d missing; latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %s%n",
                    n, missing, p50 / 1e6, p99 / 1e6, p999 / 1e6, max == Long.MAX_VALUE ? "missing" : String.format("%.2f ms", max / 1e6));
            System.out.printf("  events on the bus: %s; load average now %.2f%n", byTransition,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (toStage.length > 0) {
                System.out.printf("  breakdown (wall clock, µs resolution): write → alarm stage p50 %.2f / p99 %.2f / max %.2f ms;"
                                + " stage → bus subscriber p50 %.2f / p99 %.2f / max %.2f ms%n",
                        toStage[toStage.length / 2] / 1e3, toStage[(int) (toStage.length * 0.99)] / 1e3, toStage[toStage.length - 1] / 1e3,
                        toBus[toBus.length / 2] / 1e3, toBus[(int) (toBus.length * 0.99)] / 1e3, toBus[toBus.length - 1] / 1e3);
            }
            System.out.printf("alarm-latency: sample to alarm event on the bus at %,.0f samples/s with 10,000 alarms: p50 %.2f ms,"
                            + " p99 %.2f ms, max %s (goal p99 < 10 ms): %s%n", achieved, p50 / 1e6, p99 / 1e6,
                    max == Long.MAX_VALUE ? "missing" : String.format("%.2f ms", max / 1e6), pass ? "PASS" : "FAIL");
        }
        System.exit(pass ? 0 : 1);
    }
}
