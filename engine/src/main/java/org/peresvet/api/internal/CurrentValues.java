package org.peresvet.api.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.peresvet.engine.Engine;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.SampleSink;

/**
 * Answers "the value at now" from the engine's current values, without a store read, whenever
 * that gives the same answer as the history query {@code HistoryQuery.current}: the point at now
 * carries the last sample at or before now.
 *
 * <p>The engine's current value is the last sample that was in the past when it arrived. A sample
 * stamped in the future becomes "the value at now" later, without the current value changing. So
 * this class watches accepted samples (and, once per tag, the stored ones after the current value)
 * for samples newer than the current value; while such a sample has come due, the caller must ask
 * the history store instead.
 */
public final class CurrentValues implements SampleSink {
    private static final long FAR_FUTURE = Long.MAX_VALUE / 4;

    /** Samples newer than the tag's current value: the earliest and the latest x. */
    private record Pending(long min, long max) {
        Pending merge(Pending o) {
            return new Pending(Math.min(min, o.min), Math.max(max, o.max));
        }
    }

    private final Engine engine;
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final Set<UUID> checked = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public CurrentValues(Engine engine) {
        this.engine = engine;
    }

    /** Called on the engine loop after each batch: notes samples that did not become current. */
    @Override
    public void accepted(List<TagSample> batch) {
        if (closed) {
            return;
        }
        for (TagSample ts : batch) {
            long x = ts.sample().x();
            Sample cur = engine.current(ts.tagId());
            if (cur == null || cur.x() < x) {
                pending.merge(ts.tagId(), new Pending(x, x), Pending::merge);
            } else if (!pending.isEmpty()) {
                Pending p = pending.get(ts.tagId());
                if (p != null && cur.x() >= p.max()) {
                    pending.remove(ts.tagId(), p);
                }
            }
        }
    }

    /**
     * The value of the tag at {@code now} as the point {@code [now, y, q]} (the stored sample
     * itself when it lies exactly at now), or null when only the history store can tell.
     */
    public Sample atNow(UUID tagId, long now) {
        Point p = valueAtNow(tagId, now);
        return p == null ? null : p.point();
    }

    /**
     * The value at now with the time of the sample it carries: {@code since} is that sample's x,
     * null when the tag has never had a value (the point is then {@code [now, null, null]}).
     */
    public record Point(Sample point, Long since) {
    }

    /** Like {@link #atNow}, with {@code since}; null when only the history store can tell. */
    public Point valueAtNow(UUID tagId, long now) {
        if (!checked.contains(tagId) && !check(tagId)) {
            return null;
        }
        Sample cur = engine.current(tagId);
        Pending p = pending.get(tagId);
        if (p != null) {
            if (cur != null && cur.x() >= p.max()) {
                pending.remove(tagId, p);
            } else if (p.min() <= now) {
                return null; // a future sample has come due: the current value is not the value at now
            }
        }
        if (cur == null) {
            return new Point(new Sample(now, null, null), null);
        }
        return new Point(cur.x() == now ? cur : new Sample(now, cur.y(), cur.q()), cur.x());
    }

    /** Once per tag: are there stored samples newer than the current value (e.g. from before a restart)? */
    private boolean check(UUID tagId) {
        try {
            Sample cur = engine.current(tagId);
            long from = cur == null ? Long.MIN_VALUE / 4 : cur.x() + 1;
            TagHistory first = engine.history(new HistoryQuery(tagId, from, FAR_FUTURE, 1, null, null, true, null, false));
            if (!first.data().isEmpty()) {
                TagHistory last = engine.history(new HistoryQuery(tagId, null, FAR_FUTURE, 1, null, null, true, null, false));
                long max = last.data().isEmpty() ? first.data().get(0).x() : last.data().get(last.data().size() - 1).x();
                pending.merge(tagId, new Pending(first.data().get(0).x(), max), Pending::merge);
            }
            checked.add(tagId);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The tag was deleted or the server stops: forget it. */
    public void forget(UUID tagId) {
        pending.remove(tagId);
        checked.remove(tagId);
    }

    public void close() {
        closed = true;
        pending.clear();
        checked.clear();
    }
}
