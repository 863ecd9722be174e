package org.peresvet.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.peresvet.engine.Engine;
import org.peresvet.export.internal.BatchEncoder;
import org.peresvet.export.internal.Batcher;
import org.peresvet.export.internal.DiskQueue;
import org.peresvet.export.internal.Sender;
import org.peresvet.export.internal.VmClient;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.runtime.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VictoriaMetrics export of one engine: every accepted int, double and bool sample goes,
 * batched, through a durable queue per target to that target's server (see docs/export.md).
 *
 * <pre>
 * Engine engine = Engine.open(dir);
 * Exporters.attach(engine);   // reads export.json; before start(), so nothing is missed
 * engine.start();
 * ...
 * engine.close();             // closes the exporters too: what was accepted is in the queues
 * </pre>
 */
public final class Exporters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Exporters.class);
    /** The folder of the queues inside the project folder; one sub-folder per target. */
    public static final String QUEUE_FOLDER = "export-queue";
    static final long DEFAULT_SETTLE_MILLIS = 2_000;
    /** The exporters attached to each open engine, for the API and the app to find their status. */
    private static final Map<Engine, Exporters> ATTACHED = Collections.synchronizedMap(new WeakHashMap<>());

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

    /** Loads the project's {@code export.json} and attaches what it configures. */
    public static Exporters attach(Engine engine) {
        return attach(engine, ExportConfig.load(engine.folder().dir()));
    }

    /**
     * Starts the exporters of a configuration and wires them into the engine: they receive every
     * accepted sample, answer history older than local history (when a target has
     * {@code readHistory}), and are closed by {@link Engine#close()} after its last sample.
     */
    public static Exporters attach(Engine engine, ExportConfig config) {
        Exporters x = start(config, engine.folder().dir().resolve(QUEUE_FOLDER), engine::model);
        engine.addSink(x.sink());
        if (x.history != null) {
            engine.setRemoteHistory(x.history);
        }
        engine.addCloseable(x);
        engine.addCloseable(() -> ATTACHED.remove(engine, x));
        ATTACHED.put(engine, x);
        return x;
    }

    /** The exporters attached to an engine (status for the API and the app), if any. */
    public static Optional<Exporters> of(Engine engine) {
        return Optional.ofNullable(ATTACHED.get(engine));
    }

    /**
     * Starts exporters without an engine (tools, benchmarks): feed {@link #sink()} yourself.
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
