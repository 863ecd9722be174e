package org.peresvet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Diagnostic for the ingest figure without MQTT: 10,000 tags written round robin through
 * {@link Engine#write(List)} in small batches at a paced rate (default 50,000 samples/s), so each
 * tag gets only a few samples per history flush — the history writer's sparse case. Prints the
 * rate reached and the CPU the history writer thread spent per sample.
 *
 * <p>System properties: {@code bench.rate} (50000), {@code bench.seconds} (10), {@code bench.batch} (100).
 */
public final class SparseHistoryIngest {
    public static void main(String[] args) {
        int rate = Integer.getInteger("bench.rate", 50_000);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int batchSize = Integer.getInteger("bench.batch", 100);
        boolean ok;
        try (TempProject project = TempProject.create("peresvet-bench-sparse")) {
            Watchdog.arm("sparse-history", 120, project::delete);
            Machine.printLoad();
            try (Engine engine = Engine.open(project.dir(), EngineOptions.quiet())) {
                List<UUID> tags = TagFixture.createTags(engine, 100, 100);
                engine.start();
                run(engine, tags, 3, rate, batchSize); // warm-up
                engine.flush();
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                long writerCpu0 = writerCpu(mx);
                long cpu0 = Machine.processCpuNanos();
                long t0 = System.nanoTime();
                long sent = run(engine, tags, seconds, rate, batchSize);
                engine.flush();
                double wall = (System.nanoTime() - t0) / 1e9;
                long writerCpu = writerCpu(mx) - writerCpu0;
                long cpu = Machine.processCpuNanos() - cpu0;
                double achieved = sent / wall;
                Report.detail("history writer CPU: %.2f s (%.1f µs per sample); process CPU %.2f s (%.1f µs per sample)",
                        writerCpu / 1e9, writerCpu / 1e3 / sent, cpu / 1e9, cpu / 1e3 / sent);
                ok = achieved >= rate * 0.98;
                Report.summary("sparse-history: %s samples/s into 10,000 tags (paced at %s/s, batches of %d) — %s",
                        Report.count(Math.round(achieved)), Report.count(rate), batchSize, Report.verdict(ok));
            }
            Machine.printLoad();
        }
        System.exit(ok ? 0 : 1);
    }

    private static long seq;

    /** Writes round robin at the given rate for the given time; returns the samples written. */
    private static long run(Engine engine, List<UUID> tags, int seconds, int rate, int batchSize) {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            if (sent >= due) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            List<TagSample> batch = new ArrayList<>(batchSize);
            long x = Micros.now();
            for (int i = 0; i < batchSize; i++) {
                long n = seq++;
                batch.add(new TagSample(tags.get((int) (n % tags.size())), Sample.of(x, (double) n)));
            }
            engine.write(batch);
            sent += batchSize;
        }
        return sent;
    }

    private static long writerCpu(ThreadMXBean mx) {
        for (ThreadInfo ti : mx.dumpAllThreads(false, false)) {
            if (ti.getThreadName().equals("peresvet-history-writer")) {
                return mx.getThreadCpuTime(ti.getThreadId());
            }
        }
        return 0;
    }
}
