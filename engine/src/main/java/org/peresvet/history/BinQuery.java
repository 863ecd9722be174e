package org.peresvet.history;

import java.util.Objects;
import java.util.UUID;

/**
 * A decimated history query: the period from start to finish (µs, both inclusive) cut into
 * {@code bins} equal bins, each summarised by its first, last, min and max sample (see
 * {@link HistoryBins}). A trend asks for about one bin per pixel column.
 */
public record BinQuery(UUID tagId, long start, long finish, int bins) {
    /** The most bins one query may ask for: a wide trend needs a few thousand. */
    public static final int MAX_BINS = 100_000;
    /**
     * Bins whose width is a multiple of this (2^26 µs, 67.1 s) and whose start lies on its grid
     * (multiples from the epoch) are answered from the history's cell summaries, without decoding
     * the samples: the fast way for long periods.
     */
    public static final long SUMMARY_CELL = 1L << 26;

    public BinQuery {
        Objects.requireNonNull(tagId, "tagId");
    }
}
