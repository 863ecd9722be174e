package org.peresvet.store.internal;

/**
 * The summary table at the head of a block that {@link BlockCodec#encode} writes: per segment of
 * {@value #SEGMENT} samples (the last may be shorter) the byte length of its samples and the x of
 * its last sample; for a segment of good doubles only (no quality code, no other kind) also its
 * smallest and largest value that is not NaN with the x of their earliest occurrence, and its last
 * value. A bin that holds a whole such segment takes the summary instead of its samples, the way
 * {@link org.peresvet.history.SampleScan#goodDoubles} takes a run: a trend over a million samples
 * then decodes a few of them per bin, not all.
 *
 * <p>Entry: varint length, varint (last x - first x), a byte 1 for good doubles (then varint
 * (min x - first x), varint (max x - first x), min, max and last as 8 bytes each) or 0. The first
 * sample's x and value are read from the samples themselves.
 */
final class SegmentTable {
    /**
     * Samples per segment: a 1,600 px trend over a million samples has some 600 in a bin, so most
     * segments lie whole in one; only the one cut by each bin's edge is decoded.
     */
    static final int SEGMENT = 64;
    static final int GOOD = 1;

    private final BlockCodec.Out out;
    private int start;
    private int count;
    private boolean good;
    private long firstX;
    private long lastX;
    private long lastBits;
    private double min;
    private double max;
    private long minX;
    private long maxX;

    SegmentTable(int samples) {
        out = new BlockCodec.Out((samples / SEGMENT + 1) * 40);
    }

    /** Notes a sample just written to the body, which now ends at {@code end}; closes the segment when full. */
    void add(long x, boolean goodDouble, long bits, int begin, int end) {
        if (count == 0) {
            start = begin;
            good = true;
            firstX = x;
            min = Double.NaN;
            max = Double.NaN;
            minX = x;
            maxX = x;
        }
        count++;
        lastX = x;
        lastBits = bits;
        if (!goodDouble) {
            good = false;
        } else if (good) {
            double v = Double.longBitsToDouble(bits);
            if (Extremes.lower(v, min)) { // ties keep the earlier x
                min = v;
                minX = x;
            }
            if (Extremes.higher(v, max)) {
                max = v;
                maxX = x;
            }
        }
        if (count == SEGMENT) {
            close(end);
        }
    }

    /** Closes the open segment, if any, whose samples end at {@code end}. */
    void close(int end) {
        if (count == 0) {
            return;
        }
        out.varlong(end - start);
        out.varlong(lastX - firstX);
        out.write(good ? GOOD : 0);
        if (good) {
            out.varlong(minX - firstX);
            out.varlong(maxX - firstX);
            out.longBits(Double.doubleToRawLongBits(min));
            out.longBits(Double.doubleToRawLongBits(max));
            out.longBits(lastBits);
        }
        count = 0;
    }

    BlockCodec.Out bytes() {
        return out;
    }
}
