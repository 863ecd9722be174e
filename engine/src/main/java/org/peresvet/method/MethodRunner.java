package org.peresvet.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.Formulas;
import org.peresvet.formula.ValueSource;
import org.peresvet.method.internal.CompiledMethod;
import org.peresvet.method.internal.ProgramRunner;
import org.peresvet.model.MethodDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.EngineEvent;
import org.peresvet.runtime.LoopStage;
import org.peresvet.runtime.ScheduleTick;
import org.peresvet.runtime.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs methods when their initiators fire. Tag initiators are seen as a {@link LoopStage} (the
 * condition is evaluated on the loop thread with the triggering sample); schedule ticks and other
 * events (alarm transitions) arrive through {@link #onEvent}. Runs execute on worker threads,
 * never on the loop thread, under the method's run mode; each ends with a {@link MethodResult}.
 * A failure writes quality 103 to the target and is logged; it never stops the engine.
 *
 * <p>A target bound to a connector lives on a device: its value is sent there and the run's
 * result is published once the device has echoed it (or the write failed), never on mere
 * sending. The worker does not wait for that; the write's future completes later.
 */
public final class MethodRunner implements LoopStage, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MethodRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where results go: the engine's write path. Called on worker threads. */
    public interface Output {
        void write(UUID tagId, Sample sample);

        /**
         * Sends a value to the device behind a connector-bound target; the future completes when
         * the device echoed it or the write failed. Must not block.
         */
        default CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user) {
            return CompletableFuture.completedFuture(new WriteResult(tagId, WriteResult.Status.NOT_SENT, value, null,
                    "no connectors here to send it", 0));
        }
    }

    /** What started a run, for the program's context and the result event. */
    public record Initiation(String type, String source, long time, Object value) {
        String describe() {
            return type + " " + source;
        }
    }

    /** Run state of one method. */
    private final class Slot {
        final CompiledMethod m;
        final FormulaState sharedState;
        final ArrayDeque<Initiation> waiting = new ArrayDeque<>();
        final Set<Future<?>> active = new HashSet<>();
        int running;

        Slot(CompiledMethod m) {
            this.m = m;
            this.sharedState = m.formula == null ? null : m.formula.newState();
        }
    }

    private final Function<UUID, Sample> current;
    private final Output output;
    private final Consumer<EngineEvent> publish;
    private final LongSupplier clock;
    private final ExecutorService workers;
    private final ExecutorService io;
    private final AtomicInteger runs = new AtomicInteger();
    private volatile Map<UUID, Slot> slots = Map.of();
    /** Loop thread only: tag id → (method, condition, condition state). */
    private Map<UUID, List<Object[]>> byTag = Map.of();

    /**
     * @param current the current sample of a tag
     * @param output  writes a method's result
     * @param publish receives {@link MethodResult}s (the bus)
     * @param clock   now, µs
     */
    public MethodRunner(Function<UUID, Sample> current, Output output, Consumer<EngineEvent> publish, LongSupplier clock) {
        this.current = current;
        this.output = output;
        this.publish = publish;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peresvet-method-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peresvet-method-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How many runs started so far. */
    public int runsStarted() {
        return runs.get();
    }

    // ---- model ----

    @Override
    public void modelChanged(ModelSnapshot model) {
        Map<UUID, Slot> next = new HashMap<>();
        Map<UUID, List<Object[]>> tags = new HashMap<>();
        Map<UUID, Slot> old = slots;
        for (MethodDef d : model.methods()) {
            if (!d.enabled()) {
                continue;
            }
            CompiledMethod m;
            try {
                m = CompiledMethod.compile(model, d);
            } catch (ModelException e) {
                LOG.error("Method {} cannot run: {}", d.name(), e.getMessage());
                continue;
            }
            Slot before = old.get(d.id());
            Slot s = before != null && before.m.def.equals(d) ? before : new Slot(m);
            next.put(d.id(), s);
            for (CompiledMethod.TagTrigger t : m.tagTriggers) {
                tags.computeIfAbsent(t.tagId(), k -> new ArrayList<>())
                        .add(new Object[] {s, t, t.condition() == null ? null : t.condition().newState()});
            }
        }
        slots = next;
        byTag = tags;
    }

    // ---- initiators ----

    @Override
    public List<TagSample> process(List<TagSample> accepted) {
        Map<UUID, List<Object[]>> map = byTag;
        if (map.isEmpty()) {
            return List.of();
        }
        for (TagSample ts : accepted) {
            List<Object[]> list = map.get(ts.tagId());
            if (list == null) {
                continue;
            }
            for (Object[] e : list) {
                Slot s = (Slot) e[0];
                CompiledMethod.TagTrigger t = (CompiledMethod.TagTrigger) e[1];
                if (t.condition() != null) {
                    CompiledFormula c = t.condition();
                    ValueSource src = slot -> c.inputs().get(slot).id().equals(ts.tagId()) ? ts.sample()
                            : current.apply(c.inputs().get(slot).id());
                    Sample r = c.evaluate(src, (FormulaState) e[2], ts.sample().x());
                    if (!Boolean.TRUE.equals(r.y())) {
                        continue;
                    }
                }
                request(s, new Initiation("tag", t.path(), ts.sample().x(), ts.sample().y()));
            }
        }
        return List.of();
    }

    /** Schedule ticks and other engine events (alarm transitions): subscribe this to the bus. */
    public void onEvent(EngineEvent event) {
        if (event instanceof MethodResult) {
            return; // a method's own results never initiate methods: no loops through the bus
        }
        String type = event.getClass().getSimpleName();
        String text = null;
        for (Slot s : slots.values()) {
            for (MethodDef.Initiator i : s.m.def.initiators()) {
                if (event instanceof ScheduleTick tick) {
                    if (i.type() == MethodDef.Initiator.Type.SCHEDULE && tick.scheduleId().equals(i.scheduleId())) {
                        request(s, new Initiation("schedule", tick.name(), tick.time(), null));
                    }
                } else if (i.type() == MethodDef.Initiator.Type.EVENT && type.equals(i.eventType())) {
                    if (i.match() != null) {
                        text = text == null ? event.toString() : text;
                        if (!text.contains(i.match())) {
                            continue;
                        }
                    }
                    request(s, new Initiation("event", type, event.time(), event.toString()));
                }
            }
        }
    }

    /** Runs a method now (from the workstation or the API), under its run mode. */
    public boolean runNow(UUID methodId, String who) {
        Slot s = slots.get(methodId);
        if (s == null) {
            return false;
        }
        request(s, new Initiation("manual", who, clock.getAsLong(), null));
        return true;
    }

    // ---- run modes ----

    private void request(Slot s, Initiation init) {
        synchronized (s) {
            MethodDef d = s.m.def;
            switch (d.mode()) {
                case SINGLE -> {
                    if (s.running > 0) {
                        LOG.debug("Method {} is running; {} skipped", d.name(), init.describe());
                        return;
                    }
                }
                case QUEUED -> {
                    if (s.running > 0) {
                        if (s.waiting.size() < d.limit()) {
                            s.waiting.add(init);
                        } else {
                            LOG.warn("Method {}: {} runs already wait; {} dropped", d.name(), d.limit(), init.describe());
                        }
                        return;
                    }
                }
                case RESTART -> {
                    for (Future<?> f : s.active) {
                        f.cancel(true);
                    }
                }
                case PARALLEL -> {
                    if (s.running >= d.limit()) {
                        LOG.warn("Method {}: {} runs at once already; {} skipped", d.name(), d.limit(), init.describe());
                        return;
                    }
                }
            }
            start(s, init);
        }
    }

    /** Starts a run; the caller holds the slot's lock. */
    private void start(Slot s, Initiation init) {
        s.running++;
        runs.incrementAndGet();
        Future<?>[] self = new Future<?>[1];
        Runnable task = () -> {
            try {
                execute(s, init);
            } finally {
                synchronized (s) {
                    s.running--;
                    s.active.remove(self[0]);
                    Initiation next = s.m.def.mode() == MethodDef.RunMode.QUEUED ? s.waiting.poll() : null;
                    if (next != null) {
                        start(s, next);
                    }
                }
            }
        };
        try {
            self[0] = workers.submit(task);
            s.active.add(self[0]);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            s.running--;
        }
    }

    private void execute(Slot s, Initiation init) {
        CompiledMethod m = s.m;
        long now = clock.getAsLong();
        Object value = null;
        Sample out = null;
        String failure;
        try {
            out = m.def.kind() == MethodDef.Kind.WRITE ? write(s, now) : program(m, init, now);
            value = out == null ? null : out.y();
            if (out != null && onDevice(m) && (!out.isGood() || out.y() == null)) {
                throw new MethodFailure("a device cannot be sent an empty or bad value (quality " + out.q() + ")");
            }
            failure = null;
        } catch (InterruptedException e) {
            LOG.info("Method {} was restarted; its previous run stopped", m.def.name());
            return;
        } catch (MethodFailure e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        if (Thread.currentThread().isInterrupted()) {
            return; // restarted meanwhile: a newer run writes
        }
        if (failure != null) {
            LOG.warn("Method {} failed ({}): {}", m.def.name(), init.describe(), failure);
            // A device tag shows the device's state: a failed run must not mark it bad.
            if (m.target != null && !onDevice(m)) {
                safeWrite(m, new Sample(now, null, Quality.BAD_DATA));
            }
        } else if (out != null && onDevice(m)) {
            sendToDevice(m, init, now, out.y());
            return; // the result is published when the device answers
        } else if (out != null) {
            safeWrite(m, out);
        }
        publish.accept(new MethodResult(m.def.id(), m.def.name(), now, init.describe(), value, failure));
    }

    private static boolean onDevice(CompiledMethod m) {
        return m.target != null && m.target.source() == SourceKind.CONNECTOR;
    }

    /** Sends the run's value to the device and publishes the run's result when the write is settled. */
    private void sendToDevice(CompiledMethod m, Initiation init, long now, Object y) {
        CompletableFuture<WriteResult> f;
        try {
            f = output.writeToDevice(m.target.id(), y, "method:" + m.def.name());
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, e) -> {
            String failure = e != null ? "the device write failed: " + e
                    : r.isConfirmed() ? null
                    : "the device write to " + m.targetPath + " " + describe(r.status()) + (r.reason().isEmpty() ? "" : ": " + r.reason());
            if (failure != null) {
                LOG.warn("Method {} failed ({}): {}", m.def.name(), init.describe(), failure);
            } else {
                LOG.debug("Method {} wrote {} = {}, confirmed by the device", m.def.name(), m.targetPath, y);
            }
            publish.accept(new MethodResult(m.def.id(), m.def.name(), now, init.describe(), y, failure));
        });
    }

    private static String describe(WriteResult.Status s) {
        return switch (s) {
            case CONFIRMED -> "was confirmed";
            case REJECTED -> "was refused";
            case NOT_SENT -> "was not sent";
            case TIMEOUT -> "timed out waiting for the device to echo it";
            case MISMATCH -> "got another value back from the device";
            case CANCELLED -> "was cancelled";
        };
    }

    /** The value to write to the target. */
    private Sample write(Slot s, long now) {
        CompiledMethod m = s.m;
        FormulaState st = m.def.mode() == MethodDef.RunMode.PARALLEL ? m.formula.newState() : s.sharedState;
        Sample r;
        synchronized (st) {
            r = m.formula.evaluate(source(m.formula), st, now);
            if (!r.isGood() || r.y() == null) {
                String why = st.lastError() != null ? st.lastError() : "an input is bad (quality " + r.q() + ")";
                throw new MethodFailure(why);
            }
        }
        Object y = Formulas.toTagValue(r.y(), m.target.type());
        return Sample.of(now, y);
    }

    /** Runs the program; the value to write to the target, or null when the method has none. */
    private Sample program(CompiledMethod m, Initiation init, long now) throws InterruptedException {
        ObjectNode ctx = JSON.createObjectNode();
        ctx.put("method", m.def.name());
        ctx.put("time", Micros.format(now));
        ObjectNode in = ctx.putObject("initiator");
        in.put("type", init.type());
        in.put("source", init.source());
        in.put("time", Micros.format(init.time()));
        in.set("value", JSON.valueToTree(init.value() instanceof JsonNode || init.value() == null
                || init.value() instanceof Number || init.value() instanceof Boolean ? init.value() : init.value().toString()));
        ObjectNode params = ctx.putObject("parameters");
        for (Map.Entry<String, CompiledFormula> p : m.parameters.entrySet()) {
            Sample v = p.getValue().evaluate(source(p.getValue()), now);
            params.set(p.getKey(), JSON.valueToTree(v.isGood() ? v.y() : null));
        }
        if (m.targetPath != null) {
            ctx.put("target", m.targetPath);
        }
        byte[] stdin = (ctx.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        ProgramRunner.Outcome o = ProgramRunner.run(m.def.program(), m.def.args(), stdin, m.def.timeoutMillis(),
                m.def.maxOutputBytes(), io);
        if (o.failure() != null) {
            throw new MethodFailure(o.failure());
        }
        if (m.target == null) {
            return null;
        }
        String out = o.stdout().strip();
        JsonNode result;
        try {
            result = out.isEmpty() ? null : JSON.readTree(out);
        } catch (Exception e) {
            throw new MethodFailure("the program's output is not JSON: " + abbreviate(out));
        }
        if (result == null) {
            throw new MethodFailure("the program printed no result (expected JSON, e.g. {\"value\": 42})");
        }
        JsonNode v = result.isObject() && result.has("value") ? result.get("value") : result;
        Integer q = result.isObject() && result.has("quality") && result.get("quality").isInt() ? result.get("quality").asInt() : null;
        Object y;
        try {
            y = m.target.type().coerce(v);
        } catch (IllegalArgumentException e) {
            throw new MethodFailure("the program's result does not fit " + m.targetPath + ": " + e.getMessage());
        }
        return new Sample(now, y, q);
    }

    private ValueSource source(CompiledFormula f) {
        return slot -> current.apply(f.inputs().get(slot).id());
    }

    private void safeWrite(CompiledMethod m, Sample s) {
        try {
            output.write(m.target.id(), s);
        } catch (RuntimeException e) {
            LOG.error("Method {} could not write {}: {}", m.def.name(), m.targetPath, e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    /** A run failed for a reason worth a log line, not a stack trace. */
    private static final class MethodFailure extends RuntimeException {
        MethodFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Waits for running methods (up to the timeout), then stops the workers. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
    }
}
