package org.peresvet.history;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * Answers a {@link HistoryQuery} like {@link HistoryQueries#run}, point for point the same, but
 * hands the points one by one to a sink instead of building a list: an answer of a million points
 * then lives in no list, stored samples of a period go from the decoder straight to the sink, and
 * a long query can be stopped between any two points (the {@code tick} runs every
 * {@value #TICK_EVERY} candidate points, also those a value filter drops, and may throw).
 */
public final class HistoryStream {
    /** Candidate points between two ticks. */
    public static final int TICK_EVERY = 1024;

    private HistoryStream() {
    }

    /** What a streamed answer held: the points handed to the sink, and whether more than maxCount were available. */
    public record Result(long points, boolean excess) {
    }

    /**
     * @param sink receives the answer's points in x order
     * @param tick runs now and then while the query runs (a deadline check); may throw to stop it
     * @throws IllegalArgumentException naming the parameter when the query is not valid
     */
    public static Result run(HistoryQuery q, ValueType type, boolean step, SampleSource src, long now,
                             SampleScan sink, Runnable tick) {
        Objects.requireNonNull(q, "query");
        Objects.requireNonNull(sink, "sink");
        long finish = q.finish() != null ? q.finish() : now;
        HistoryQueries.validate(q, finish);
        long horizon = q.finish() != null ? Long.MAX_VALUE : now;
        Interpolator interpolator = new Interpolator(src, type, step, horizon);
        Emitter out = new Emitter(q, sink, tick);
        tick.run();
        if (q.timeStep() != null) {
            series(q, finish, interpolator, out);
        } else if (q.start() != null) {
            period(q, finish, src, interpolator, out);
        } else if (q.count() != null) {
            out.all(HistoryQueries.lastN(q, finish, src, interpolator));
        } else {
            out.all(HistoryQueries.singlePoint(q, finish, src, interpolator));
        }
        return new Result(out.emitted, out.excess);
    }

    /** The evenly spaced series ending at finish, from its earliest point on, until the answer is full. */
    private static void series(HistoryQuery q, long finish, Interpolator interpolator, Emitter out) {
        long stepMicros = q.timeStep();
        long intervals = q.start() != null ? (finish - q.start()) / stepMicros : q.count() - 1L;
        long first = finish - intervals * stepMicros;
        for (long i = 0; i <= intervals; i++) {
            if (!out.offer(interpolator.at(first + i * stepMicros))) {
                return;
            }
        }
    }

    /**
     * Stored samples from start to finish, plus interpolated boundary points unless actual. The
     * start boundary is looked up (while the read waits: sources hand over samples they have
     * already fetched) only when no sample is stored at start, as a look-up reads a whole bucket;
     * so the common period read decodes only the blocks it answers from.
     */
    private static void period(HistoryQuery q, long finish, SampleSource src, Interpolator interpolator, Emitter out) {
        long start = q.start();
        int limit = out.filtered() ? 0 : toLimit(out.needed());
        if (q.actual()) {
            src.scanInOrder(start, finish, limit, out);
            return;
        }
        long[] lastX = {Long.MIN_VALUE};
        boolean[] any = {false};
        src.scanInOrder(start, finish, limit, (x, kind, bits, obj, qual) -> {
            if (!any[0]) {
                any[0] = true;
                // Before the first stored sample, unless it lies at start: the start boundary point.
                if (x != start && !out.offer(interpolator.at(start))) {
                    return false;
                }
            }
            lastX[0] = x;
            return out.sample(x, kind, bits, obj, qual);
        });
        if (!any[0] && !out.offer(interpolator.at(start))) {
            return;
        }
        if (out.done) {
            return;
        }
        boolean finishStored = any[0] && lastX[0] == finish;
        if (!finishStored && finish != start) {
            out.offer(interpolator.at(finish));
        }
    }

    private static int toLimit(long needed) {
        return needed >= Integer.MAX_VALUE ? 0 : (int) needed;
    }

    /**
     * The steps after picking the points, in the order {@link HistoryQueries} applies them: the
     * value filter, the first {@code count} when start is given, then the cap {@code maxCount}
     * with its excess flag. Each keeps a prefix, so the emitter says when the answer is full.
     */
    private static final class Emitter implements SampleSource.InOrder {
        private final Predicate<Sample> wanted;
        private final boolean filtered;
        private final long countLimit;
        private final long maxCount;
        private final SampleScan sink;
        private final Runnable tick;
        private int candidates;
        long emitted;
        boolean excess;
        boolean done;

        Emitter(HistoryQuery q, SampleScan sink, Runnable tick) {
            this.filtered = q.values() != null && !q.values().isEmpty();
            this.wanted = HistoryQueries.valueFilter(q.values());
            this.countLimit = q.start() != null && q.count() != null ? q.count() : Long.MAX_VALUE;
            this.maxCount = q.maxCount() != null ? q.maxCount() : Long.MAX_VALUE;
            this.sink = sink;
            this.tick = tick;
        }

        boolean filtered() {
            return filtered;
        }

        /** Points the answer can use, maxCount + 1 to learn whether there is an excess. */
        long needed() {
            return Math.min(countLimit, maxCount == Long.MAX_VALUE ? Long.MAX_VALUE : maxCount + 1);
        }

        /** One candidate point; false once the answer is complete. */
        @Override
        public boolean sample(long x, int kind, long bits, Object obj, long q) {
            if (done) {
                return false;
            }
            if (++candidates == TICK_EVERY) {
                candidates = 0;
                tick.run();
            }
            if (filtered && !wanted.test(SampleScan.toSample(x, kind, bits, obj, q))) {
                return true;
            }
            if (emitted >= maxCount) {
                excess = true;
                done = true;
                return false;
            }
            sink.sample(x, kind, bits, obj, q);
            emitted++;
            if (emitted >= countLimit) {
                done = true;
            }
            return !done;
        }

        boolean offer(Sample s) {
            return sample(s.x(), SampleScan.OBJECT, 0, s.y(), s.q() == null ? SampleScan.NO_Q : s.q());
        }

        void all(List<Sample> points) {
            for (Sample s : points) {
                if (!offer(s)) {
                    return;
                }
            }
        }
    }
}
