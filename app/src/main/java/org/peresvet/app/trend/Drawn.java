package org.peresvet.app.trend;

import java.util.Arrays;

/**
 * The points a pen draws, in chart units (x in ms since the epoch), NaN y for a gap. Built from
 * decimated history and the live ring, so it holds at most a few points per pixel column.
 */
final class Drawn {
    static final Drawn EMPTY = new Drawn(new double[0], new double[0], 0, false);

    final double[] xs;
    final double[] ys;
    final int size;
    final boolean step;

    Drawn(double[] xs, double[] ys, int size, boolean step) {
        this.xs = xs;
        this.ys = ys;
        this.size = size;
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

    /** Index of the last point with x <= t, or -1. */
    int lastAtOrBefore(double t) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    double[][] asSeries() {
        return new double[][] {Arrays.copyOf(xs, size), Arrays.copyOf(ys, size)};
    }

    /** Growable point list. */
    static final class Builder {
        private double[] xs = new double[256];
        private double[] ys = new double[256];
        private int size;

        void add(double x, double y) {
            if (size > 0 && x < xs[size - 1]) {
                x = xs[size - 1]; // never backwards: a late sample is drawn at the line's end
            }
            if (size > 0 && Double.isNaN(y) && Double.isNaN(ys[size - 1])) {
                return; // one NaN is enough to break the line
            }
            if (size == xs.length) {
                xs = Arrays.copyOf(xs, size * 2);
                ys = Arrays.copyOf(ys, size * 2);
            }
            xs[size] = x;
            ys[size] = y;
            size++;
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

        Drawn build(boolean step) {
            return new Drawn(xs, ys, size, step);
        }
    }
}
