package org.peresvet.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.peresvet.connector.internal.ConnectorSlot;
import org.peresvet.connector.internal.PendingWrite;
import org.peresvet.connector.internal.SlotHooks;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.DeviceWriteEvent;
import org.peresvet.runtime.EngineEvent;
import org.peresvet.runtime.WriteResult;
import org.peresvet.runtime.WriteRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the project's connectors: creates, starts, re-creates and closes them as the model changes
 * (no restart), routes each connector's bindings to it, keeps statuses and logs, and performs
 * writes to devices confirmed by read-back. Owned by the engine facade.
 *
 * <p>Lifecycle work (create, start, close) runs on one thread in order, so an edit never waits on
 * the network and two changes never race. A connector that cannot be created (unknown kind, bad
 * config) is shown in ERROR with the reason; the others are not disturbed.
 */
public final class ConnectorManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorManager.class);
    /** A connector still not connected this long after start marks its tags as connection lost. */
    public static final long DEFAULT_CONNECT_GRACE_MILLIS = 5000;

    private final Consumer<List<TagSample>> ingest;
    private final Consumer<EngineEvent> events;
    private final Supplier<ModelSnapshot> model;
    private final Function<UUID, Sample> current;
    private final Map<String, ConnectorFactory> factories = new ConcurrentHashMap<>();
    private final Map<UUID, ConnectorSlot> slots = new ConcurrentHashMap<>();
    private final Map<UUID, PendingWrite> pending = new ConcurrentHashMap<>();
    private final ExecutorService lifecycle;
    private final ScheduledExecutorService scheduler;
    private final SlotHooks hooks;
    private volatile long connectGraceMillis = DEFAULT_CONNECT_GRACE_MILLIS;
    private volatile UnaryOperator<String> secrets = UnaryOperator.identity();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param ingest  the engine's ingest queue
     * @param events  the engine's event bus (write events)
     * @param model   the current model
     * @param current the current value of a tag (old value of write events)
     */
    public ConnectorManager(Consumer<List<TagSample>> ingest, Consumer<EngineEvent> events, Supplier<ModelSnapshot> model,
                            Function<UUID, Sample> current) {
        this.ingest = ingest;
        this.events = events;
        this.model = model;
        this.current = current;
        this.lifecycle = Executors.newSingleThreadExecutor(r -> daemon(r, "peresvet-connectors"));
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, r -> daemon(r, "peresvet-connector-timer-" + n.incrementAndGet()));
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        this.hooks = new SlotHooks() {
            @Override
            public void ingest(List<TagSample> samples) {
                if (!closed && !samples.isEmpty()) {
                    ConnectorManager.this.ingest.accept(samples);
                }
            }

            @Override
            public void observed(UUID tagId, Object value) {
                if (!pending.isEmpty()) {
                    PendingWrite p = pending.get(tagId);
                    if (p != null) {
                        p.observe(value);
                    }
                }
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }

            @Override
            public ModelSnapshot model() {
                return ConnectorManager.this.model.get();
            }
        };
        try {
            for (ServiceLoader.Provider<ConnectorFactory> p : ServiceLoader.load(ConnectorFactory.class,
                    ConnectorFactory.class.getClassLoader()).stream().toList()) {
                ConnectorFactory f = p.get();
                factories.putIfAbsent(f.kind(), f);
            }
        } catch (ServiceConfigurationError e) {
            LOG.error("A connector factory could not be loaded", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Opens the sealed secrets of a config just before a connector is made with it (default: as stored). */
    public void secrets(UnaryOperator<String> opener) {
        this.secrets = opener;
    }

    /** Adds (or replaces) the factory of a kind; connectors of that kind waiting in ERROR are created. */
    public void addFactory(ConnectorFactory f) {
        factories.put(f.kind(), f);
        if (started && !closed) {
            runLifecycle(() -> reconcile(model.get(), f.kind()));
        }
    }

    /** The kinds that can be created, sorted. */
    public List<String> kinds() {
        return new TreeSet<>(factories.keySet()).stream().toList();
    }

    /** How long a started connector may take to connect before its tags are marked lost (q=100). */
    public void connectGraceMillis(long millis) {
        connectGraceMillis = millis;
    }

    /** Starts every enabled connector of the model. */
    public CompletableFuture<Void> start(ModelSnapshot m) {
        started = true;
        return runLifecycle(() -> reconcile(m, null));
    }

    /** Applies a model change: connectors added, changed or removed, bindings re-routed. */
    public CompletableFuture<Void> modelChanged(ModelSnapshot m) {
        if (!started || closed) {
            return CompletableFuture.completedFuture(null);
        }
        return runLifecycle(() -> reconcile(m, null));
    }

    private CompletableFuture<Void> runLifecycle(Runnable r) {
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("Applying the connectors failed", e);
                }
            }, lifecycle);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Brings running connectors in line with the model. {@code retryKind}: re-create connectors of this kind too. */
    private void reconcile(ModelSnapshot m, String retryKind) {
        if (closed) {
            return;
        }
        Map<UUID, List<Binding>> byConnector = bindingsOf(m);
        for (ConnectorDef def : m.connectors()) {
            ConnectorSlot slot = slots.get(def.id());
            boolean recreate;
            if (slot == null) {
                slot = new ConnectorSlot(def, hooks);
                slots.put(def.id(), slot);
                recreate = true;
            } else {
                recreate = !slot.definition().equals(def) || (def.kind().equals(retryKind) && slot.instance() == null && def.enabled());
            }
            List<Binding> bindings = byConnector.getOrDefault(def.id(), List.of());
            boolean rebound = !bindings.equals(slot.bindings());
            rebound |= slot.bind(bindings, m); // a bound tag's type changed: the connector may announce it
            if (recreate) {
                slot.detach();
                slot.define(def);
                create(slot, def);
            } else if (rebound && slot.instance() != null) {
                try {
                    slot.instance().bindingsChanged(bindings);
                } catch (RuntimeException e) {
                    slot.log("ERROR", "applying the bindings failed: " + e);
                }
            }
        }
        for (ConnectorSlot slot : List.copyOf(slots.values())) {
            if (m.connector(slot.id()) == null) {
                Connector c = slot.instance();
                if (c != null) {
                    try {
                        c.deleted();
                    } catch (RuntimeException e) {
                        LOG.warn("Connector {}: announcing its deletion failed", slot.definition().name(), e);
                    }
                }
                slot.detach();
                slots.remove(slot.id());
                LOG.info("Connector {} removed", slot.definition().name());
            }
        }
    }

    private void create(ConnectorSlot slot, ConnectorDef def) {
        if (!def.enabled()) {
            slot.idle(ConnectorState.STOPPED, "disabled");
            return;
        }
        ConnectorFactory f = factories.get(def.kind());
        if (f == null) {
            slot.idle(ConnectorState.ERROR, "no connector of kind '" + def.kind() + "' is installed (known: "
                    + String.join(", ", kinds()) + ")");
            return;
        }
        ConnectorDef opened;
        try {
            opened = def.withConfig(secrets.apply(def.config()));
        } catch (IllegalStateException e) {
            // A password sealed with a key this machine does not hold: say so, start nothing.
            slot.idle(ConnectorState.ERROR, e.getMessage());
            return;
        }
        Connector c;
        try {
            c = f.create(opened, slot.newContext());
        } catch (IllegalArgumentException e) {
            slot.idle(ConnectorState.ERROR, "bad config: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            slot.idle(ConnectorState.ERROR, "cannot create: " + e);
            return;
        }
        slot.attach(c);
        try {
            c.bindingsChanged(slot.bindings());
            c.start();
        } catch (RuntimeException e) {
            slot.detach();
            slot.idle(ConnectorState.ERROR, "cannot start: " + e.getMessage());
            return;
        }
        slot.log("INFO", "started (" + def.kind() + ", " + slot.bindings().size() + " bound tags)");
        long grace = connectGraceMillis;
        scheduler.schedule(() -> slot.connectTimedOut(c, grace), grace, TimeUnit.MILLISECONDS);
    }

    /** The bindings of enabled connector tags (not calculated), per connector, sorted by tag id. */
    static Map<UUID, List<Binding>> bindingsOf(ModelSnapshot m) {
        Map<UUID, List<Binding>> out = new HashMap<>();
        for (TagDef t : m.tags()) {
            if (t.source() != SourceKind.CONNECTOR || !t.enabled() || t.calculated() || t.sourceConfig() == null
                    || t.sourceConfig().isBlank()) {
                continue;
            }
            try {
                Binding b = Binding.parse(t.id(), t.sourceConfig());
                out.computeIfAbsent(b.connector(), k -> new ArrayList<>()).add(b);
            } catch (IllegalArgumentException e) {
                LOG.warn("Tag {} has a bad binding: {}", m.tagPath(t.id()), e.getMessage());
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(Binding::tagId)));
        return out;
    }

    // ---- status ----

    /** Every connector of the model with its status, sorted by name. */
    public List<NamedStatus> statuses() {
        ModelSnapshot m = model.get();
        List<NamedStatus> out = new ArrayList<>();
        for (ConnectorDef def : m.connectors()) {
            ConnectorSlot slot = slots.get(def.id());
            ConnectorStatus s = slot == null
                    ? new ConnectorStatus(ConnectorState.STOPPED, started ? "starting" : "the engine is not running", Micros.now(), 0, 0)
                    : slot.status();
            out.add(new NamedStatus(def.id(), def.name(), def.kind(), def.enabled(), slot == null ? 0 : slot.bindings().size(), s));
        }
        return out;
    }

    /** The running instance of a connector, or null (for diagnostics and tests). */
    public Connector instance(UUID connectorId) {
        ConnectorSlot slot = slots.get(connectorId);
        return slot == null ? null : slot.instance();
    }

    /** The last lines of a connector's log (oldest first); empty for an unknown connector. */
    public List<ConnectorLogLine> log(UUID connectorId) {
        ConnectorSlot slot = slots.get(connectorId);
        return slot == null ? List.of() : slot.log();
    }

    // ---- writes ----

    /**
     * Writes a value to the device behind a tag: checks it, sends the binding's command, and
     * completes CONFIRMED only when the device echoes the value within the binding's
     * {@code echoTimeoutMs}. Never completes exceptionally; every outcome is a {@link DeviceWriteEvent}.
     *
     * @param user who asks (operator name, "api", "method:…"); recorded in the event
     */
    public CompletableFuture<WriteResult> write(UUID tagId, Object value, String user) {
        long start = Micros.now();
        ModelSnapshot m = model.get();
        TagDef t = tagId == null ? null : m.tag(tagId);
        String path = t == null ? String.valueOf(tagId) : m.tagPath(tagId);
        Object old = t == null ? null : valueOf(current.apply(tagId));
        Consumer<WriteResult> report = r -> {
            events.accept(new DeviceWriteEvent(Micros.now(), tagId, path, user, old, value, r));
            if (t != null) {
                ConnectorSlot slot = boundSlot(t);
                if (slot != null) {
                    slot.log(r.isConfirmed() ? "INFO" : "WARN", "write by " + (user == null ? "unknown" : user) + " " + path + ": "
                            + old + " -> " + r.requested() + ": " + r.status() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
                }
            }
        };
        Check check = check(m, t, path, value);
        if (check.problem != null) {
            PendingWrite refused = new PendingWrite(tagId, value, 0, start, 0, report);
            refused.finish(check.status, null, check.problem);
            return refused.future();
        }
        Binding b = check.binding;
        ConnectorSlot slot = slots.get(b.connector());
        ConnectorDef def = m.connector(b.connector());
        String notSent = null;
        Connector c = slot == null ? null : slot.instance();
        if (closed) {
            notSent = "the engine is stopped";
        } else if (def == null) {
            notSent = "connector " + b.connector() + " does not exist";
        } else if (!def.enabled()) {
            notSent = "connector " + def.name() + " is disabled";
        } else if (c == null) {
            ConnectorStatus s = slot == null ? null : slot.status();
            notSent = "connector " + def.name() + " is not running" + (s == null || s.reason().isEmpty() ? "" : ": " + s.reason());
        } else {
            ConnectorStatus s = slot.status();
            if (s.state() != ConnectorState.CONNECTED) {
                notSent = "connector " + def.name() + " is not connected (" + s.state().name().toLowerCase(Locale.ROOT)
                        + (s.reason().isEmpty() ? "" : ": " + s.reason()) + ")";
            }
        }
        PendingWrite p = new PendingWrite(tagId, check.value, Math.max(t.deadband(), 1e-9 * Math.max(1, Math.abs(asDouble(check.value)))),
                start, b.echoTimeoutMs(), report);
        if (notSent != null) {
            p.finish(WriteResult.Status.NOT_SENT, null, notSent);
            return p.future();
        }
        PendingWrite previous = pending.put(tagId, p);
        if (previous != null) {
            previous.finish(WriteResult.Status.CANCELLED, null, "replaced by a newer write to the same tag");
        }
        p.future().whenComplete((r, e) -> pending.remove(tagId, p));
        p.timer(scheduler.schedule(p::expire, b.echoTimeoutMs(), TimeUnit.MILLISECONDS));
        CompletableFuture<Void> sent;
        try {
            sent = c.send(b, check.value);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                p.finish(WriteResult.Status.NOT_SENT, null, "sending failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
        });
        return p.future();
    }

    private record Check(WriteResult.Status status, String problem, Binding binding, Object value) {
        static Check refuse(String problem) {
            return new Check(WriteResult.Status.REJECTED, problem, null, null);
        }
    }

    /**
     * The checks before sending: the tag and the value by the engine's {@link WriteRules} (one
     * validator for every write), the binding with a command here.
     */
    private static Check check(ModelSnapshot m, TagDef t, String path, Object value) {
        if (t == null) {
            return Check.refuse("unknown tag " + path);
        }
        try {
            WriteRules.tag(m, t.id(), WriteRules.Target.DEVICE);
        } catch (IllegalArgumentException e) {
            return Check.refuse(e.getMessage());
        }
        if (t.source() != SourceKind.CONNECTOR || t.sourceConfig() == null || t.sourceConfig().isBlank()) {
            return Check.refuse("tag " + path + " is not bound to a connector");
        }
        Binding b;
        try {
            b = Binding.parse(t.id(), t.sourceConfig());
        } catch (IllegalArgumentException e) {
            return Check.refuse("tag " + path + ": " + e.getMessage());
        }
        if (!b.writable()) {
            return Check.refuse("tag " + path + " is not writable: its binding has no command");
        }
        try {
            return new Check(null, null, b, WriteRules.value(t, () -> path, value, WriteRules.Target.DEVICE));
        } catch (IllegalArgumentException e) {
            return Check.refuse(e.getMessage());
        }
    }

    private ConnectorSlot boundSlot(TagDef t) {
        UUID c = ConnectorDef.boundConnector(t);
        return c == null ? null : slots.get(c);
    }

    private static Object valueOf(Sample s) {
        return s == null ? null : s.y();
    }

    private static double asDouble(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    /** Closes every connector; writes still waiting are cancelled. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PendingWrite p : List.copyOf(pending.values())) {
            p.finish(WriteResult.Status.CANCELLED, null, "the engine stopped");
        }
        lifecycle.shutdown();
        try {
            if (!lifecycle.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Connector changes still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ConnectorSlot slot : slots.values()) {
            slot.detach();
        }
        slots.clear();
        scheduler.shutdownNow();
    }
}
