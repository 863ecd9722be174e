package org.peresvet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * Answers a {@link HistoryQuery} for one tag from its stored samples: the history query rules of
 * the data contract (DESIGN.md, "Data contract") as pure logic, without storage or transport.
 *
 * <p>The steps, in order: pick the points (one point at finish, the period from start to finish
 * with boundary points, the last N points up to finish, or a {@code timeStep} series), filter them by value,
 * keep the first {@code count} when start is given, then cap them at {@code maxCount}. Every step
 * after the first keeps a prefix, so the points are read only as far as the answer needs them.
 */
public final class HistoryQueries {

    private HistoryQueries() {
    }

    /**
     * @param type the tag's value type (decides linear or step interpolation)
     * @param step the tag's step flag: no interpolation between samples
     * @param now  the current time in microseconds; the default finish
     * @throws IllegalArgumentException naming the parameter when the query is not valid
     */
    public static TagHistory run(HistoryQuery q, ValueType type, boolean step, SampleSource src, long now) {
        Objects.requireNonNull(q, "query");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(src, "source");
        long finish = q.finish() != null ? q.finish() : now;
        validate(q, finish);

        // Without an explicit finish the query ends at now: future samples are not even neighbours.
        long horizon = q.finish() != null ? Long.MAX_VALUE : now;
        Interpolator interpolator = new Interpolator(src, type, step, horizon);
        Predicate<Sample> wanted = valueFilter(q.values());
        long needed = pointsNeeded(q);

        List<Sample> points;
        if (q.timeStep() != null) {
            points = series(q, finish, interpolator, wanted, needed);
        } else if (q.start() != null) {
            points = period(q, finish, src, interpolator, wanted, needed);
        } else if (q.count() != null) {
            points = keep(lastN(q, finish, src, interpolator), wanted);
        } else {
            points = keep(singlePoint(q, finish, src, interpolator), wanted);
        }
        return trim(q, points);
    }

