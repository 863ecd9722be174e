package org.peresvet.history;

import org.peresvet.model.Sample;

/**
 * A visitor of samples as primitives: a scan over a million stored samples (a trend's bins) then
 * allocates nothing per sample. The value comes as a kind and its bits, or as the object itself.
 */
@FunctionalInterface
public interface SampleScan {
    /** No value (y is null). */
    int NULL = 0;
    /** A double: {@code bits} are its raw long bits. */
    int DOUBLE = 1;
    /** A long: {@code bits} is the value. */
    int LONG = 2;
    /** A boolean: {@code bits} is 1 or 0. */
    int BOOL = 3;
    /** Any other value (string, JSON) or a sample handed over as it is: {@code obj} is y. */
    int OBJECT = 4;
    /** {@code q} when the sample carries no quality code (good). */
    long NO_Q = Long.MIN_VALUE;

    void sample(long x, int kind, long bits, Object obj, long q);

    /**
     * A double without a quality code (most stored samples): the same as {@link #sample} with
     * kind {@link #DOUBLE} and {@link #NO_Q}; a scan that sees many overrides it with a shorter way.
     */
    default void goodDouble(long x, long bits) {
        sample(x, DOUBLE, bits, null, NO_Q);
    }

    /**
     * How far good doubles from {@code x} on may come summed up as one run ({@link #goodDoubles}):
     * those with x below the answer. {@code x} itself (the default) when each must come alone.
     * A bin summary takes a run per bin: a long scan then makes a call per bin, not per sample.
     */
    default long runEnd(long x) {
        return x;
    }

    /**
     * The shortest run {@link #runEnd} will allow once it allows runs at all (a bin summary: its
     * bin width); 0 (the default) when it never does. A store may then read summaries of whole
     * stretches of time instead of the samples.
     */
    default long runSpan() {
        return 0;
    }

    /**
     * A run of {@code n} good doubles in the order written, all below what {@link #runEnd} of its
     * first sample said: its first and last sample, and its smallest and largest value that is
     * not NaN with the x of its earliest occurrence (NaN and any x when every value is NaN).
     */
    default void goodDoubles(int n, long firstX, long firstBits, long lastX, long lastBits, double min, long minX,
                             double max, long maxX) {
        throw new UnsupportedOperationException("runEnd allows no run");
    }

    /** Hands one sample object to a scan. */
    static void of(Sample s, SampleScan to) {
        to.sample(s.x(), SampleScan.OBJECT, 0, s.y(), s.q() == null ? NO_Q : s.q());
    }

    /** The sample a scan saw, as an object again. */
    static Sample toSample(long x, int kind, long bits, Object obj, long q) {
        Object y = switch (kind) {
            case DOUBLE -> Double.longBitsToDouble(bits);
            case LONG -> bits;
            case BOOL -> bits != 0;
            case OBJECT -> obj;
            default -> null;
        };
        return new Sample(x, y, q == NO_Q ? null : (int) q);
    }

    /** The value as a double: NaN for no value or one that is not a number (as {@link Sample#asDouble}). */
    static double asDouble(int kind, long bits, Object obj) {
        return switch (kind) {
            case DOUBLE -> Double.longBitsToDouble(bits);
            case LONG, BOOL -> bits;
            case OBJECT -> obj instanceof Number n ? n.doubleValue() : obj instanceof Boolean b ? (b ? 1.0 : 0.0) : Double.NaN;
            default -> Double.NaN;
        };
    }

    /** Bad quality or no value: a gap (see {@link HistoryBins}). */
    static boolean isGap(int kind, Object obj, long q) {
        return (q != NO_Q && q != 0) || kind == NULL || (kind == OBJECT && obj == null);
    }
}
