package org.peresvet.history;

import org.peresvet.model.Sample;

/**
 * One bin of a decimated history answer: the samples with {@code start <= x < end}.
 *
 * @param count every sample in the bin, good or not
 * @param first the sample with the smallest x (bad ones included: a bin that starts bad starts a gap)
 * @param last  the sample with the largest x; of several at that x the last written
 * @param min   the smallest value of the good numeric samples, NaN when there is none
 * @param minX  when the minimum was first reached
 * @param max   the largest value of the good numeric samples, NaN when there is none
 * @param maxX  when the maximum was first reached
 * @param bad   samples with a bad quality or a null value: the stretches a trend draws as gaps
 */
public record Bin(long start, long end, int count, Sample first, Sample last, double min, long minX,
                  double max, long maxX, int bad) {

    /** Good numeric samples in the bin (min and max are theirs). */
    public boolean hasValue() {
        return !Double.isNaN(min);
    }
}
