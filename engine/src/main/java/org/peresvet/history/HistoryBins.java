package org.peresvet.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * Answers a {@link BinQuery}: the period cut into equal bins, each summarised by first, last, min
 * and max (with their times), count and the number of bad samples; the raw samples instead when
 * there are no more of them than bins. Pure logic over a {@link SampleSource} and the samples
 * not yet written (which the caller passes, so that a refreshing trend never forces a flush).
 *
 * <p>The summary of a bin does not depend on the order samples arrive in (first is the smallest
 * x, last the largest, ties to the later written), so stored and pending samples are fed one
 * after the other without merging, and stored samples stream bucket by bucket.
 */
public final class HistoryBins {

    private HistoryBins() {
    }

    /**
     * @param step    the tag's step flag
     * @param update  the tag's update flag: of several samples at one x only the last written counts
     * @param pending samples accepted but not yet in the store, in the order they were accepted
     * @throws IllegalArgumentException naming the parameter when the query is not valid
     */
    public static BinnedHistory run(BinQuery q, ValueType type, boolean step, boolean update, SampleSource src,
                                    List<Sample> pending) {
        long span = validate(q);
        int n = q.bins();
        long width = Math.max(1, ceilDiv(span, n));
        Acc acc = new Acc(q.start(), q.finish(), width, (int) Math.min(n, ceilDiv(span, width)), n + 1);
        if (update && !pending.isEmpty()) {
            // A pending sample may replace a stored one at the same x: merge first, then keep the last per x.
            List<Sample> all = new ArrayList<>(src.range(q.start(), q.finish(), 0));
            for (Sample s : pending) {
                if (s.x() >= q.start() && s.x() <= q.finish()) {
                    all.add(s);
                }
            }
            all.sort(Comparator.comparingLong(Sample::x));
            lastPerX(all).forEach(acc::add);
        } else {
            src.scan(q.start(), q.finish(), acc);
            pending.forEach(acc::add);
        }
        Sample before = latest(src.before(q.start()), pending, Long.MIN_VALUE, q.start());
        Sample after = earliest(src.after(q.finish()), pending, q.finish());
        boolean drawSteps = step || !(type == ValueType.DOUBLE || type == ValueType.INT);
        if (acc.total <= n) {
            List<Sample> raw = new ArrayList<>(acc.raw);
            raw.sort(Comparator.comparingLong(Sample::x)); // stable: stored before pending at equal x
            return new BinnedHistory(q.tagId(), q.start(), q.finish(), width, drawSteps, true,
                    List.copyOf(update ? lastPerX(raw) : raw), List.of(), before, after);
        }
        return new BinnedHistory(q.tagId(), q.start(), q.finish(), width, drawSteps, false, List.of(), acc.bins(),
                before, after);
    }

