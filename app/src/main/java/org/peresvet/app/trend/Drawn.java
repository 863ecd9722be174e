package org.peresvet.app.trend;

import java.util.Arrays;
import org.peresvet.model.Quality;

/**
 * What a pen draws, in chart units (x in ms since the epoch): the line (NaN y for a gap, with
 * the quality of each point) and the min/max band where a bin or pixel column holds more than
 * one sample (NaN where the band breaks). Built from decimated history and the live ring, so it
 * holds a few points per pixel column at most.
 */
final class Drawn {
    static final Drawn EMPTY = new Builder().build(false);

    final double[] xs;
    final double[] ys;
    final int[] qs;
    final int size;
    final double[] bx;
    final double[] lo;
    final double[] hi;
    final int bandSize;
    final boolean step;
    /** from, to, min, max of the last {@link #bounds} answer. */
    private double[] boundsMemo;

    private Drawn(Builder b, boolean step) {
        this.xs = b.xs;
        this.ys = b.ys;
        this.qs = b.qs;
        this.size = b.size;
        this.bx = b.bx;
        this.lo = b.lo;
        this.hi = b.hi;
        this.bandSize = b.bandSize;
        this.step = step;
    }

    /** The value drawn at time t (ms): held for steps, on the line between neighbours otherwise; NaN in a gap or before the data. */
    double valueAt(double t) {
        int i = lastAtOrBefore(t);
        if (i < 0) {
            return Double.NaN;
        }
        double y0 = ys[i];
        if (step || xs[i] == t || i + 1 >= size || Double.isNaN(y0) || Double.isNaN(ys[i + 1])) {
            return y0;
        }
        double f = (t - xs[i]) / (xs[i + 1] - xs[i]);
        return y0 + f * (ys[i + 1] - y0);
    }

    /** The quality at time t (ms), or -1 before the data. */
    int qualityAt(double t) {
        int i = lastAtOrBefore(t);
        return i < 0 ? -1 : qs[i];
    }

    /** Index of the last point with x <= t, or -1. */
    int lastAtOrBefore(double t) {
        int lo0 = 0;
        int hi0 = size - 1;
        int found = -1;
        while (lo0 <= hi0) {
            int mid = (lo0 + hi0) >>> 1;
            if (xs[mid] <= t) {
                found = mid;
                lo0 = mid + 1;
            } else {
                hi0 = mid - 1;
            }
        }
        return found;
    }

    /** The smallest and largest value drawn (line and band) with x in [from, to] ms; NaN when none. */
    double[] bounds(double from, double to) {
        // JFreeChart asks once per axis for every dataset change of a redraw: answer repeats from memory.
        double[] memo = boundsMemo;
        if (memo != null && memo[0] == from && memo[1] == to) {
            return new double[] {memo[2], memo[3]};
        }
        double[] b = computeBounds(from, to);
        boundsMemo = new double[] {from, to, b[0], b[1]};
        return b;
    }

    private double[] computeBounds(double from, double to) {
        double min = Double.NaN;
        double max = Double.NaN;
        for (int i = 0; i < size; i++) {
            if (xs[i] >= from && xs[i] <= to && !Double.isNaN(ys[i])) {
                min = Double.isNaN(min) ? ys[i] : Math.min(min, ys[i]);
                max = Double.isNaN(max) ? ys[i] : Math.max(max, ys[i]);
            }
        }
        for (int i = 0; i < bandSize; i++) {
            if (bx[i] >= from && bx[i] <= to && !Double.isNaN(lo[i])) {
                min = Double.isNaN(min) ? lo[i] : Math.min(min, lo[i]);
                max = Double.isNaN(max) ? hi[i] : Math.max(max, hi[i]);
            }
        }
        return new double[] {min, max};
    }

    /** Growable line and band. */
    static final class Builder {
        private double[] xs = new double[256];
        private double[] ys = new double[256];
        private int[] qs = new int[256];
        private int size;
        private double[] bx = new double[256];
        private double[] lo = new double[256];
        private double[] hi = new double[256];
        private int bandSize;

        /** A point of the line; NaN y breaks it (quality q says why). */
        void add(double x, double y, int q) {
            if (size > 0 && x < xs[size - 1]) {
                x = xs[size - 1]; // never backwards: a late sample is drawn at the line's end
            }
            if (size > 0 && Double.isNaN(y) && Double.isNaN(ys[size - 1])) {
                if (qs[size - 1] == Quality.BAD_DATA) {
                    qs[size - 1] = q; // a bin only knew "bad inside"; the samples that follow say what
                }
                return; // one NaN is enough to break the line
            }
            if (size == xs.length) {
                xs = Arrays.copyOf(xs, size * 2);
                ys = Arrays.copyOf(ys, size * 2);
                qs = Arrays.copyOf(qs, size * 2);
            }
            xs[size] = x;
            ys[size] = y;
            qs[size] = q;
            size++;
        }

        /** A point of the min/max band; NaN min breaks it. */
        void band(double x, double min, double max) {
            if (bandSize > 0 && x < bx[bandSize - 1]) {
                x = bx[bandSize - 1];
            }
            if (Double.isNaN(min) && (bandSize == 0 || Double.isNaN(lo[bandSize - 1]))) {
                return;
            }
            if (bandSize == bx.length) {
                bx = Arrays.copyOf(bx, bandSize * 2);
                lo = Arrays.copyOf(lo, bandSize * 2);
                hi = Arrays.copyOf(hi, bandSize * 2);
            }
            bx[bandSize] = x;
            lo[bandSize] = min;
            hi[bandSize] = max;
            bandSize++;
        }

        void breakBand() {
            band(bandSize == 0 ? 0 : bx[bandSize - 1], Double.NaN, Double.NaN);
        }

        int size() {
            return size;
        }

        double lastY() {
            return size == 0 ? Double.NaN : ys[size - 1];
        }

        double lastX() {
            return size == 0 ? Double.NaN : xs[size - 1];
        }

        int lastQ() {
            return size == 0 ? Quality.GOOD : qs[size - 1];
        }

        Drawn build(boolean step) {
            return new Drawn(this, step);
        }
    }
}
