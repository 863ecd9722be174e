package org.peresvet.store.internal;

import java.util.List;
import org.peresvet.history.BinQuery;
import org.peresvet.history.SampleScan;
import org.peresvet.model.Sample;

/**
 * A block's samples summed up per cell of a fixed time grid, kept in a row of its own beside the
 * block, at two levels: cells of 2^26 µs (67.1 s) and of 2^28 µs (4.5 min), both aligned to the
 * epoch. A trend over days asks for bins whose width is a whole
 * number of cells on the same grid (widths of 2^k and 3·2^k µs, aligned to their width), so each
 * bin is a run of whole cells: it reads these rows (some 8 % of the block's bytes at one sample a
 * second) and decodes no sample at all; bins of whole coarse cells (a trend of a week or more)
 * take a quarter as many cells.
 *
 * <p>Per cell that holds good doubles only (no quality code, no other kind): its count, first and
 * last sample, and smallest and largest value that is not NaN with the x of their earliest
 * occurrence. A cell holding anything else is marked for decoding from the block. A block of
 * fewer than {@value #MIN_SAMPLES} samples, or fewer than {@value #SAMPLES_PER_CELL} per cell on
 * average, gets no summary: read whole it costs little more, and a row less keeps writing fast.
 *
 * <p>Form: a byte 1, then per level (fine, then coarse) the table's byte length (varint) and the
 * table: the first cell's index (zig-zag varint), the number of cells, and per cell the step from
 * the previous cell's index (varint), a byte 1 for good doubles — then count, first x - cell start, last x - first x, min x - first x and
 * max x - first x as 4 bytes each, and first, last, min and max as 8 bytes each — or 0.
 */
public final class CellSummary {
    /** A cell is 2^26 µs (67.1 s, {@link BinQuery#SUMMARY_CELL}): a 1,600 px trend of a day or more has bins of one cell or more. */
    public static final long CELL = BinQuery.SUMMARY_CELL;
    public static final int SHIFT = Long.numberOfTrailingZeros(CELL);
    /** A coarse cell is four cells (4.5 min): a 1,600 px trend of 12 days has bins of three. */
    public static final int COARSE_SHIFT = SHIFT + 2;
    private static final int MIN_SAMPLES = 256;
    private static final int SAMPLES_PER_CELL = 8;
    private static final int CELLS = 1;
    private static final int GOOD = 1;
    /** A good cell's fixed part: five ints and four longs, read without a loop or a call per byte. */
    private static final int CELL_BYTES = 5 * 4 + 4 * 8;

    private CellSummary() {
    }

    /**
     * The level ({@link #SHIFT} or {@link #COARSE_SHIFT}) whose cells runs of {@code span} from
     * {@code from} on are made of, the coarser if both; -1 when neither: then nearly every block
     * holds a cell cut by a run's edge and would be read as well, and the block's own segment
     * table serves better.
     */
    public static int levelFor(long from, long span) {
        for (int shift : new int[] {COARSE_SHIFT, SHIFT}) {
            long cell = 1L << shift;
            if (span >= cell && span % cell == 0 && (from & (cell - 1)) == 0) {
                return shift;
            }
        }
        return -1;
    }

    /** The samples of a block of a bin scan between {@code from} and {@code to}, decoded from the block itself. */
    @FunctionalInterface
    public interface BlockSamples {
        void scan(long from, long to);
    }

