package org.peresvet.history;

import java.util.List;
import java.util.function.Consumer;
import org.peresvet.model.Sample;

/**
 * Stored samples of one tag, as the history query logic reads them. Every list is sorted by x
 * ascending. Where several samples share a timestamp, all are returned in the order they were
 * written (a tag with the {@code update} flag keeps only the last one; the store resolves that).
 */
public interface SampleSource {

    /** Samples with {@code from <= x <= to}; when {@code limit > 0}, only the first {@code limit}. */
    List<Sample> range(long from, long to, int limit);

    /** The last {@code n} samples with {@code x <= to} (and {@code x >= from} when from is not null). */
    List<Sample> last(Long from, long to, int n);

    /** The last sample with {@code x < t}, or null. */
    Sample before(long t);

    /** The first sample with {@code x > t}, or null. */
    Sample after(long t);

    /**
     * Hands every sample with {@code from <= x <= to} to {@code visitor} in x order, without
     * holding them all at once where the source can (the H2 reader goes bucket by bucket).
     */
    default void forEach(long from, long to, Consumer<Sample> visitor) {
        range(from, to, 0).forEach(visitor);
    }

    /**
     * Like {@link #forEach} but as primitives, for scans that must not allocate per sample; the H2
     * reader decodes its blocks straight into the visitor. Samples of equal x come in the order
     * they were written; otherwise the order is the source's (a bin summary does not depend on it).
     */
    default void scan(long from, long to, SampleScan visitor) {
        forEach(from, to, s -> SampleScan.of(s, visitor));
    }

    /**
     * A visitor of samples in x order that can stop the read: {@link #sample} returns false when
     * it has seen enough. Values come as in {@link SampleScan}.
     */
    @FunctionalInterface
    interface InOrder {
        boolean sample(long x, int kind, long bits, Object obj, long q);
    }

    /**
     * Hands the samples with {@code from <= x <= to} to {@code visitor} in x order (equal x in
     * write order), until it returns false. {@code limit} > 0 says the visitor wants at most that
     * many, so a source may read no further; it is a hint, the visitor still decides. The H2
     * reader decodes only the blocks of the range, straight into the visitor.
     */
    default void scanInOrder(long from, long to, int limit, InOrder visitor) {
        for (Sample s : range(from, to, limit)) {
            if (!visitor.sample(s.x(), SampleScan.OBJECT, 0, s.y(), s.q() == null ? SampleScan.NO_Q : s.q())) {
                return;
            }
        }
    }
}
