package org.peresvet.app.fx;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.peresvet.app.project.LiveValues;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;

/**
 * The one way values and model changes reach JavaFX (DESIGN.md, threading). One engine
 * subscription feeds a map holding the latest sample per watched tag; {@link #pulse()}, called
 * once per JavaFX pulse by {@link FxPulse}, moves the changed values into {@link LiveValue}
 * properties. Never one {@code runLater} per sample: however fast values arrive, the FX thread
 * sees at most one update per tag per pulse.
 *
 * <p>What reaches the screen is also paced for people: values are applied at most once per
 * {@code refresh} interval (default 100 ms, a 10 Hz display: nobody reads a number that changes
 * faster), and one pulse applies at most {@code maxPerPulse} values (the rest, still the newest
 * per tag, wait for the next pulse). Any change re-lays out the visible rows of a table, a cost
 * paid per pulse with changes rather than per value, so applying together what arrived during the
 * interval keeps the FX thread's average work per pulse low and bounded whatever the input rate.
 *
 * <p>Threads: {@link #accept(List)} and {@link #modelChanged(ModelSnapshot)} run on any thread;
 * everything else runs on the FX thread. No method here needs the JavaFX toolkit, so the bridge is
 * tested with plain JUnit, calling {@link #pulse()} directly.
 */
public final class ValueBridge implements AutoCloseable {
    public static final long DEFAULT_REFRESH_NANOS = 100_000_000L;
    public static final int DEFAULT_MAX_PER_PULSE = 2000;

    private final long refreshNanos;
    private final int maxPerPulse;
    private final java.util.function.LongSupplier clock;
    /** Latest undelivered sample per watched tag (written by the delivery thread, drained by the pulse). */
    private final ConcurrentHashMap<UUID, Sample> pending = new ConcurrentHashMap<>();
    /** Tags some screen watches; the delivery thread drops everything else at once. */
    private final Set<UUID> watched = ConcurrentHashMap.newKeySet();
    /** FX thread only. */
    private final Map<UUID, LiveValue> live = new HashMap<>();
    private final AtomicReference<ModelSnapshot> latestModel = new AtomicReference<>();
    private final ReadOnlyObjectWrapper<ModelSnapshot> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final PulseStats stats = new PulseStats();
    private volatile LiveValues source;
    private Subscription subscription;
    /** When a pulse last applied values (pulse clock); 0 before the first. */
    private long appliedAt;

    /** The bridge with the default pacing. */
    public ValueBridge() {
        this(DEFAULT_REFRESH_NANOS, DEFAULT_MAX_PER_PULSE, System::nanoTime);
    }

    /**
     * @param refreshNanos least time between two pulses that apply values (0: every pulse)
     * @param maxPerPulse  most values applied in one pulse
     * @param clock        nanosecond clock (tests pass a fake one)
     */
    public ValueBridge(long refreshNanos, int maxPerPulse, java.util.function.LongSupplier clock) {
        if (maxPerPulse < 1) {
            throw new IllegalArgumentException("maxPerPulse must be at least 1");
        }
        this.refreshNanos = refreshNanos;
        this.maxPerPulse = maxPerPulse;
        this.clock = clock;
    }

    /** Starts taking values from {@code source}; replaces the previous source (another project). */
    public void attach(LiveValues newSource, ModelSnapshot initialModel) {
        detach();
        source = newSource;
        latestModel.set(initialModel);
        model.set(initialModel);
        // Values of tags already watched restart from the new source's current values.
        for (LiveValue v : live.values()) {
            v.offer(newSource.current(v.tagId()));
        }
        subscription = newSource.subscribe(this::accept);
    }

    /** Stops taking values; live values keep their last sample. */
    public void detach() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        source = null;
        pending.clear();
    }

    /** Delivery thread: keeps the newest sample per watched tag. */
    void accept(List<TagSample> batch) {
        for (TagSample ts : batch) {
            UUID id = ts.tagId();
            if (watched.contains(id)) {
                pending.merge(id, ts.sample(), (old, neu) -> neu.x() >= old.x() ? neu : old);
            }
        }
    }

    /** Any thread: the model changed; the new snapshot is published on the next pulse. */
    public void modelChanged(ModelSnapshot snapshot) {
        latestModel.set(snapshot);
    }

    /**
     * FX thread: applies the values that arrived since the last pulse and publishes the newest
     * model. Returns the number of values applied.
     */
    public int pulse() {
        long t0 = System.nanoTime();
        publishModel();
        if (pending.isEmpty()) {
            return 0;
        }
        long now = clock.getAsLong();
        if (appliedAt != 0 && now - appliedAt < refreshNanos) {
            return 0; // values applied a moment ago: these wait, still coalescing, for the next refresh
        }
        appliedAt = now;
        int n = 0;
        for (UUID id : pending.keySet()) {
            Sample s = pending.remove(id);
            LiveValue v = live.get(id);
            if (s != null && v != null && v.offer(s) && ++n >= maxPerPulse) {
                break;
            }
        }
        stats.record(System.nanoTime() - t0, n);
        return n;
    }

    /** FX thread: publishes the newest model at once (after an edit made from this window). */
    public void publishModel() {
        ModelSnapshot m = latestModel.get();
        if (m != null && m != model.get()) {
            model.set(m);
        }
    }

    /** The newest model, changed on the FX thread. */
    public ReadOnlyObjectProperty<ModelSnapshot> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ModelSnapshot getModel() {
        return model.get();
    }

    /**
     * FX thread: watches tags; each gets a {@link LiveValue} holding its current value at once
     * and every newer value after.
     */
    public Watch watch(Collection<UUID> tagIds) {
        Map<UUID, LiveValue> out = new LinkedHashMap<>();
        LiveValues src = source;
        for (UUID id : tagIds) {
            LiveValue v = live.get(id);
            if (v == null) {
                // Watch first, then read the current value: a value arriving in between is pending and newer.
                watched.add(id);
                v = new LiveValue(id, src == null ? null : src.current(id));
                live.put(id, v);
            }
            v.refs++;
            out.put(id, v);
        }
        return new Watch(this, out);
    }

    void release(Collection<UUID> tagIds) {
        for (UUID id : tagIds) {
            LiveValue v = live.get(id);
            if (v != null && --v.refs <= 0) {
                live.remove(id);
                watched.remove(id);
                pending.remove(id);
            }
        }
    }

    /** Tags watched by at least one screen. */
    public int watchedCount() {
        return live.size();
    }

    /** Values waiting for the next pulse. */
    public int pendingCount() {
        return pending.size();
    }

    public PulseStats stats() {
        return stats;
    }

    @Override
    public void close() {
        detach();
    }
}