    /** The summary of a block's samples (sorted by x, as {@link BlockCodec#encode} takes them); null when it gets none. */
    public static byte[] encode(List<Sample> samples) {
        if (samples.size() < MIN_SAMPLES) {
            return null;
        }
        int cells = cells(samples, SHIFT);
        if (samples.size() < (long) cells * SAMPLES_PER_CELL) {
            return null;
        }
        BlockCodec.Out out = new BlockCodec.Out(32 + cells * (CELL_BYTES + 3) * 5 / 4);
        out.write(CELLS);
        for (int shift : new int[] {SHIFT, COARSE_SHIFT}) {
            BlockCodec.Out table = table(samples, shift);
            out.varlong(table.size());
            byte[] bytes = table.toByteArray();
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    /** How many cells of 2^shift µs the samples (sorted by x) lie in. */
    private static int cells(List<Sample> samples, int shift) {
        int cells = 0;
        long prevCell = 0;
        for (int i = 0; i < samples.size(); i++) {
            long cell = samples.get(i).x() >> shift;
            if (i == 0 || cell != prevCell) {
                cells++;
                prevCell = cell;
            }
        }
        return cells;
    }

    /** The cells of one level. */
    private static BlockCodec.Out table(List<Sample> samples, int shift) {
        BlockCodec.Out out = new BlockCodec.Out(256);
        long firstCell = samples.get(0).x() >> shift;
        out.varlong(BlockCodec.zigzag(firstCell));
        out.varlong(cells(samples, shift));
        long prevCell = firstCell;
        int i = 0;
        while (i < samples.size()) {
            long cell = samples.get(i).x() >> shift;
            int end = i;
            boolean good = true;
            while (end < samples.size() && samples.get(end).x() >> shift == cell) {
                Sample s = samples.get(end);
                good &= s.q() == null && (s.y() instanceof Double || s.y() instanceof Float);
                end++;
            }
            out.varlong(cell - prevCell);
            prevCell = cell;
            out.write(good ? GOOD : 0);
            if (good) {
                writeCell(out, samples.subList(i, end), cell << shift);
            }
            i = end;
        }
        return out;
    }

    private static void writeCell(BlockCodec.Out out, List<Sample> cell, long cellStart) {
        Sample first = cell.get(0);
        Sample last = cell.get(cell.size() - 1);
        double min = Double.NaN;
        double max = Double.NaN;
        long minX = first.x();
        long maxX = first.x();
        for (Sample s : cell) {
            double v = ((Number) s.y()).doubleValue();
            if (Extremes.lower(v, min)) { // ties keep the earlier x
                min = v;
                minX = s.x();
            }
            if (Extremes.higher(v, max)) {
                max = v;
                maxX = s.x();
            }
        }
        out.int32(cell.size()); // every x offset lies within one cell: under 2^28
        out.int32((int) (first.x() - cellStart));
        out.int32((int) (last.x() - first.x()));
        out.int32((int) (minX - first.x()));
        out.int32((int) (maxX - first.x()));
        out.longBits(Double.doubleToRawLongBits(((Number) first.y()).doubleValue()));
        out.longBits(Double.doubleToRawLongBits(((Number) last.y()).doubleValue()));
        out.longBits(Double.doubleToRawLongBits(min));
        out.longBits(Double.doubleToRawLongBits(max));
    }

    /**
     * Feeds the block's samples with {@code from <= x <= to} to the visitor in x order, by the
     * cells of level {@code shift} ({@link #levelFor}): a cell of
     * good doubles that lies whole in the period and in one run of the visitor
     * ({@link SampleScan#runEnd}) as its summary (the cells of one run joined: one call per bin),
     * every other part through {@code block} (consecutive such cells in one call).
     */
    public static void scan(byte[] summary, int shift, long from, long to, SampleScan visitor, BlockSamples block) {
        if (summary.length == 0 || summary[0] != CELLS) {
            throw new IllegalStateException("damaged history summary: unknown format " + (summary.length == 0 ? "(empty)" : summary[0]));
        }
        BlockCodec.In in = new BlockCodec.In(summary);
        in.pos = 1;
        int fineLength = (int) in.varlong();
        if (shift == COARSE_SHIFT) {
            in.pos += fineLength;
            in.varlong(); // the coarse table's length
        } else if (shift != SHIFT) {
            throw new IllegalArgumentException("no cells of 2^" + shift + " µs");
        }
        long cellSize = 1L << shift;
        long cell = BlockCodec.unzigzag(in.varlong());
        int cells = (int) in.varlong();
        BlockCodec.Run run = new BlockCodec.Run(); // whole cells of one bin in a row, joined
        boolean pending = false; // cells waiting for the block, from pendingFrom to pendingTo
        long pendingFrom = 0;
        long pendingTo = 0;
        for (int k = 0; k < cells; k++) {
            cell += in.varlong();
            boolean good = in.read() == GOOD;
            long cellFrom = cell << shift;
            long cellTo = cellFrom + cellSize - 1;
            int n = 0;
            long firstX = 0;
            long lastX = 0;
            long minX = 0;
            long maxX = 0;
            long firstBits = 0;
            long lastBits = 0;
            double min = Double.NaN;
            double max = Double.NaN;
            if (good) {
                int p = in.pos;
                n = int32(summary, p);
                firstX = cellFrom + int32(summary, p + 4);
                lastX = firstX + int32(summary, p + 8);
                minX = firstX + int32(summary, p + 12);
                maxX = firstX + int32(summary, p + 16);
                firstBits = int64(summary, p + 20);
                lastBits = int64(summary, p + 28);
                min = Double.longBitsToDouble(int64(summary, p + 36));
                max = Double.longBitsToDouble(int64(summary, p + 44));
                in.pos = p + CELL_BYTES;
            }
            if (cellTo < from) {
                continue;
            }
            if (cellFrom > to) {
                break; // cells are in x order
            }
            if (good && firstX >= from && lastX <= to) {
                if (run.count > 0 && !pending && lastX < run.end) {
                    run.join(n, lastX, lastBits, min, minX, max, maxX); // the next cell of the same bin
                    continue;
                }
                run.flush(visitor);
                if (pending) {
                    block.scan(pendingFrom, pendingTo); // earlier samples first: they may change what a run may take
                    pending = false;
                }
                long end = visitor.runEnd(firstX);
                if (end > lastX) {
                    run.start(end, n, firstX, firstBits, lastX, lastBits, min, minX, max, maxX);
                    continue;
                }
            }
            run.flush(visitor);
            if (!pending) {
                pending = true;
                pendingFrom = Math.max(from, cellFrom);
            }
            pendingTo = Math.min(to, cellTo); // a gap between cells holds no sample of this block
        }
        run.flush(visitor); // of a run and waiting cells, only one can be left
        if (pending) {
            block.scan(pendingFrom, pendingTo);
        }
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static long int64(byte[] b, int p) {
        return (int32(b, p) & 0xFFFFFFFFL) | (long) int32(b, p + 4) << 32;
    }
}
