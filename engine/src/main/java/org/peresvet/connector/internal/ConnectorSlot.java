package org.peresvet.connector.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.peresvet.connector.Binding;
import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.ConnectorStatus;
import org.peresvet.connector.PayloadBatch;
import org.peresvet.connector.payload.DeviceNumbers;
import org.peresvet.connector.payload.Extraction;
import org.peresvet.model.Numbers;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime side of one connector definition: its running instance, its bindings, its log and
 * the quality rules of the data contract (loss → null q=100 on every bound tag, restore → null
 * q=101, source lost → 102, rejected value → 103). Instances come and go as the definition
 * changes; a context of a replaced instance is ignored, so an old thread cannot write.
 */
public final class ConnectorSlot {
    private static final Logger LOG = LoggerFactory.getLogger("org.peresvet.connector");
    public static final int LOG_LINES = 500;
    /** SLF4J lines per second per connector; the ring keeps every line (bounded) anyway. */
    private static final int SLF4J_LINES_PER_SECOND = 20;

    private final UUID id;
    private final SlotHooks hooks;
    private final LogRing log = new LogRing(LOG_LINES);
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /**
     * The last time given to a sample this slot stamped: stamps only grow, so a value, a rejection
     * or a quality code that arrives later is also later in time and the latest word stays on top.
     */
    private final AtomicLong lastStamp = new AtomicLong(Long.MIN_VALUE);
    private volatile ConnectorDef def;
    private volatile Connector instance;
    private volatile Context context;
    /** The status when there is no instance (disabled, bad config, unknown kind). */
    private volatile ConnectorStatus ownStatus;
    private volatile Map<UUID, Extraction> extractions = Map.of();
    private volatile List<Binding> bindings = List.of();
    // Quality state, guarded by this.
    private ConnectorState lastState = ConnectorState.STOPPED;
    private boolean lossWritten;
    private long slf4jSecond;
    private int slf4jLines;

    public ConnectorSlot(ConnectorDef def, SlotHooks hooks) {
        this.id = def.id();
        this.def = def;
        this.hooks = hooks;
        this.ownStatus = new ConnectorStatus(ConnectorState.STOPPED, "not started", Micros.now(), 0, 0);
    }

    public UUID id() {
        return id;
    }

    public ConnectorDef definition() {
        return def;
    }

    public Connector instance() {
        return instance;
    }

    public List<Binding> bindings() {
        return bindings;
    }

    public List<ConnectorLogLine> log() {
        return log.lines();
    }

    /** The instance's status with the counts of what passed through the engine, or the slot's own status. */
    public ConnectorStatus status() {
        Connector c = instance;
        ConnectorStatus s = ownStatus;
        if (c == null && s == null) {
            c = instance; // attached between the two reads (attach clears the slot's own status)
        }
        if (c != null) {
            try {
                s = c.status();
            } catch (RuntimeException e) {
                s = new ConnectorStatus(ConnectorState.ERROR, "status failed: " + e, Micros.now(), 0, 0);
            }
        }
        if (s == null) {
            s = new ConnectorStatus(ConnectorState.STOPPED, "changing", Micros.now(), 0, 0); // detached meanwhile
        }
        return new ConnectorStatus(s.state(), s.reason(), s.sinceMicros(), Math.max(s.messagesIn(), messagesIn.get()),
                Math.max(s.errors(), errors.get()));
    }

    /** A new definition: the caller closes the old instance and, when enabled, creates a new one. */
    public void define(ConnectorDef d) {
        this.def = d;
    }

    /** Creates the context a new instance reports through; older contexts go stale. */
    public ConnectorContext newContext() {
        Context c = new Context(def);
        context = c;
        return c;
    }

    /** The running instance (null: none), created with the latest {@link #newContext()}. */
    public void attach(Connector c) {
        instance = c;
        if (c != null) {
            ownStatus = null;
        }
    }