    static void validate(HistoryQuery q, long finish) {
        if (q.start() != null && q.start() > finish) {
            String finishText = q.finish() != null ? "finish " : "finish (now) ";
            throw new IllegalArgumentException("start " + describe(q.start()) + " is after "
                    + finishText + describe(finish));
        }
        if (q.count() != null && q.count() < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + q.count());
        }
        if (q.maxCount() != null && q.maxCount() < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1, got " + q.maxCount());
        }
        if (q.timeStep() != null) {
            validateTimeStep(q, finish);
        }
    }

    private static void validateTimeStep(HistoryQuery q, long finish) {
        if (q.timeStep() <= 0) {
            throw new IllegalArgumentException("timeStep must be positive (microseconds), got " + q.timeStep());
        }
        if (q.actual()) {
            throw new IllegalArgumentException("timeStep cannot be combined with actual: "
                    + "a series is interpolated, actual asks for stored samples only");
        }
        if (q.start() == null && q.count() == null) {
            throw new IllegalArgumentException("timeStep needs start or count to know where the series begins");
        }
        if (q.start() == null) {
            try {
                Math.subtractExact(finish, Math.multiplyExact(q.timeStep(), q.count() - 1L));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "timeStep * (count - 1) reaches before the earliest representable time");
            }
        }
    }

    private static String describe(long micros) {
        return micros + " (" + Micros.format(micros) + ")";
    }

    /**
     * How many points (after the value filter) the answer can use: count when it keeps the first
     * N, maxCount + 1 to learn whether there is an excess. Long.MAX_VALUE when unbounded.
     */
    private static long pointsNeeded(HistoryQuery q) {
        long needed = Long.MAX_VALUE;
        if (q.start() != null && q.count() != null) {
            needed = q.count();
        }
        if (q.maxCount() != null) {
            needed = Math.min(needed, q.maxCount() + 1L);
        }
        return needed;
    }

    /** No start and no count: the value at finish (with actual, the last stored sample up to it). */
    static List<Sample> singlePoint(HistoryQuery q, long finish, SampleSource src, Interpolator interpolator) {
        if (q.actual()) {
            List<Sample> last = src.last(null, finish, 1);
            return last.isEmpty() ? List.of() : List.of(last.get(last.size() - 1));
        }
        return List.of(interpolator.at(finish));
    }

    /**
     * Count without start: the last N points of the series that ends at finish. With an explicit
     * finish (and not actual) that series ends with the boundary point at finish, interpolated
     * like any boundary point, so it is the last of the N; without finish (now) or with actual,
     * the last N stored samples.
     */
    static List<Sample> lastN(HistoryQuery q, long finish, SampleSource src, Interpolator interpolator) {
        int n = q.count();
        List<Sample> stored = src.last(null, finish, n);
        if (q.finish() == null || q.actual()
                || !stored.isEmpty() && stored.get(stored.size() - 1).x() == finish) {
            return stored;
        }
        List<Sample> points = new ArrayList<>(stored.size() + 1);
        points.addAll(stored.size() == n ? stored.subList(1, n) : stored);
        points.add(interpolator.at(finish));
        return points;
    }

    /** Stored samples from start to finish, plus interpolated boundary points unless actual. */
    private static List<Sample> period(HistoryQuery q, long finish, SampleSource src, Interpolator interpolator,
                                       Predicate<Sample> wanted, long needed) {
        long start = q.start();
        // A value filter may drop any sample, so only an unfiltered read can stop early. Reading
        // `needed` samples is enough even when a start boundary point takes the first place.
        int limit = q.values() == null || q.values().isEmpty() ? toLimit(needed) : 0;
        List<Sample> stored = src.range(start, finish, limit);
        if (q.actual()) {
            return keep(stored, wanted);
        }
        // A truncated read already fills the answer; the finish boundary point would be cut off.
        boolean complete = limit == 0 || stored.size() < limit;

        List<Sample> points = new ArrayList<>(stored.size() + 2);
        if (stored.isEmpty() || stored.get(0).x() != start) {
            points.add(interpolator.at(start));
        }
        points.addAll(stored);
        boolean finishStored = !stored.isEmpty() && stored.get(stored.size() - 1).x() == finish;
        if (complete && !finishStored && finish != start) {
            points.add(interpolator.at(finish));
        }
        return keep(points, wanted);
    }

    private static int toLimit(long needed) {
        return needed >= Integer.MAX_VALUE ? 0 : (int) needed;
    }

    /**
     * The evenly spaced series ending at finish: down to start, or count points without start.
     * Built from the earliest point on, so it stops as soon as enough points passed the filter.
     */
    private static List<Sample> series(HistoryQuery q, long finish, Interpolator interpolator,
                                       Predicate<Sample> wanted, long needed) {
        long stepMicros = q.timeStep();
        long intervals = q.start() != null ? (finish - q.start()) / stepMicros : q.count() - 1L;
        long first = finish - intervals * stepMicros;
        List<Sample> points = new ArrayList<>();
        for (long i = 0; i <= intervals && points.size() < needed; i++) {
            Sample point = interpolator.at(first + i * stepMicros);
            if (wanted.test(point)) {
                points.add(point);
            }
        }
        return points;
    }

    /** Count with start keeps the first N; maxCount keeps the first M and flags the excess. */
    private static TagHistory trim(HistoryQuery q, List<Sample> points) {
        if (q.start() != null && q.count() != null && points.size() > q.count()) {
            points = points.subList(0, q.count());
        }
        boolean excess = q.maxCount() != null && points.size() > q.maxCount();
        if (excess) {
            points = points.subList(0, q.maxCount());
        }
        return new TagHistory(q.tagId(), List.copyOf(points), excess);
    }

    private static List<Sample> keep(List<Sample> points, Predicate<Sample> wanted) {
        return points.stream().filter(wanted).toList();
    }

    /** Null or empty values: no filter. */
    static Predicate<Sample> valueFilter(List<Object> values) {
        if (values == null || values.isEmpty()) {
            return s -> true;
        }
        List<Object> copy = new ArrayList<>(values);
        return s -> copy.stream().anyMatch(v -> sameValue(s.y(), v));
    }

    /** Numbers compare by value (1, 1L and 1.0 are the same); anything else by equals. */
    static boolean sameValue(Object y, Object wanted) {
        if (y instanceof Number a && wanted instanceof Number b) {
            return isWhole(a) && isWhole(b) ? a.longValue() == b.longValue() : a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(y, wanted);
    }

    private static boolean isWhole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
