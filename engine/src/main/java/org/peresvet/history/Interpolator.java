package org.peresvet.history;

import java.util.List;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * The value of one tag at any moment, by the interpolation rules of the data contract: a stored
 * sample at that moment as is; otherwise linear between the neighbours for int/double tags that
 * are not step tags, else the previous value held; null before the first sample.
 *
 * <p>Remembers its last lookup, so that asking for increasing times (boundary points, a
 * {@code timeStep} series) reads the source again only when a stored sample was passed.
 */
final class Interpolator {
    private final SampleSource src;
    private final boolean linear;
    private final boolean integer;
    private final long horizon;

    // The last lookup: prev is the last sample with x <= lookedUp, next the first with x > lookedUp.
    private boolean hasLookup;
    private long lookedUp;
    private Sample prev;
    private Sample next;

    /**
     * @param horizon samples after this moment are ignored as right neighbours (the query
     *                ends at "now"); Long.MAX_VALUE for none
     */
    Interpolator(SampleSource src, ValueType type, boolean step, long horizon) {
        this.src = src;
        this.linear = !step && (type == ValueType.DOUBLE || type == ValueType.INT);
        this.integer = type == ValueType.INT;
        this.horizon = horizon;
    }

    Sample at(long t) {
        lookUp(t);
        if (prev == null) {
            return new Sample(t, null, null);
        }
        if (prev.x() == t) {
            return prev;
        }
        if (!linear || !interpolable(prev) || !interpolable(next)) {
            return new Sample(t, prev.y(), prev.q());
        }
        return new Sample(t, line(t), prev.q());
    }

    private void lookUp(long t) {
        // No stored sample lies in (lookedUp, next.x), so the neighbours of t are the same.
        boolean reusable = hasLookup && t >= lookedUp && (next == null || next.x() > t);
        if (reusable) {
            return;
        }
        List<Sample> upToT = src.last(null, t, 1);
        prev = upToT.isEmpty() ? null : upToT.get(upToT.size() - 1);
        Sample after = src.after(t);
        next = after != null && after.x() <= horizon ? after : null;
        hasLookup = true;
        lookedUp = t;
    }

    /** A bad or empty neighbour (or none) gives no line to draw: the previous value holds. */
    private static boolean interpolable(Sample s) {
        return s != null && s.isGood() && s.y() instanceof Number;
    }

    private Object line(long t) {
        double y0 = ((Number) prev.y()).doubleValue();
        double y1 = ((Number) next.y()).doubleValue();
        double share = (double) (t - prev.x()) / (next.x() - prev.x());
        if (integer) {
            // Adding the rounded change to the exact long keeps large values exact.
            return ((Number) prev.y()).longValue() + Math.round((y1 - y0) * share);
        }
        return y0 + (y1 - y0) * share;
    }
}
