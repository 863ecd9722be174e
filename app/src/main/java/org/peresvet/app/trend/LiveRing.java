package org.peresvet.app.trend;

import org.peresvet.model.Sample;

/**
 * Every live sample of one pen (not only the latest), in a bounded ring of primitive arrays:
 * x in µs, the value as a double (NaN for a bad or missing value) and the quality code. Written by the delivery thread,
 * read by the FX thread; both under the ring's lock, each for a moment. When full, the oldest
 * samples go; {@link #oldest()} tells the trend whether the ring still reaches back to the history
 * it stitches to.
 */
final class LiveRing {
    private final long[] xs;
    private final double[] ys;
    private final int[] qs;
    private int head;
    private int size;
    private long added;

    LiveRing(int capacity) {
        xs = new long[capacity];
        ys = new double[capacity];
        qs = new int[capacity];
    }

    /** Bytes the ring holds whatever its fill: the memory bound of a pen's live data. */
    long bytes() {
        return (long) xs.length * (Long.BYTES + Double.BYTES + Integer.BYTES) + 64;
    }

    int capacity() {
        return xs.length;
    }

    synchronized void add(Sample s) {
        int at = (head + size) % xs.length;
        if (size == xs.length) {
            head = (head + 1) % xs.length;
        } else {
            size++;
        }
        xs[at] = s.x();
        ys[at] = TrendMath.drawnValue(s);
        qs[at] = TrendMath.quality(s);
        added++;
    }

    /** How many samples ever came in (for tests and the stitching check). */
    synchronized long added() {
        return added;
    }

    synchronized int size() {
        return size;
    }

    /** The oldest x held, or Long.MAX_VALUE when empty. */
    synchronized long oldest() {
        return size == 0 ? Long.MAX_VALUE : xs[head];
    }

    synchronized void clear() {
        size = 0;
        head = 0;
    }

    /**
     * Visits the samples with x > after, in the order they came (which is x order for a live
     * feed), up to the first one past {@code until}: what lies beyond a period is not drawn.
     */
    synchronized void forEachAfter(long after, long until, Visitor v) {
        for (int i = 0; i < size; i++) {
            int k = (head + i) % xs.length;
            if (xs[k] > after) {
                v.sample(xs[k], ys[k], qs[k]);
                if (xs[k] > until) {
                    return;
                }
            }
        }
    }

    @FunctionalInterface
    interface Visitor {
        void sample(long x, double y, int q);
    }
}
