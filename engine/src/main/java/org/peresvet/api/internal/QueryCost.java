package org.peresvet.api.internal;

/**
 * What a data query may cost, known before it runs: the points of its answer, by the history
 * query rules (DESIGN.md, "Data contract"). A {@code timeStep} series has period ÷ timeStep + 1
 * points (or {@code count}); the last N samples have N; a period of stored samples has as many as
 * the store holds, unknown until read, so it is read with a cap and refused when the cap is hit.
 * {@code count} (with start) and {@code maxCount} bound every kind.
 */
final class QueryCost {

    private QueryCost() {
    }

    /** A bin of a decimated answer costs as much as the points it holds: first, last, min and max. */
    static final int POINTS_PER_BIN = 4;

    /** Unknown before reading: the stored samples of a period. */
    static final long UNKNOWN = -1;

    /**
     * The most points one tag's answer can have, or {@link #UNKNOWN}.
     *
     * @param finish the finish in µs (now when the query gives none)
     */
    static long pointsPerTag(DataQuery q, long finish) {
        if (q.currentOnly()) {
            return 1;
        }
        if (q.bins() != null) {
            return q.bins() * (long) POINTS_PER_BIN;
        }
        long bound = UNKNOWN;
        if (q.timeStep() != null && q.timeStep() > 0) {
            if (q.start() != null) {
                bound = seriesLength(q.start(), finish, q.timeStep());
            } else if (q.count() != null) {
                bound = Math.max(q.count(), 0);
            }
        } else if (q.start() == null) {
            // The last N samples, or the one point at finish.
            bound = q.count() != null ? Math.max(q.count(), 0) : 1;
        }
        if (q.start() != null && q.count() != null) {
            bound = min(bound, Math.max(q.count(), 0));
        }
        if (q.maxCount() != null) {
            bound = min(bound, Math.max(q.maxCount(), 0));
        }
        return bound;
    }

    /** Points of a series from start to finish: (finish - start) / step + 1, Long.MAX_VALUE on overflow. */
    static long seriesLength(long start, long finish, long step) {
        if (finish < start) {
            return 0; // the query rules refuse it with their own message
        }
        try {
            return Math.addExact(Math.subtractExact(finish, start) / step, 1);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The key that makes a query big, for the error: timeStep, count or start. */
    static String drivingKey(DataQuery q) {
        if (q.bins() != null) {
            return "bins";
        }
        if (q.timeStep() != null) {
            return q.start() != null ? "timeStep" : "count";
        }
        return q.start() != null ? "start" : "count";
    }

    private static long min(long bound, long cap) {
        return bound == UNKNOWN ? cap : Math.min(bound, cap);
    }
}
