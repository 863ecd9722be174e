package org.peresvet.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.peresvet.model.Sample;

/**
 * The samples of one tag held in memory, for tests and small callers. The input may be unsorted;
 * it is sorted by x, and samples that share a timestamp keep their input (write) order.
 * Immutable, so safe to share between threads.
 */
public final class MemorySampleSource implements SampleSource {
    private final List<Sample> samples;

    public MemorySampleSource(Collection<Sample> samples) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.forEach(s -> Objects.requireNonNull(s, "sample"));
        sorted.sort(Comparator.comparingLong(Sample::x)); // List.sort is stable
        this.samples = List.copyOf(sorted);
    }

    public static MemorySampleSource of(Sample... samples) {
        return new MemorySampleSource(Arrays.asList(samples));
    }

    public int size() {
        return samples.size();
    }

    @Override
    public List<Sample> range(long from, long to, int limit) {
        if (from > to) {
            return List.of();
        }
        int begin = firstAtOrAfter(from);
        int end = firstAfter(to);
        if (limit > 0) {
            end = Math.min(end, begin + limit);
        }
        return samples.subList(begin, end);
    }

    /** An n of zero or less gives an empty list. */
    @Override
    public List<Sample> last(Long from, long to, int n) {
        int end = firstAfter(to);
        int begin = Math.max(0, end - Math.max(n, 0));
        if (from != null) {
            begin = Math.max(begin, firstAtOrAfter(from));
        }
        return begin < end ? samples.subList(begin, end) : List.of();
    }

    @Override
    public Sample before(long t) {
        int i = firstAtOrAfter(t) - 1;
        return i >= 0 ? samples.get(i) : null;
    }

    @Override
    public Sample after(long t) {
        int i = firstAfter(t);
        return i < samples.size() ? samples.get(i) : null;
    }

    /** Index of the first sample with x >= t (size when none). */
    private int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = samples.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).x() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first sample with x > t (size when none). */
    private int firstAfter(long t) {
        return t == Long.MAX_VALUE ? samples.size() : firstAtOrAfter(t + 1);
    }
}
