package org.peresvet.app.trend;

import org.peresvet.history.Bin;
import org.peresvet.history.BinnedHistory;
import org.peresvet.model.Sample;

/**
 * What one pen shows: its decimated history for the fetched period, stitched to its live ring.
 * The seam is the last sample the history answer holds: live samples after it are drawn, those
 * at or before it are already in the history. The ring is filled from before the history was
 * asked, so nothing falls between them (no gap) and nothing is drawn twice (no duplicate).
 */
final class PenSeries {
    final TrendPen pen;
    final LiveRing ring;
    private BinnedHistory history;
    /** x (µs) of the last sample in the history answer: the seam. */
    private long seam = Long.MIN_VALUE;
    private boolean step;

    PenSeries(TrendPen pen, int ringCapacity) {
        this.pen = pen;
        this.ring = new LiveRing(ringCapacity);
    }

    void history(BinnedHistory h) {
        this.history = h;
        this.step = h.step();
        long last = h.before() != null ? h.before().x() : Long.MIN_VALUE;
        if (h.raw() && !h.samples().isEmpty()) {
            last = h.samples().get(h.samples().size() - 1).x();
        } else if (!h.raw() && !h.bins().isEmpty()) {
            last = h.bins().get(h.bins().size() - 1).last().x();
        }
        this.seam = last;
    }

    BinnedHistory history() {
        return history;
    }

    long seam() {
        return seam;
    }

    boolean step() {
        return step;
    }

    /** Whether the ring still holds everything after the seam (else the history must be asked again). */
    boolean stitched() {
        return ring.size() < ring.capacity() || ring.oldest() <= seam + 1 || seam == Long.MIN_VALUE;
    }

    /**
     * The points to draw for [from, to] (µs) in {@code columns} pixel columns: the history's bins
     * as first/min/max/last in time order, then the live samples after the seam reduced the same
     * way per column; in live mode the last good value is held up to {@code now}.
     */
    Drawn build(long from, long to, int columns, long now, boolean live) {
        Drawn.Builder b = new Drawn.Builder();
        BinnedHistory h = history;
        if (h != null) {
            if (h.before() != null) {
                b.add(TrendMath.toMillis(h.before().x()), TrendMath.drawnValue(h.before()));
            }
            if (h.raw()) {
                for (Sample s : h.samples()) {
                    b.add(TrendMath.toMillis(s.x()), TrendMath.drawnValue(s));
                }
            } else {
                for (Bin bin : h.bins()) {
                    addBin(b, bin);
                }
            }
        }
        ColumnReducer live4 = new ColumnReducer(b, from, to, columns);
        ring.forEachAfter(seam, live4::add);
        live4.flush();
        if (h != null && h.after() != null && !live) {
            b.add(TrendMath.toMillis(h.after().x()), TrendMath.drawnValue(h.after()));
        }
        if (live && b.size() > 0 && !Double.isNaN(b.lastY()) && TrendMath.toMillis(now) > b.lastX()) {
            b.add(TrendMath.toMillis(now), b.lastY()); // the current value holds until now
        }
        return b.build(step);
    }

    /** first, min, max, last in time order; a bad first or last breaks the line there. */
    private static void addBin(Drawn.Builder b, Bin bin) {
        long[] x = {bin.first().x(), bin.minX(), bin.maxX(), bin.last().x()};
        double[] y = {TrendMath.drawnValue(bin.first()), bin.min(), bin.max(), TrendMath.drawnValue(bin.last())};
        boolean[] use = {true, bin.hasValue(), bin.hasValue() && bin.maxX() != bin.minX(), bin.count() > 1};
        if (bin.hasValue() && bin.minX() > bin.maxX()) { // max comes first
            swap(x, y, 1, 2);
        }
        for (int i = 0; i < 4; i++) {
            if (use[i]) {
                b.add(TrendMath.toMillis(x[i]), y[i]);
            }
        }
    }

    private static void swap(long[] x, double[] y, int i, int j) {
        long tx = x[i];
        x[i] = x[j];
        x[j] = tx;
        double ty = y[i];
        y[i] = y[j];
        y[j] = ty;
    }

    /** Reduces a stream of samples to first/min/max/last per pixel column; a gap ends the column. */
    static final class ColumnReducer {
        private final Drawn.Builder out;
        private final long from;
        private final double perColumn;
        private long col = Long.MIN_VALUE;
        private long fx;
        private double fy;
        private long minX;
        private double min;
        private long maxX;
        private double max;
        private long lx;
        private double ly;
        private int n;

        ColumnReducer(Drawn.Builder out, long from, long to, int columns) {
            this.out = out;
            this.from = from;
            this.perColumn = Math.max(1.0, (double) (to - from) / Math.max(1, columns));
        }

        void add(long x, double y) {
            if (Double.isNaN(y)) {
                flush();
                out.add(TrendMath.toMillis(x), Double.NaN);
                return;
            }
            long c = (long) Math.floor((x - from) / perColumn);
            if (c != col) {
                flush();
                col = c;
                fx = x;
                fy = y;
                minX = x;
                min = y;
                maxX = x;
                max = y;
            }
            if (y < min) {
                min = y;
                minX = x;
            }
            if (y > max) {
                max = y;
                maxX = x;
            }
            lx = x;
            ly = y;
            n++;
        }

        void flush() {
            if (n == 0) {
                return;
            }
            out.add(TrendMath.toMillis(fx), fy);
            if (n > 1) {
                boolean minFirst = minX <= maxX;
                emitInner(minFirst ? minX : maxX, minFirst ? min : max);
                emitInner(minFirst ? maxX : minX, minFirst ? max : min);
                if (lx != fx) {
                    out.add(TrendMath.toMillis(lx), ly);
                }
            }
            n = 0;
            col = Long.MIN_VALUE;
        }

        private void emitInner(long x, double y) {
            if (x != fx && x != lx) {
                out.add(TrendMath.toMillis(x), y);
            }
        }
    }
}
