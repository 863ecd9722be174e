package org.peresvet.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.peresvet.export.internal.BatchEncoder;
import org.peresvet.export.internal.Batcher;
import org.peresvet.export.internal.DiskQueue;
import org.peresvet.export.internal.Sender;
import org.peresvet.export.internal.VmClient;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VictoriaMetrics export of one engine: every accepted int, double and bool sample goes,
 * batched, through a durable queue per target to that target's server (see docs/export.md).
 *
 * <p>The engine facade starts them from the project's {@code export.json} when it starts
 * ({@code Engine.telemetry().attachExporters}) and closes them after its last sample.
 */
public final class Exporters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Exporters.class);
    /** The folder of the queues inside the project folder; one sub-folder per target. */
    public static final String QUEUE_FOLDER = "export-queue";
    static final long DEFAULT_SETTLE_MILLIS = 2_000;

    private final ExportConfig config;
    private final Batcher batcher;
    private final List<Sender> senders;
    private final VictoriaHistory history;
    private boolean closed;

    private Exporters(ExportConfig config, Batcher batcher, List<Sender> senders, VictoriaHistory history) {
        this.config = config;
        this.batcher = batcher;
        this.senders = senders;
        this.history = history;
    }

    /**
     * Starts exporters; feed {@link #sink()} with accepted samples (the engine facade does).
     *
     * @param queueDir the folder holding one queue folder per target
     * @param model    the current model: names the series of each tag
     */
    public static Exporters start(ExportConfig config, Path queueDir, Supplier<ModelSnapshot> model) {
        return start(config, queueDir, model, DEFAULT_SETTLE_MILLIS, true);
    }

    /**
     * @param settleMillis how long a batch of unknown fate rests before it is read back
     * @param fsync        force queue writes to the disk (off only for benchmarks of the network path)
     */
    public static Exporters start(ExportConfig config, Path queueDir, Supplier<ModelSnapshot> model,
                                  long settleMillis, boolean fsync) {
        List<Batcher.Output> outputs = new ArrayList<>();
        List<Sender> senders = new ArrayList<>();
        List<DiskQueue> opened = new ArrayList<>();
        try {
            for (ExportConfig.Target t : config.enabledTargets()) {
                DiskQueue q = DiskQueue.open(queueDir.resolve(t.name()), t.queueMaxBytes(), fsync);
                opened.add(q);
                Sender s = new Sender(t, q, new VmClient(t), settleMillis);
                senders.add(s);
                outputs.add(new Batcher.Output(new BatchEncoder(t.labels()), q, s));
            }
        } catch (RuntimeException e) {
            opened.forEach(DiskQueue::close);
            throw e;
        }
        senders.forEach(Sender::start);
        Batcher batcher = new Batcher(config.batchMaxSamples(), config.batchMaxAgeMillis(), model, outputs).start();
        ExportConfig.Target ht = config.historyTarget();
        VictoriaHistory history = ht == null ? null : new VictoriaHistory(ht);
        if (!senders.isEmpty()) {
            LOG.info("Exporting to {}", senders.stream().map(s -> s.target().name() + " (" + s.target().displayUrl() + ")").toList());
        }
        return new Exporters(config, batcher, senders, history);
    }

    /** The consumer of accepted samples; never blocks. */
    public SampleSink sink() {
        return batcher;
    }

    /**
     * Exports an alarm transition as points of {@code peresvet_alarm_active} and
     * {@code peresvet_alarm_unacknowledged} (see {@link SeriesNaming}), so Grafana can show alarm
     * states next to the values. Any thread; never blocks. The engine subscribes it to its bus.
     */
    public void alarm(AlarmEvent e) {
        Map<String, String> labels = SeriesNaming.alarmLabels(e.alarmId(), e.alarmPath(), e.objectPath(), e.tagId(),
                e.priority().label());
        long ms = Math.floorDiv(e.time(), 1000L);
        batcher.point(new BatchEncoder.Point(SeriesNaming.ALARM_ACTIVE_METRIC, labels, e.status().active() ? 1 : 0, ms));
        batcher.point(new BatchEncoder.Point(SeriesNaming.ALARM_UNACKED_METRIC, labels, e.status().acknowledged() ? 0 : 1, ms));
    }

    /** The history reader of the configured history target, or null. */
    public VictoriaHistory history() {
        return history;
    }

    public ExportConfig config() {
        return config;
    }

    public ExportStatus status() {
        List<ExportStatus.Target> out = new ArrayList<>();
        for (ExportConfig.Target t : config.targets()) {
            Sender s = senders.stream().filter(x -> x.target().name().equals(t.name())).findFirst().orElse(null);
            out.add(s != null ? s.status()
                    : new ExportStatus.Target(t.name(), t.displayUrl(), false, false, 0, 0, 0, 0, t.queueMaxBytes(), 0,
                    false, null, null, 0, 0, 0, 0, 0));
        }
        return new ExportStatus(out, batcher.buffered(), batcher.lastError());
    }

    /** Batches everything handed over so far into the queues; returns when it is on disk. */
    public void flush() {
        batcher.flush();
    }

    /**
     * Flushes, then waits until every target's server accepted everything queued.
     *
     * @return false when the time ran out first
     */
    public boolean awaitDrained(Duration timeout) {
        flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (senders.stream().allMatch(Sender::drained)) {
                return true;
            }
            sleep(20);
        }
        return senders.stream().allMatch(Sender::drained);
    }

    /**
     * Flushes, then waits until every queue is empty: all samples accepted and confirmed.
     *
     * @return false when the time ran out first
     */
    public boolean awaitConfirmed(Duration timeout) {
        flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (senders.stream().allMatch(s -> s.queue().records() == 0)) {
                return true;
            }
            sleep(50);
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names of the exporter threads (for CPU accounting in benchmarks). */
    public static boolean isExporterThread(String threadName) {
        return threadName.startsWith("peresvet-export-") || threadName.startsWith("OkHttp");
    }

    /**
     * Queues what was accepted, stops the senders and closes the queues. Batches not yet sent stay
     * on disk and are sent after the next start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        batcher.close();
        for (Sender s : senders) {
            s.close();
            s.queue().close();
        }
        if (history != null) {
            history.close();
        }
    }
}
