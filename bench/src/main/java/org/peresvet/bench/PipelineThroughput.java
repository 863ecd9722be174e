package org.peresvet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.EngineStatus;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure 1, pipeline throughput: samples written through {@link Engine#write(List)} into a
 * 10,000-tag project until they are in the history file. Run with {@code -Xmx512m}.
 *
 * <p>One producer thread writes rounds: in each round every tag gets one sample, in batches of
 * 1,000, with the round's timestamp and a value that changes every round. The measured window
 * ends only after {@link Engine#flush()}, so the rate counts samples on disk, not samples queued.
 *
 * <p>System properties: {@code bench.warmupSeconds} (default 3), {@code bench.measureSeconds} (10),
 * {@code bench.maxQueuedBatches} (default 0: the producer writes as fast as {@code write} lets it;
 * N: it waits while more than N batches are queued, like a source that does not run ahead of the
 * engine — a diagnostic to tell the pipeline's speed from the cost of a flooded heap).
 */
public final class PipelineThroughput {
    static final int OBJECTS = 100;
    static final int TAGS_PER_OBJECT = 100;
    static final int BATCH = 1_000;
    static final long GOAL_SAMPLES_PER_SECOND = 300_000;
    static final long HEAP_LIMIT_MB = 512;
    /** Time between rounds: 10 ms, i.e. every tag sampled at 100 Hz, like a busy plant. */
    static final long ROUND_STEP = 10 * Micros.PER_MS;

    private final List<UUID> tags;
    private final Engine engine;
    private final int maxQueuedBatches = Integer.getInteger("bench.maxQueuedBatches", 0);
    /** Timestamps start an hour ago, so every sample is at or before "now" and becomes current. */
    private final long firstX = Micros.now() - 3_600 * Micros.PER_SECOND;
    private long rounds;

    private PipelineThroughput(Engine engine, List<UUID> tags) {
        this.engine = engine;
        this.tags = tags;
    }

    public static void main(String[] args) {
        int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 3);
        int measureSeconds = Integer.getInteger("bench.measureSeconds", 10);
        boolean ok;
        try (TempProject project = TempProject.create("peresvet-bench-pipeline")) {
            Watchdog.arm(figureName(), 150, project::delete);
            ok = run(project, warmupSeconds, measureSeconds);
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean run(TempProject project, int warmupSeconds, int measureSeconds) {
        Machine.printLoad();
        boolean ok;
        try (Engine engine = Engine.open(project.dir(), EngineOptions.quiet())) {
            long t0 = System.nanoTime();
            List<UUID> tags = TagFixture.createTags(engine, OBJECTS, TAGS_PER_OBJECT);
            Report.detail("model: %s tags in %d objects created in %s", Report.count(tags.size()), OBJECTS,
                    Report.ms((System.nanoTime() - t0) / 1e6));
            engine.start();
            ok = new PipelineThroughput(engine, tags).measure(project, warmupSeconds, measureSeconds);
        }
        // H2 may compact the file on close; next to the size before closing, this tells unused file space from data.
        Report.detail("history file after close: %s", Report.mb(project.historyFileBytes()));
        return ok;
    }

    private boolean measure(TempProject project, int warmupSeconds, int measureSeconds) {
        // Warm-up: JIT, H2 page cache, history writer thread; ends with a flush so the window starts clean.
        writeFor(warmupSeconds * 1_000_000_000L);
        engine.flush();
        long warmupRounds = rounds;

        long samplesAtStart = rounds * tags.size();
        long cpuAtStart = Machine.processCpuNanos();
        long gcAtStart = Machine.gcMillis();
        long start;
        long producerDone;
        long end;
        long cpuUsed;
        long gcUsed;
        long peakUsed;
        long peakAfterGc;
        long peakLive;
        long fullGcs;
        try (HeapPeak heap = new HeapPeak()) {
            start = System.nanoTime();
            writeFor(measureSeconds * 1_000_000_000L);
            producerDone = System.nanoTime();
            engine.flush();
            end = System.nanoTime();
            cpuUsed = Machine.processCpuNanos() - cpuAtStart;
            gcUsed = Machine.gcMillis() - gcAtStart;
            peakUsed = heap.peakUsedBytes();
            peakAfterGc = heap.peakAfterGcBytes();
            peakLive = heap.peakAfterFullGcBytes();
            fullGcs = heap.fullGcs();
        }
        long samples = rounds * tags.size() - samplesAtStart;
        double seconds = (end - start) / 1e9;
        double rate = samples / seconds;

        EngineStatus st = settledStatus(rounds * tags.size());
        if (maxQueuedBatches > 0) {
            Report.detail("paced producer: waits while more than %d batches are queued", maxQueuedBatches);
        }
        Report.detail("warm-up: %d s, %s samples; measured: %s samples (%d rounds of %s tags, batches of %s)",
                warmupSeconds, Report.count(warmupRounds * tags.size()), Report.count(samples),
                rounds - warmupRounds, Report.count(tags.size()), Report.count(BATCH));
        Report.detail("producer wrote for %.2f s; the final flush took %s more (engine lag behind the producer)",
                (producerDone - start) / 1e9, Report.ms((end - producerDone) / 1e6));
        Report.detail("process CPU in the window: %.1f s (%.2f cores busy on average), %.2f CPU-s per million samples",
                cpuUsed / 1e9, cpuUsed / 1e9 / seconds, cpuUsed / 1e9 / (samples / 1e6));
        Report.detail("garbage collection in the window: %.1f s (%.0f%% of the window)", gcUsed / 1e3,
                100.0 * gcUsed / 1e3 / seconds);
        Report.detail("engine status: received %s, accepted %s, written to history %s, still buffered %d",
                Report.count(st.samplesReceived()), Report.count(st.samplesAccepted()),
                Report.count(st.historyWritten()), st.historyBuffered());
        Report.detail("heap: peak used %s, peak after a collection %s, %d full collections%s, max %s; history file %s",
                Report.mb(peakUsed), Report.mb(peakAfterGc), fullGcs,
                fullGcs > 0 ? " (live data after them up to " + Report.mb(peakLive) + ")" : "",
                Report.mb(HeapPeak.maxHeapBytes()), Report.mb(project.historyFileBytes()));

        boolean verified = verify(st);
        boolean fast = rate >= GOAL_SAMPLES_PER_SECOND;
        // Used heap cannot pass -Xmx; what tells a load that does not fit is the heap running full.
        String heapVerdict = peakUsed > HEAP_LIMIT_MB << 20 ? "FAIL"
                : fullGcs > 0 ? "AT LIMIT (" + fullGcs + " full GCs: the heap ran full)" : "PASS";
        Report.summary("%s: %s samples/s sustained over %.1f s, peak heap %s (limit %d MB), history check %s"
                        + " — goal ≥ %s samples/s: %s, heap ≤ %d MB: %s",
                figureName(), Report.count(Math.round(rate)), seconds, Report.mb(peakUsed), HEAP_LIMIT_MB,
                verified ? "OK" : "FAILED", Report.count(GOAL_SAMPLES_PER_SECOND), Report.verdict(fast && verified),
                HEAP_LIMIT_MB, heapVerdict);
        return verified;
    }

    /** The paced run is a diagnostic, so its summary line must not pass for the figure itself. */
    private static String figureName() {
        return Integer.getInteger("bench.maxQueuedBatches", 0) > 0 ? "pipeline-paced" : "pipeline";
    }

    /** Writes whole rounds until the duration has passed. */
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
            batch.add(new TagSample(tags.get(i), Sample.of(x, valueOf(round, i))));
            if (batch.size() == BATCH) {
                awaitQueueRoom();
                engine.write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            engine.write(batch);
        }
    }

    private void awaitQueueRoom() {
        // status() takes the history writer's lock, so poll gently rather than spin.
        while (maxQueuedBatches > 0 && engine.status().queueDepth() > maxQueuedBatches) {
            LockSupport.parkNanos(200_000);
        }
    }

    /** Different for every round and tag, so a deadband would keep it too. */
    private static double valueOf(long round, int tag) {
        return round + tag / 100_000.0;
    }

    /**
     * The engine status once the history writer's "written" counter has caught up. The writer bumps
     * it just after it wakes {@code flush()} callers, so right after a flush it may still lag; give
     * it a second before taking the status (verify() then calls a remaining gap a loss).
     */
    private EngineStatus settledStatus(long expected) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        EngineStatus st = engine.status();
        while (st.historyWritten() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
            st = engine.status();
        }
        return st;
    }

    /**
     * A benchmark that lost data would be meaningless: every sample written must be accepted and
     * written to history, and a few tags must hold exactly one stored sample per round.
     */
    private boolean verify(EngineStatus st) {
        long expected = rounds * tags.size();
        boolean ok = st.samplesAccepted() == expected && st.historyBuffered() == 0 && st.historyWritten() == expected;
        long lastX = firstX + (rounds - 1) * ROUND_STEP;
        for (int i : new int[] {0, tags.size() / 2, tags.size() - 1}) {
            UUID tag = tags.get(i);
            List<Sample> stored = engine.history(HistoryQuery.range(tag, firstX, lastX).withActual(true)).data();
            Sample last = stored.isEmpty() ? null : stored.get(stored.size() - 1);
            boolean tagOk = stored.size() == rounds && last.x() == lastX && last.y().equals(valueOf(rounds - 1, i))
                    && last.equals(engine.current(tag));
            Report.detail("history of tag #%d: %s stored samples, expected %s, last one %s: %s", i,
                    Report.count(stored.size()), Report.count(rounds), last, tagOk ? "OK" : "MISMATCH");
            ok &= tagOk;
        }
        return ok;
    }
}