    /** Detaches and closes the instance; its context goes stale first, so it cannot report after this. */
    public void detach() {
        Connector c = instance;
        instance = null;
        context = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing connector {} failed", def.name(), e);
            }
        }
    }

    /**
     * No instance: disabled (STOPPED) or cannot run (ERROR, e.g. bad config). An error counts as a
     * loss; so does stopping a connector that was connected.
     */
    public void idle(ConnectorState state, String reason) {
        ownStatus = new ConnectorStatus(state, reason, Micros.now(), 0, 0);
        log(state == ConnectorState.ERROR ? "ERROR" : "INFO", reason);
        stateChanged(state, reason);
    }

    /**
     * The bound tags after a model change; tags bound while the connection is lost get q=100 at once.
     *
     * @return true when a tag that stays bound changed its value type (the connector may announce it)
     */
    public boolean bind(List<Binding> newBindings, ModelSnapshot m) {
        Map<UUID, Extraction> ex = new HashMap<>();
        for (Binding b : newBindings) {
            TagDef t = m.tag(b.tagId());
            if (t != null) {
                ex.put(b.tagId(), Extraction.of(b, t));
            }
        }
        Map<UUID, Extraction> previous = extractions;
        Set<UUID> before = previous.keySet();
        List<UUID> added = ex.keySet().stream().filter(k -> !before.contains(k)).toList();
        boolean retyped = ex.entrySet().stream().anyMatch(en -> previous.containsKey(en.getKey())
                && previous.get(en.getKey()).type() != en.getValue().type());
        extractions = Map.copyOf(ex);
        bindings = List.copyOf(newBindings);
        boolean lost;
        synchronized (this) {
            lost = lossWritten;
        }
        if (lost && !added.isEmpty()) {
            writeNull(added, Quality.CONNECTION_LOST);
        }
        return retyped;
    }

    /** Not connected some time after start: the bound tags are marked lost (once). */
    public void connectTimedOut(Connector expected, long waitedMillis) {
        if (instance != expected || expected == null) {
            return;
        }
        boolean write;
        synchronized (this) {
            write = lastState != ConnectorState.CONNECTED && !lossWritten;
            lossWritten |= write;
        }
        if (write) {
            log("WARN", "not connected " + waitedMillis + " ms after start: bound tags marked as connection lost (q=100)");
            writeNull(extractions.keySet(), Quality.CONNECTION_LOST);
        }
    }

    void stateChanged(ConnectorState state, String reason) {
        int q = -1;
        synchronized (this) {
            if (state == ConnectorState.CONNECTED) {
                if (lossWritten) {
                    q = Quality.CONNECTION_RESTORED;
                    lossWritten = false;
                }
            } else if (!lossWritten && (lastState == ConnectorState.CONNECTED || state == ConnectorState.ERROR)) {
                q = Quality.CONNECTION_LOST;
                lossWritten = true;
            }
            lastState = state;
        }
        if (q == Quality.CONNECTION_LOST) {
            errors.incrementAndGet();
        }
        if (q >= 0) {
            writeNull(extractions.keySet(), q);
        }
    }

    /** Now, or just after the last stamp when that is not in the past: strictly increasing. */
    private long stamp() {
        long now = Micros.now();
        return lastStamp.updateAndGet(prev -> Math.max(now, prev + 1));
    }

    void writeNull(Collection<UUID> tags, int q) {
        if (tags.isEmpty()) {
            return;
        }
        long now = stamp();
        List<TagSample> batch = new ArrayList<>(tags.size());
        for (UUID t : tags) {
            batch.add(new TagSample(t, new Sample(now, null, q)));
        }
        hooks.ingest(batch);
    }

    public void log(String level, String line) {
        String lvl = level == null ? "INFO" : level.strip().toUpperCase(Locale.ROOT);
        long now = Micros.now();
        log.add(new ConnectorLogLine(now, lvl, line));
        boolean toSlf4j;
        synchronized (this) {
            long second = now / Micros.PER_SECOND;
            if (second != slf4jSecond) {
                slf4jSecond = second;
                slf4jLines = 0;
            }
            toSlf4j = ++slf4jLines <= SLF4J_LINES_PER_SECOND;
        }
        if (toSlf4j) {
            switch (lvl) {
                case "ERROR" -> LOG.error("[{}] {}", def.name(), line);
                case "WARN", "WARNING" -> LOG.warn("[{}] {}", def.name(), line);
                case "DEBUG", "TRACE" -> LOG.debug("[{}] {}", def.name(), line);
                default -> LOG.info("[{}] {}", def.name(), line);
            }
        }
    }

    /** Text for a number tag follows the device number rule (no NaN, Infinity, hex floats, overflow) before the type's conversion. */
    private static Object deviceNumber(Object y, ValueType type) {
        if (y instanceof String text && (type == ValueType.DOUBLE || type == ValueType.INT)) {
            return type == ValueType.DOUBLE ? (Object) DeviceNumbers.parseDouble(text) : (Object) Numbers.parseLong(text);
        }
        return y;
    }

    private String path(UUID tag) {
        String p = hooks.model().tagPath(tag);
        return p == null ? tag.toString() : p;
    }

    /** What one instance reports through; ignored once the instance is replaced. */
    private final class Context implements ConnectorContext {
        private final ConnectorDef created;

        Context(ConnectorDef created) {
            this.created = created;
        }

        private boolean stale() {
            return context != this;
        }

        @Override
        public ConnectorDef definition() {
            return created;
        }

        @Override
        public void deliver(List<TagSample> samples) {
            if (stale() || samples.isEmpty()) {
                return;
            }
            Map<UUID, Extraction> ex = extractions;
            List<TagSample> out = new ArrayList<>(samples.size());
            for (TagSample ts : samples) {
                Extraction e = ex.get(ts.tagId());
                if (e == null) {
                    errors.incrementAndGet();
                    log("WARN", "dropped a value for tag " + ts.tagId() + ": it is not bound to this connector");
                    continue;
                }
                messagesIn.incrementAndGet();
                Sample s = ts.sample();
                Object y;
                try {
                    y = e.type().coerce(deviceNumber(s.y(), e.type()));
                    if (y instanceof Double d && !Double.isFinite(d)) {
                        throw new IllegalArgumentException("'" + d + "' is not a finite number");
                    }
                } catch (IllegalArgumentException bad) {
                    errors.incrementAndGet();
                    log("WARN", path(ts.tagId()) + ": " + bad.getMessage() + " (quality 103)");
                    out.add(new TagSample(ts.tagId(), new Sample(s.x(), null, Quality.BAD_DATA)));
                    continue;
                }
                out.add(y == s.y() ? ts : new TagSample(ts.tagId(), new Sample(s.x(), y, s.q())));
            }
            hooks.ingest(out);
            // After queueing: whoever is told a write is confirmed finds the value in the engine.
            for (TagSample ts : out) {
                if (Quality.isGood(ts.sample().q()) && ts.sample().y() != null) {
                    hooks.observed(ts.tagId(), ts.sample().y());
                }
            }
        }

        @Override
        public void deliver(UUID tagId, byte[] payload) {
            if (stale()) {
                return;
            }
            Extraction e = extractions.get(tagId);
            if (e == null) {
                return;
            }
            messagesIn.incrementAndGet();
            Extraction.Parsed p = e.extract(payload);
            long now = stamp();
            if (p.ok()) {
                hooks.ingest(List.of(new TagSample(tagId, Sample.of(now, p.value()))));
                hooks.observed(tagId, p.value());
            } else {
                errors.incrementAndGet();
                log("WARN", path(tagId) + ": " + p.rejection() + " (quality 103)");
                hooks.ingest(List.of(new TagSample(tagId, new Sample(now, null, Quality.BAD_DATA))));
            }
        }

        @Override
        public void deliver(PayloadBatch batch) {
            if (stale() || batch.isEmpty()) {
                return;
            }
            Map<UUID, Extraction> ex = extractions;
            List<TagSample> out = new ArrayList<>(batch.size());
            int counted = 0;
            for (int i = 0; i < batch.size(); i++) {
                UUID tagId = batch.tag(i);
                Extraction e = ex.get(tagId);
                if (e == null) {
                    continue;
                }
                counted++;
                // strictly increasing, across batches too: two messages for a tag never share a timestamp
                long stamp = stamp();
                String refused = batch.rejection(i);
                Extraction.Parsed p = refused != null ? Extraction.Parsed.rejected(refused) : e.extract(batch.payload(i));
                if (p.ok()) {
                    out.add(new TagSample(tagId, Sample.of(stamp, p.value())));
                } else {
                    errors.incrementAndGet();
                    log("WARN", path(tagId) + ": " + p.rejection() + " (quality 103)");
                    out.add(new TagSample(tagId, new Sample(stamp, null, Quality.BAD_DATA)));
                }
            }
            messagesIn.addAndGet(counted);
            hooks.ingest(out);
            // After queueing: whoever is told a write is confirmed finds the value in the engine.
            for (TagSample ts : out) {
                if (ts.sample().y() != null) {
                    hooks.observed(ts.tagId(), ts.sample().y());
                }
            }
        }

        @Override
        public void reject(UUID tagId, String reason) {
            if (stale() || !extractions.containsKey(tagId)) {
                return;
            }
            messagesIn.incrementAndGet();
            errors.incrementAndGet();
            log("WARN", path(tagId) + ": " + reason + " (quality 103)");
            hooks.ingest(List.of(new TagSample(tagId, new Sample(stamp(), null, Quality.BAD_DATA))));
        }

        @Override
        public void connectionChanged(ConnectorState state, String reason) {
            if (stale()) {
                return;
            }
            log(state == ConnectorState.ERROR ? "ERROR" : "INFO", state + (reason == null || reason.isEmpty() ? "" : ": " + reason));
            stateChanged(state, reason);
        }

        @Override
        public void sourceLost(Collection<UUID> tagIds, String reason) {
            if (stale()) {
                return;
            }
            Map<UUID, Extraction> ex = extractions;
            List<UUID> bound = tagIds.stream().filter(ex::containsKey).toList();
            log("WARN", "source lost (" + bound.size() + " tags, quality 102)" + (reason == null ? "" : ": " + reason));
            writeNull(bound, Quality.SOURCE_LOST);
        }

        @Override
        public void log(String level, String line) {
            if (!stale()) {
                ConnectorSlot.this.log(level, line);
            }
        }

        @Override
        public ValueType tagType(UUID tagId) {
            Extraction e = extractions.get(tagId);
            return e == null ? null : e.type();
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return hooks.scheduler();
        }
    }
}