    private static long validate(BinQuery q) {
        if (q.bins() < 1 || q.bins() > BinQuery.MAX_BINS) {
            throw new IllegalArgumentException("bins must be between 1 and " + BinQuery.MAX_BINS + ", got " + q.bins());
        }
        if (q.start() > q.finish()) {
            throw new IllegalArgumentException("start " + q.start() + " is after finish " + q.finish());
        }
        try {
            return Math.addExact(Math.subtractExact(q.finish(), q.start()), 1);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("start: the period from start to finish is too long");
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static List<Sample> lastPerX(List<Sample> sorted) {
        List<Sample> out = new ArrayList<>(sorted.size());
        for (Sample s : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).x() == s.x()) {
                out.set(out.size() - 1, s);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The latest of {@code stored} and the pending samples with x < to (ties: the pending one, written later). */
    private static Sample latest(Sample stored, List<Sample> pending, long from, long to) {
        Sample best = stored;
        for (Sample s : pending) {
            if (s.x() >= from && s.x() < to && (best == null || s.x() >= best.x())) {
                best = s;
            }
        }
        return best;
    }

    private static Sample earliest(Sample stored, List<Sample> pending, long after) {
        Sample best = stored;
        for (Sample s : pending) {
            if (s.x() > after && (best == null || s.x() < best.x())) {
                best = s;
            }
        }
        return best;
    }

    /**
     * The running summary of every bin, in arrays (first and last as their parts, made samples
     * again only at the end): a 2,000-bin answer over a million samples allocates little.
     */
    private static final class Acc implements SampleScan {
        private final long start;
        private final long finish;
        private final long width;
        private final int rawLimit;
        private final int[] count;
        private final int[] bad;
        private final Part first;
        private final Part last;
        private final double[] min;
        private final long[] minX;
        private final double[] max;
        private final long[] maxX;
        final List<Sample> raw = new ArrayList<>();
        long total;
        private int cur;
        private long curFrom = Long.MAX_VALUE;
        private long curTo = Long.MIN_VALUE;
        private boolean pending;
        private long lastX;
        private int lastKind;
        private long lastBits;
        private Object lastObj;
        private long lastQ;

        Acc(long start, long finish, long width, int bins, int rawLimit) {
            this.start = start;
            this.finish = finish;
            this.width = width;
            this.rawLimit = rawLimit;
            count = new int[bins];
            bad = new int[bins];
            first = new Part(bins);
            last = new Part(bins);
            min = new double[bins];
            minX = new long[bins];
            max = new double[bins];
            maxX = new long[bins];
            Arrays.fill(min, Double.NaN);
            Arrays.fill(max, Double.NaN);
        }

        void add(Sample s) {
            SampleScan.of(s, this);
        }

        @Override
        public void sample(long x, int kind, long bits, Object obj, long q) {
            if (x < start || x > finish) {
                return;
            }
            if (total < rawLimit) {
                raw.add(SampleScan.toSample(x, kind, bits, obj, q));
            }
            total++;
            int i = cur;
            if (x < curFrom || x >= curTo) { // samples come mostly in x order: the division only when the bin changes
                commitLast();
                i = (int) ((x - start) / width);
                cur = i;
                curFrom = start + i * width;
                curTo = curFrom + width;
            }
            if (count[i]++ == 0 || x < first.x[i]) {
                first.set(i, x, kind, bits, obj, q);
            }
            if (!pending || x >= lastX) { // the last of the current bin waits in fields, not in the arrays
                pending = true;
                lastX = x;
                lastKind = kind;
                lastBits = bits;
                lastObj = obj;
                lastQ = q;
            }
            if (SampleScan.isGap(kind, obj, q)) {
                bad[i]++;
                return;
            }
            double v = SampleScan.asDouble(kind, bits, obj);
            if (Double.isNaN(v)) {
                return; // a string or JSON value: counted, no range
            }
            low(i, v, x);
            high(i, v, x);
        }

        /** As {@link #sample} for a good double: no gap, no kinds to tell apart (most of a long scan). */
        @Override
        public void goodDouble(long x, long bits) {
            if (x < start || x > finish) {
                return;
            }
            if (total < rawLimit) {
                raw.add(SampleScan.toSample(x, SampleScan.DOUBLE, bits, null, SampleScan.NO_Q));
            }
            total++;
            int i = cur;
            if (x < curFrom || x >= curTo) {
                commitLast();
                i = (int) ((x - start) / width);
                cur = i;
                curFrom = start + i * width;
                curTo = curFrom + width;
            }
            if (count[i]++ == 0 || x < first.x[i]) {
                first.set(i, x, SampleScan.DOUBLE, bits, null, SampleScan.NO_Q);
            }
            if (!pending || x >= lastX) {
                pending = true;
                lastX = x;
                lastKind = SampleScan.DOUBLE;
                lastBits = bits;
                lastObj = null;
                lastQ = SampleScan.NO_Q;
            }
            double v = Double.longBitsToDouble(bits);
            if (Double.isNaN(v)) {
                return;
            }
            low(i, v, x);
            high(i, v, x);
        }

        /**
         * Good doubles from {@code x} to the end of its bin may come as one run, once the raw
         * samples are no longer wanted (more samples than bins seen already).
         */
        @Override
        public long runEnd(long x) {
            if (total < rawLimit || x < start || x > finish) {
                return x;
            }
            long from = start + (x - start) / width * width;
            return finish - from < width ? (finish == Long.MAX_VALUE ? finish : finish + 1) : from + width;
        }

        /** Runs are whole bins (the last may be shorter when the period is not a whole number of bins). */
        @Override
        public long runSpan() {
            return width;
        }

        /** A run within one bin: as its first sample, its extremes and its last sample fed one by one. */
        @Override
        public void goodDoubles(int n, long firstX, long firstBits, long lastX, long lastBits, double lo, long loX,
                                double hi, long hiX) {
            goodDouble(firstX, firstBits);
            if (n == 1) {
                return;
            }
            int i = cur;
            if (!Double.isNaN(lo)) {
                low(i, lo, loX);
            }
            if (!Double.isNaN(hi)) {
                high(i, hi, hiX);
            }
            count[i] += n - 2;
            total += n - 2;
            goodDouble(lastX, lastBits);
        }

        /** Bin i's minimum becomes v at x when v is lower (or equal and earlier: the first extreme wins). */
        private void low(int i, double v, long x) {
            if (Double.isNaN(min[i]) || v < min[i] || (v == min[i] && x < minX[i])) {
                min[i] = v;
                minX[i] = x;
            }
        }

        /** Bin i's maximum becomes v at x when v is higher (or equal and earlier). */
        private void high(int i, double v, long x) {
            if (Double.isNaN(max[i]) || v > max[i] || (v == max[i] && x < maxX[i])) {
                max[i] = v;
                maxX[i] = x;
            }
        }

        /** The current bin's last so far goes to the arrays unless an earlier visit left a later one there. */
        private void commitLast() {
            if (pending && (last.x[cur] <= lastX || !last.isSet(cur))) {
                last.set(cur, lastX, lastKind, lastBits, lastObj, lastQ);
            }
            pending = false;
        }

        List<Bin> bins() {
            commitLast();
            List<Bin> out = new ArrayList<>();
            for (int i = 0; i < count.length; i++) {
                if (count[i] > 0) {
                    long from = start + i * width;
                    long to = Math.min(from + width, finish + 1);
                    out.add(new Bin(from, to, count[i], first.sample(i), last.sample(i), min[i], minX[i], max[i], maxX[i], bad[i]));
                }
            }
            return List.copyOf(out);
        }
    }

    /** One sample per bin, kept as its parts. */
    private static final class Part {
        final long[] x;
        final byte[] kind;
        final long[] bits;
        final Object[] obj;
        final long[] q;
        private final boolean[] set;

        Part(int bins) {
            set = new boolean[bins];
            x = new long[bins];
            kind = new byte[bins];
            bits = new long[bins];
            obj = new Object[bins];
            q = new long[bins];
        }

        void set(int i, long xi, int k, long b, Object o, long qi) {
            set[i] = true;
            x[i] = xi;
            kind[i] = (byte) k;
            bits[i] = b;
            obj[i] = o;
            q[i] = qi;
        }

        boolean isSet(int i) {
            return set[i];
        }

        Sample sample(int i) {
            return SampleScan.toSample(x[i], kind[i], bits[i], obj[i], q[i]);
        }
    }
}
