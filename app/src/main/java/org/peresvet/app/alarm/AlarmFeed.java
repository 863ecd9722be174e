package org.peresvet.app.alarm;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.project.AlarmCommands;
import org.peresvet.runtime.Subscription;

/**
 * Brings alarm changes to the FX thread, coalesced: the bus thread only raises a flag per
 * {@link AlarmEvent}; {@link #poll()}, called once per JavaFX pulse, reads the whole active list
 * at most once per refresh interval when the flag is up. An alarm flood of thousands of
 * transitions a second costs the FX thread one list read per interval, never one
 * {@code runLater} per event (DESIGN.md, threading).
 *
 * <p>Threads: the subscription runs on the bus; everything else on the FX thread. No toolkit
 * needed: tests call {@link #poll()} with a fake clock.
 */
public final class AlarmFeed implements AutoCloseable {
    public static final long DEFAULT_REFRESH_NANOS = 200_000_000L;

    private final long refreshNanos;
    private final LongSupplier clock;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong events = new AtomicLong();
    private Supplier<List<AlarmView>> source;
    private Subscription subscription;
    private long readAt;
    private long reads;

    public AlarmFeed() {
        this(DEFAULT_REFRESH_NANOS, System::nanoTime);
    }

    public AlarmFeed(long refreshNanos, LongSupplier clock) {
        this.refreshNanos = refreshNanos;
        this.clock = clock;
    }

    /** Starts following a project's alarms: it reads the list and tells when it changed. */
    public void attach(AlarmCommands alarms) {
        attach(alarms::active, alarms::onAlarmEvent);
    }

    /** Starts following alarms: {@code active} reads the list, {@code onEvent} subscribes to its changes. */
    public void attach(Supplier<List<AlarmView>> active, Function<Runnable, Subscription> onEvent) {
        detach();
        source = active;
        subscription = onEvent.apply(() -> {
            events.incrementAndGet();
            dirty.set(true);
        });
        dirty.set(true); // alarms restored at start are there before any event
    }

    public void detach() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        source = null;
        dirty.set(false);
    }

    /** Something changed outside the bus's knowledge (a command just ran, the model changed): read again. */
    public void invalidate() {
        dirty.set(true);
    }

    /**
     * FX thread: the active alarms when they changed and the refresh interval has passed, else null.
     * While not attached, an empty list once.
     */
    public List<AlarmView> poll() {
        if (!dirty.get()) {
            return null;
        }
        long now = clock.getAsLong();
        if (reads > 0 && now - readAt < refreshNanos) {
            return null; // read a moment ago: the flag stays up, events keep coalescing
        }
        dirty.set(false); // cleared before reading: an event during the read raises it again
        readAt = now;
        reads++;
        Supplier<List<AlarmView>> s = source;
        return s == null ? List.of() : s.get();
    }

    /** Alarm events seen on the bus. */
    public long events() {
        return events.get();
    }

    /** Times the active list was read. */
    public long reads() {
        return reads;
    }

    @Override
    public void close() {
        detach();
    }
}
