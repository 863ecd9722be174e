package org.peresvet.history;

import java.util.List;
import java.util.UUID;
import org.peresvet.model.Sample;

/**
 * The answer to a {@link BinQuery}. When the period holds no more samples than bins asked,
 * {@code raw} is true and {@code samples} holds them all (no bins); otherwise {@code bins} holds
 * the bins that have samples, in time order (empty bins are left out).
 *
 * @param step   draw as steps (a step tag, or a type that is not interpolated): a value holds
 *               until the next sample; otherwise linear between samples
 * @param before the last sample before start (the value in force at start), or null
 * @param after  the first sample after finish (where the line leaves the period), or null
 * @param width  the bins' width in µs
 */
public record BinnedHistory(UUID tagId, long start, long finish, long width, boolean step, boolean raw,
                            List<Sample> samples, List<Bin> bins, Sample before, Sample after) {

    /** Samples the answer summarises: the raw ones, or the sum of the bins' counts. */
    public long sampleCount() {
        return raw ? samples.size() : bins.stream().mapToLong(Bin::count).sum();
    }
}
