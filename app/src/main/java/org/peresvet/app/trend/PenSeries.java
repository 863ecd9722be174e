package org.peresvet.app.trend;

import java.util.LinkedHashMap;
import java.util.Map;
import org.peresvet.history.Bin;
import org.peresvet.history.BinnedHistory;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;

/**
 * What one pen shows: its decimated history, stitched to its live ring. History is kept per bin
 * width in {@link BinStrip}s (the few last widths, so a pan reads only the exposed edge and a zoom
 * back reads nothing); the strip on screen is the one at the view's width once it holds the view,
 * until then the one shown before (a zoom draws the coarse data at once and refines it when the
 * finer answer comes). The seam is the last sample the shown history holds: live samples after it
 * are drawn, those at or before it are already in the history. The ring is filled from before the
 * history was asked, so nothing falls between them (no gap) and nothing is drawn twice (no duplicate).
 */
final class PenSeries {
    /** Bin widths a pen keeps history for. */
    private static final int WIDTHS = 4;
    /** The key of the live window's strip: it is read whole each time, never joined. */
    static final long LIVE = -1;

    final TrendPen pen;
    final LiveRing ring;
    /** Strips by bin width (or {@link #LIVE}), least recently used first. */
    private final Map<Long, BinStrip> strips = new LinkedHashMap<>(8, 0.75f, true);
    private BinStrip shown;
    private BinnedHistory lastAnswer;

    PenSeries(TrendPen pen, int ringCapacity) {
        this.pen = pen;
        this.ring = new LiveRing(ringCapacity);
    }

    /** The strip for a width (made empty on first use); the least recently used goes beyond {@link #WIDTHS}. */
    BinStrip strip(long width) {
        BinStrip s = strips.computeIfAbsent(width, BinStrip::new);
        if (strips.size() > WIDTHS) {
            Long eldest = strips.keySet().iterator().next();
            if (strips.get(eldest) != shown) {
                strips.remove(eldest);
            }
        }
        return s;
    }

    /** Adds an answer to the strip of its width. */
    void history(long width, BinnedHistory h, long asked, long viewFrom, long viewTo) {
        strip(width).add(h, width != LIVE, asked, viewFrom, viewTo);
        lastAnswer = h;
    }

    /** Draws from this strip from now on. */
    void show(long width) {
        shown = strip(width);
    }

    /** Whether the pen has history to draw (else a redraw before its first answer shows nothing new). */
    boolean hasHistory() {
        return shown != null && !shown.isEmpty();
    }

    /** The last history answer (tests read it). */
    BinnedHistory history() {
        return lastAnswer;
    }

    long seam() {
        return shown == null ? Long.MIN_VALUE : shown.seam();
    }

    boolean step() {
        return shown != null && shown.step();
    }

    /** Whether the ring still holds everything after the seam (else the history must be asked again). */
    boolean stitched() {
        long seam = seam();
        return ring.size() < ring.capacity() || ring.oldest() <= seam + 1 || seam == Long.MIN_VALUE;
    }

    /**
     * The line and band to draw for [from, to] (µs) in {@code columns} pixel columns: the
     * history's raw samples, or per bin its last value on the line and its min and max as the
     * band; then the live samples after the seam reduced the same way per column; in live mode
     * the last good value is held up to {@code now}. Only what the period needs is drawn: one
     * point beyond each edge, a few points per pixel column.
     */
    Drawn build(long from, long to, int columns, long now, boolean live) {
        Drawn.Builder b = new Drawn.Builder();
        BinStrip h = shown;
        boolean toEnd = true;
        if (h != null) {
            toEnd = h.visit(from, to, new BinStrip.Visitor() {
                @Override
                public void sample(Sample s) {
                    point(b, s);
                }

                @Override
                public void bin(Bin bin) {
                    addBin(b, bin);
                }
            });
        }
        b.breakBand();
        long seam = seam();
        if (toEnd) {
            ColumnReducer live4 = new ColumnReducer(b, from, to, columns);
            ring.forEachAfter(seam, live ? Long.MAX_VALUE : to, live4::add);
            live4.flush();
            if (h != null && h.after() != null && !live) {
                point(b, h.after());
            }
        }
        if (live && b.size() > 0 && !Double.isNaN(b.lastY()) && TrendMath.toMillis(now) > b.lastX()) {
            b.add(TrendMath.toMillis(now), b.lastY(), b.lastQ()); // the current value holds until now
        }
        return b.build(step());
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
