package org.peresvet.app.trend;

import org.peresvet.history.Bin;
import org.peresvet.history.BinnedHistory;
import org.peresvet.model.Quality;
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
     * The line and band to draw for [from, to] (µs) in {@code columns} pixel columns: the
     * history's raw samples, or per bin its first and last value on the line and its min and max
     * as the band; then the live samples after the seam reduced the same way per column; in live
     * mode the last good value is held up to {@code now}.
     */
    Drawn build(long from, long to, int columns, long now, boolean live) {
        Drawn.Builder b = new Drawn.Builder();
        BinnedHistory h = history;
        if (h != null) {
            if (h.before() != null) {
                point(b, h.before());
            }
            if (h.raw()) {
                for (Sample s : h.samples()) {
                    point(b, s);
                }
            } else {
                for (Bin bin : h.bins()) {
                    addBin(b, bin);
                }
            }
        }
        b.breakBand();
        ColumnReducer live4 = new ColumnReducer(b, from, to, columns);
        ring.forEachAfter(seam, live4::add);
        live4.flush();
        if (h != null && h.after() != null && !live) {
            point(b, h.after());
        }
        if (live && b.size() > 0 && !Double.isNaN(b.lastY()) && TrendMath.toMillis(now) > b.lastX()) {
            b.add(TrendMath.toMillis(now), b.lastY(), b.lastQ()); // the current value holds until now
        }
        return b.build(step);
    }

    private static void point(Drawn.Builder b, Sample s) {
        b.add(TrendMath.toMillis(s.x()), TrendMath.drawnValue(s), TrendMath.quality(s));
    }

    /**
     * A bin of several samples: its last value on the line (a bin is about a pixel wide: a second
     * point per bin only drew a vertical stroke, and rasterising those was most of a redraw's cost)
     * and its min to max as the band, one band point per bin. A bad first sample, or a bad sample
     * inside, breaks the line there (the quality kept for the readout).
     */
    private static void addBin(Drawn.Builder b, Bin bin) {
        if (bin.count() == 1) {
            point(b, bin.first());
            b.breakBand();
            return;
        }
        double fx = TrendMath.toMillis(bin.first().x());
        if (!bin.first().isGood() || bin.first().y() == null) {
            point(b, bin.first());
        } else if (bin.bad() > 0) {
            point(b, bin.first());
            b.add(fx, Double.NaN, Quality.BAD_DATA);
        }
        if (bin.bad() > 0 || !bin.hasValue()) {
            b.breakBand();
        } else {
            b.band(TrendMath.toMillis((bin.first().x() + bin.last().x()) / 2), bin.min(), bin.max());
        }
        point(b, bin.last());
    }

    /** Reduces a stream of samples to first and last (line) and min to max (band) per pixel column; a gap ends the column. */
    static final class ColumnReducer {
        private final Drawn.Builder out;
        private final long from;
        private final double perColumn;
        private long col = Long.MIN_VALUE;
        private long fx;
        private double fy;
        private double min;
        private double max;
        private long lx;
        private double ly;
        private int n;

        ColumnReducer(Drawn.Builder out, long from, long to, int columns) {
            this.out = out;
            this.from = from;
            this.perColumn = Math.max(1.0, (double) (to - from) / Math.max(1, columns));
        }

        void add(long x, double y, int q) {
            if (Double.isNaN(y)) {
                flush();
                out.add(TrendMath.toMillis(x), Double.NaN, q);
                out.breakBand();
                return;
            }
            long c = (long) Math.floor((x - from) / perColumn);
            if (c != col) {
                flush();
                col = c;
                fx = x;
                fy = y;
                min = y;
                max = y;
            }
            min = Math.min(min, y);
            max = Math.max(max, y);
            lx = x;
            ly = y;
            n++;
        }

        void flush() {
            if (n == 0) {
                return;
            }
            out.add(TrendMath.toMillis(fx), fy, Quality.GOOD);
            if (n > 1) {
                out.band(TrendMath.toMillis(fx), min, max);
                out.band(TrendMath.toMillis(lx), min, max);
                if (lx != fx) {
                    out.add(TrendMath.toMillis(lx), ly, Quality.GOOD);
                }
            } else {
                out.breakBand();
            }
            n = 0;
            col = Long.MIN_VALUE;
        }
    }
}
