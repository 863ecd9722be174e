package org.peresvet.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ScheduleDef;
import org.peresvet.runtime.ScheduleTick;
import org.peresvet.schedule.internal.Timetable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the enabled schedules of the model as {@link ScheduleTick}s. {@link #poll(long)} does the
 * work for a given "now" (tests drive it with a fake clock); {@link #start()} polls on its own
 * thread. The last fired instant of each schedule is kept through {@link RunStore}, so after a
 * restart a tick never fires twice for the same instant, and ticks missed while stopped are
 * skipped or run once (the schedule's policy).
 */
public final class ScheduleRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final long POLL_MILLIS = 100;

    /** Where the last fired instant of each schedule is kept between runs of the engine. */
    public interface RunStore {
        Map<UUID, Long> load();

        /** Called on the runner's thread after a tick; may hand the write off to another thread. */
        void save(UUID scheduleId, long lastFire);
    }

    private static final class Entry {
        final ScheduleDef def;
        final Timetable table;
        Long next;
        boolean planned;

        Entry(ScheduleDef def, Timetable table) {
            this.def = def;
            this.table = table;
        }
    }

    private final Consumer<ScheduleTick> publish;
    private final RunStore store;
    private final LongSupplier clock;
    private final ZoneId zone;
    private final Map<UUID, Long> lastFire = new HashMap<>();
    private Map<UUID, Entry> entries = new HashMap<>();
    private boolean restored;
    /** After the first poll, a new or changed schedule is planned from now: missed runs are a restart's matter. */
    private boolean polled;
    private ScheduledExecutorService thread;

    /**
     * @param publish receives each tick (usually the event bus)
     * @param clock   now in µs
     * @param zone    the project's time zone, for schedules that name none
     */
    public ScheduleRunner(Consumer<ScheduleTick> publish, RunStore store, LongSupplier clock, ZoneId zone) {
        this.publish = publish;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** Takes the model's schedules: new and changed ones are planned from now (or their last tick). */
    public synchronized void update(ModelSnapshot model) {
        if (!restored) {
            lastFire.putAll(store.load());
            restored = true;
        }
        Map<UUID, Entry> next = new HashMap<>();
        for (ScheduleDef d : model.schedules()) {
            if (!d.enabled()) {
                continue;
            }
            Entry old = entries.get(d.id());
            if (old != null && old.def.equals(d)) {
                next.put(d.id(), old);
                continue;
            }
            try {
                next.put(d.id(), new Entry(d, new Timetable(d, zone)));
            } catch (RuntimeException e) {
                LOG.error("Schedule {} cannot run: {}", d.name(), e.getMessage());
            }
        }
        entries = next;
    }

    /** Fires every tick due at {@code now}; returns them (also published). */
    public synchronized List<ScheduleTick> poll(long now) {
        List<ScheduleTick> fired = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.planned) {
                e.next = plan(e, now, fired);
                e.planned = true;
            }
            while (e.next != null && e.next <= now) {
                fire(e, e.next, false, fired);
                e.next = e.table.nextAfter(e.next);
                if (e.next != null && e.next <= now) {
                    // Behind by more than one period (a paused machine): run once, then continue from now.
                    e.next = e.table.nextAfter(now);
                }
            }
        }
        polled = true;
        return fired;
    }

    /** First plan of a schedule: from its last fired tick, applying the missed-run policy. */
    private Long plan(Entry e, long now, List<ScheduleTick> fired) {
        Long last = lastFire.get(e.def.id());
        if (last == null || polled) {
            return e.table.nextAfter(Math.max(now - 1, last == null ? Long.MIN_VALUE : last)); // a tick exactly now still fires
        }
        Long missed = e.table.nextAfter(last);
        if (missed != null && missed <= now) {
            // Ticks were missed while stopped: the latest of them, for the catch-up run.
            Long latest = missed;
            for (Long n = e.table.nextAfter(missed); n != null && n <= now; n = e.table.nextAfter(n)) {
                latest = n;
                if (n - missed > 366L * 86_400_000_000L) {
                    latest = null; // more than a year behind: do not walk the whole gap
                    break;
                }
            }
            if (e.def.missed() == ScheduleDef.MissedRuns.RUN_ONCE) {
                fire(e, latest != null ? latest : now, true, fired);
            } else {
                LOG.info("Schedule {}: ticks missed while the engine was stopped are skipped", e.def.name());
            }
            return e.table.nextAfter(now);
        }
        return missed;
    }

    private void fire(Entry e, long at, boolean catchUp, List<ScheduleTick> fired) {
        Long last = lastFire.get(e.def.id());
        if (last != null && at <= last) {
            return; // never twice for the same instant
        }
        lastFire.put(e.def.id(), at);
        ScheduleTick tick = new ScheduleTick(e.def.id(), e.def.name(), at, catchUp);
        fired.add(tick);
        try {
            publish.accept(tick);
        } catch (RuntimeException ex) {
            LOG.error("Publishing a tick of schedule {} failed", e.def.name(), ex);
        }
        try {
            store.save(e.def.id(), at);
        } catch (RuntimeException ex) {
            LOG.error("Saving the last tick of schedule {} failed", e.def.name(), ex);
        }
    }

    /** The next planned tick of a schedule (µs), or null (for status displays and tests). */
    public synchronized Long nextTick(UUID scheduleId) {
        Entry e = entries.get(scheduleId);
        if (e == null) {
            return null;
        }
        return e.planned ? e.next : e.table.nextAfter(clock.getAsLong() - 1); // not planned yet: the next poll will
    }

    /** Polls every 100 ms on a daemon thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peresvet-schedules");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                poll(clock.getAsLong());
            } catch (RuntimeException e) {
                LOG.error("Schedule poll failed", e);
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
