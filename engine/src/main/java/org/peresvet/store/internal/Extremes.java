package org.peresvet.store.internal;

/**
 * The one rule for a run's smallest and largest value, wherever a block's doubles are summed up
 * (a segment's table entry, a run of decoded doubles, joined segments): a value takes the place
 * only when strictly beyond (ties keep the earlier x), and NaN (no value) never does, though any
 * value replaces a NaN held so far.
 */
final class Extremes {
    private Extremes() {
    }

    /** Whether {@code v} becomes the smallest, {@code min} being the smallest so far. */
    static boolean lower(double v, double min) {
        return v < min || (Double.isNaN(min) && !Double.isNaN(v));
    }

    /** Whether {@code v} becomes the largest, {@code max} being the largest so far. */
    static boolean higher(double v, double max) {
        return v > max || (Double.isNaN(max) && !Double.isNaN(v));
    }
}
