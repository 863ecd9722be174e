package org.peresvet.app.trend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.peresvet.history.Bin;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.model.Sample;

/**
 * One pen's decimated history at one bin width, kept while the trend pans: its bins sit on a grid
 * of multiples of the width (counted from the epoch), so answers for neighbouring periods join
 * with no overlap and no gap, and a pan asks only for the newly exposed edge. Raw answers (fewer
 * samples than bins) join the same way. FX thread.
 */
final class BinStrip {
    /**
     * Bins (or raw samples) a strip keeps at most, about five screens' worth (some 1.5 MB: a bin
     * with its first and last sample is near 180 bytes); pieces far from the view go first.
     */
    static final int MAX_BINS = 8_000;

    final long width;
    private final Deque<BinnedHistory> pieces = new ArrayDeque<>();
    private long bins;
    /** Whether the last piece reached the present when it was read: its end may still fill in, so it is not reused. */
    private boolean openEnd;

    BinStrip(long width) {
        this.width = width;
    }

    /**
     * A width from a small set (2^k µs and 1.5 x 2^k µs) at least {@code span / columns}: two
     * thirds of a bin to one bin per pixel column (a line point and a band point per bin: at most
     * two points per pixel to draw), and the same width for spans that differ a little, so a pan
     * or a zoom back finds its bins again. One exception: never 1.5 cells of the history's summaries
     * ({@link BinQuery#SUMMARY_CELL}) but one cell, up to 1.5 bins per column, so that every width
     * from a cell up is whole cells and long periods are read from the summaries.
     */
    static long widthFor(long span, int columns) {
        long ideal = Math.max(1, -Math.floorDiv(-span, Math.max(1, columns)));
        long pow = Long.highestOneBit(ideal);
        if (pow == ideal) {
            return pow;
        }
        if (pow >= 2 && pow + pow / 2 >= ideal) {
            // Not 1.5 cells of the history's summaries: every other bin would cut a cell and the
            // history could not answer from them. One cell instead, finer (up to 1.5 bins per column).
            return pow == BinQuery.SUMMARY_CELL ? pow : pow + pow / 2;
        }
        return 2 * pow;
    }

    /** The period to ask for [from, to] µs: whole bins on this strip's grid. */
    long[] aligned(long from, long to) {
        long a = Math.floorDiv(from, width) * width;
        long b = Math.floorDiv(to, width) * width + width - 1;
        return new long[] {a, b};
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    long from() {
        return pieces.isEmpty() ? Long.MAX_VALUE : pieces.peekFirst().start();
    }

    long to() {
        return pieces.isEmpty() ? Long.MIN_VALUE : pieces.peekLast().finish();
    }

    /**
     * The periods to read for [from, to] µs (aligned): none when the strip holds them, the exposed
     * edges when it holds part, else the whole (and the strip starts again from that answer).
     */
    List<long[]> missing(long from, long to) {
        long[] p = aligned(from, to);
        if (pieces.isEmpty() || openEnd || p[1] < from() || p[0] > to()) {
            return List.of(p);
        }
        List<long[]> out = new ArrayList<>(2);
        if (p[0] < from()) {
            out.add(new long[] {p[0], from() - 1});
        }
        if (p[1] > to()) {
            out.add(new long[] {to() + 1, p[1]});
        }
        return out;
    }

    /** Whether the strip holds part of [from, to] µs and can be joined to reach the rest. */
    boolean overlaps(long from, long to) {
        long[] p = aligned(from, to);
        return !pieces.isEmpty() && !openEnd && p[1] >= from() && p[0] <= to();
    }

    /**
     * Adds an answer: joined at either end when it continues the strip, else the strip starts again
     * with it. {@code asked} is the time the answer was asked at: a piece that reaches it stays open.
     */
    void add(BinnedHistory h, boolean join, long asked, long viewFrom, long viewTo) {
        if (join && !pieces.isEmpty() && !openEnd && h.finish() + 1 == from()) {
            pieces.addFirst(h);
        } else if (join && !pieces.isEmpty() && !openEnd && h.start() == to() + 1) {
            pieces.addLast(h);
            openEnd = h.finish() >= asked;
        } else {
            pieces.clear();
            bins = 0;
            pieces.add(h);
            openEnd = h.finish() >= asked;
        }
        bins += items(h);
        // Bounded: drop whole pieces from the end farther from the view.
        while (bins > MAX_BINS && pieces.size() > 1) {
            boolean dropFirst = viewFrom - pieces.peekFirst().finish() > pieces.peekLast().start() - viewTo;
            BinnedHistory far = dropFirst ? pieces.peekFirst() : pieces.peekLast();
            if (dropFirst ? far.finish() >= viewFrom : far.start() <= viewTo) {
                break; // never the view's own data
            }
            if (dropFirst) {
                pieces.pollFirst();
            } else {
                pieces.pollLast();
                openEnd = false;
            }
            bins -= items(far);
        }
    }

    private static long items(BinnedHistory h) {
        return h.raw() ? h.samples().size() : h.bins().size();
    }

    /** Whether the tag draws as steps (from the answers). */
    boolean step() {
        return !pieces.isEmpty() && pieces.peekFirst().step();
    }

    /** x (µs) of the last sample the strip holds (its last piece's, or the value in force before it): the live seam. */
    long seam() {
        for (var it = pieces.descendingIterator(); it.hasNext();) {
            BinnedHistory h = it.next();
            if (h.raw() && !h.samples().isEmpty()) {
                return h.samples().get(h.samples().size() - 1).x();
            }
            if (!h.raw() && !h.bins().isEmpty()) {
                return h.bins().get(h.bins().size() - 1).last().x();
            }
        }
        Sample before = pieces.isEmpty() ? null : pieces.peekFirst().before();
        return before != null ? before.x() : Long.MIN_VALUE;
    }

    /** The sample after the strip, where its line leaves it (null when none or not known). */
    Sample after() {
        return pieces.isEmpty() ? null : pieces.peekLast().after();
    }

    /**
     * Visits what [from, to] µs needs: the last item before from (or the value in force before the
     * strip), the items inside, and the first item after to. Returns whether the strip's end was
     * reached (then its {@link #after()} sample continues the line).
     */
    boolean visit(long from, long to, Visitor v) {
        Object held = pieces.isEmpty() ? null : pieces.peekFirst().before();
        for (BinnedHistory h : pieces) {
            if (h.finish() < from) {
                Object last = lastItem(h);
                held = last != null ? last : held;
                continue;
            }
            List<?> items = h.raw() ? h.samples() : h.bins();
            for (Object o : items) {
                long start = o instanceof Bin b ? b.start() : ((Sample) o).x();
                long end = o instanceof Bin b ? b.end() - 1 : start;
                if (end < from) {
                    held = o;
                    continue;
                }
                if (held != null) {
                    emit(held, v);
                    held = null;
                }
                emit(o, v);
                if (start > to) {
                    return false;
                }
            }
        }
        if (held != null) {
            emit(held, v);
        }
        return true;
    }

    private static Object lastItem(BinnedHistory h) {
        List<?> items = h.raw() ? h.samples() : h.bins();
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    private static void emit(Object o, Visitor v) {
        if (o instanceof Bin b) {
            v.bin(b);
        } else {
            v.sample((Sample) o);
        }
    }

    /** What {@link #visit} hands out, in time order. */
    interface Visitor {
        void sample(Sample s);

        void bin(Bin b);
    }
}
