package org.peresvet.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.peresvet.history.SampleScan;
import org.peresvet.history.SampleSource;
import org.peresvet.model.Sample;

/**
 * Compact binary form of a block of samples of one tag, sorted by x: per sample a zig-zag varint
 * delta of x, a kind byte (value kind and whether q is set), the quality as a varint and the value.
 */
public final class BlockCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int NULL = 0;
    private static final int DOUBLE = 1;
    private static final int LONG = 2;
    private static final int FALSE = 3;
    private static final int TRUE = 4;
    private static final int STRING = 5;
    private static final int JSON_VALUE = 6;
    private static final int HAS_Q = 0x10;
    /** The first byte of a block with a segment table (a block without one begins with 0). */
    private static final int SUMMARISED = 1;

    private BlockCodec() {
    }

    /**
     * Encodes samples already sorted by x; the first x is stored in the row, not in the data. A
     * block of at least {@value SegmentTable#SEGMENT} samples begins with a {@link SegmentTable}
     * behind the byte {@value #SUMMARISED}; a block without one begins with 0 (its first sample's
     * delta of x), as every block written before the tables did.
     */
    public static byte[] encode(List<Sample> samples) {
        if (samples.size() < SegmentTable.SEGMENT) {
            return encodeSamples(samples, null).toByteArray();
        }
        SegmentTable table = new SegmentTable(samples.size());
        Out body = encodeSamples(samples, table);
        Out head = new Out(8);
        head.write(SUMMARISED);
        head.varlong(table.bytes().size());
        byte[] out = new byte[head.size() + table.bytes().size() + body.size()];
        int at = head.copyTo(out, 0);
        at = table.bytes().copyTo(out, at);
        body.copyTo(out, at);
        return out;
    }

    /** The samples one after the other, each noted in {@code table} when there is one. */
    private static Out encodeSamples(List<Sample> samples, SegmentTable table) {
        Out out = new Out(samples.size() * 12 + 8);
        long prev = samples.get(0).x();
        for (Sample s : samples) {
            int begin = out.size();
            out.varlong(zigzag(s.x() - prev));
            prev = s.x();
            Object y = s.y();
            int kind;
            if (y == null) {
                kind = NULL;
            } else if (y instanceof Double || y instanceof Float) {
                kind = DOUBLE;
            } else if (y instanceof Number) {
                kind = LONG;
            } else if (y instanceof Boolean b) {
                kind = b ? TRUE : FALSE;
            } else if (y instanceof JsonNode) {
                kind = JSON_VALUE;
            } else {
                kind = STRING;
            }
            out.write(kind | (s.q() != null ? HAS_Q : 0));
            if (s.q() != null) {
                out.varlong(zigzag(s.q()));
            }
            long bits = 0;
            switch (kind) {
                case DOUBLE -> {
                    bits = Double.doubleToRawLongBits(((Number) y).doubleValue());
                    out.longBits(bits);
                }
                case LONG -> out.varlong(zigzag(((Number) y).longValue()));
                case STRING -> out.text(y.toString());
                case JSON_VALUE -> out.text(y.toString());
                default -> { }
            }
            if (table != null) {
                table.add(s.x(), kind == DOUBLE && s.q() == null, bits, begin, out.size());
            }
        }
        if (table != null) {
            table.close(out.size());
        }
        return out;
    }

    /** Where a block's samples begin: after its segment table, if it has one. */
    private static int samplesStart(byte[] data, int offset) {
        int first = data[offset] & 0xFF;
        if (first == 0) {
            return offset;
        }
        if (first != SUMMARISED) {
            throw new IllegalStateException("damaged history block: unknown format " + first);
        }
        In in = new In(data);
        in.pos = offset + 1;
        int tableLength = (int) in.varlong();
        return in.pos + tableLength;
    }

    /**
     * Encodes samples of several tags in one buffer (a history tail row): per tag its key, the
     * count, the first x and a block as {@link #encode} makes it. Samples keep their given order.
     */
    public static byte[] encodeTagged(Map<Integer, List<Sample>> byKey) {
        Out out = new Out(1 << 16);
        for (Map.Entry<Integer, List<Sample>> e : byKey.entrySet()) {
            List<Sample> samples = e.getValue();
            if (samples.isEmpty()) {
                continue;
            }
            byte[] block = encodeSamples(samples, null).toByteArray(); // a tail row is read whole: no table
            out.varlong(e.getKey());
            out.varlong(samples.size());
            out.varlong(zigzag(samples.get(0).x()));
            out.varlong(block.length);
            out.write(block, 0, block.length);
        }
        return out.toByteArray();
    }

    /** Reads what {@link #encodeTagged} wrote, tag by tag in the written order. */
    public static void decodeTagged(byte[] data, BiConsumer<Integer, List<Sample>> sink) {
        In in = new In(data);
        while (in.pos < data.length) {
            int key = (int) in.varlong();
            int n = (int) in.varlong();
            long firstX = unzigzag(in.varlong());
            int len = (int) in.varlong();
            sink.accept(key, decode(firstX, n, in.b, in.pos));
            in.pos += len;
        }
    }

    public static List<Sample> decode(long firstX, int n, byte[] data) {
        return decode(firstX, n, data, 0);
    }

    private static List<Sample> decode(long firstX, int n, byte[] data, int offset) {
        List<Sample> out = new ArrayList<>(n);
        In in = new In(data);
        in.pos = samplesStart(data, offset);
        long x = firstX;
        for (int i = 0; i < n; i++) {
            x += unzigzag(in.varlong());
            int kindByte = in.read();
            Integer q = (kindByte & HAS_Q) != 0 ? (int) unzigzag(in.varlong()) : null;
            Object y = switch (kindByte & 0x0F) {
                case NULL -> null;
                case DOUBLE -> Double.longBitsToDouble(in.longBits());
                case LONG -> unzigzag(in.varlong());
                case FALSE -> Boolean.FALSE;
                case TRUE -> Boolean.TRUE;
                case STRING -> in.text();
                case JSON_VALUE -> parseJson(in.text());
                default -> throw new IllegalStateException("damaged history block: unknown value kind " + kindByte);
            };
            out.add(new Sample(x, y, q));
        }
        return out;
    }

    /**
     * Decodes a block straight into a scan, only the samples with {@code from <= x <= to}: no
     * object per sample except for string and JSON values. A segment of good doubles that lies
     * whole in the period and in one run of the visitor ({@link SampleScan#runEnd}) goes as its
     * summary, undecoded; a segment before the period is stepped over.
     */
    public static void scan(long firstX, int n, byte[] data, long from, long to, SampleScan visitor) {
        if ((data[0] & 0xFF) != SUMMARISED) {
            scanSamples(data, 0, firstX, n, from, to, visitor);
            return;
        }
        In table = new In(data);
        table.pos = 1;
        int tableLength = (int) table.varlong();
        int pos = table.pos + tableLength;
        In body = new In(data);
        Run run = new Run();
        long x = firstX; // the x before the segment's first sample, which its delta is counted from
        for (int i = 0; i < n; i += SegmentTable.SEGMENT) {
            int count = Math.min(SegmentTable.SEGMENT, n - i);
            int length = (int) table.varlong();
            long span = table.varlong();
            boolean good = table.read() == SegmentTable.GOOD;
            long minOffset = 0;
            long maxOffset = 0;
            long minBits = 0;
            long maxBits = 0;
            long lastBits = 0;
            if (good) {
                minOffset = table.varlong();
                maxOffset = table.varlong();
                minBits = (long) LONG_LE.get(data, table.pos);
                maxBits = (long) LONG_LE.get(data, table.pos + 8);
                lastBits = (long) LONG_LE.get(data, table.pos + 16);
                table.pos += 24;
            }
            body.pos = pos;
            long segFirst = x + unzigzag(body.varlong());
            long segLast = segFirst + span;
            if (segFirst > to) {
                run.flush(visitor);
                return; // sorted by x
            }
            if (segLast < from) {
                x = segLast;
                pos += length;
                continue;
            }
            if (good && segFirst >= from && segLast <= to) {
                double min = Double.longBitsToDouble(minBits);
                double max = Double.longBitsToDouble(maxBits);
                if (run.count > 0 && segLast < run.end) {
                    run.join(count, segLast, lastBits, min, segFirst + minOffset, max, segFirst + maxOffset);
                    x = segLast;
                    pos += length;
                    continue;
                }
                run.flush(visitor);
                long end = visitor.runEnd(segFirst);
                if (end > segLast) {
                    long firstBits = (long) LONG_LE.get(data, body.pos + 1); // after the kind byte
                    run.start(end, count, segFirst, firstBits, segLast, lastBits, min, segFirst + minOffset, max,
                            segFirst + maxOffset);
                    x = segLast;
                    pos += length;
                    continue;
                }
            }
            run.flush(visitor);
            x = scanSamples(data, pos, x, count, from, to, visitor);
            if (x > to) {
                return;
            }
            pos += length;
        }
        run.flush(visitor);
    }

    /**
     * Whole segments of good doubles in a row that lie in one run of the visitor, joined: one
     * {@link SampleScan#goodDoubles} for all of them (a bin of a long trend holds ten or so).
     */
    static final class Run {
        int count;
        long end;
        long firstX;
        long firstBits;
        long lastX;
        long lastBits;
        double min;
        long minX;
        double max;
        long maxX;

        void start(long runEnd, int n, long fx, long fb, long lx, long lb, double lo, long loX, double hi, long hiX) {
            end = runEnd;
            count = n;
            firstX = fx;
            firstBits = fb;
            lastX = lx;
            lastBits = lb;
            min = lo;
            minX = loX;
            max = hi;
            maxX = hiX;
        }

        /** A later segment: its extremes win only when strictly beyond (ties keep the earlier x), NaN (no value) never. */
        void join(int n, long lx, long lb, double lo, long loX, double hi, long hiX) {
            count += n;
            lastX = lx;
            lastBits = lb;
            if (Extremes.lower(lo, min)) {
                min = lo;
                minX = loX;
            }
            if (Extremes.higher(hi, max)) {
                max = hi;
                maxX = hiX;
            }
        }

        void flush(SampleScan visitor) {
            if (count > 0) {
                visitor.goodDoubles(count, firstX, firstBits, lastX, lastBits, min, minX, max, maxX);
                count = 0;
            }
        }
    }

    /**
     * Decodes {@code n} samples from {@code pos} on, the first one's x counted from {@code x}, into
     * the scan; returns the x of the last sample read (above {@code to} when the scan stopped there).
     */
    private static long scanSamples(byte[] data, int pos, long x, int n, long from, long to, SampleScan visitor) {
        In in = new In(data);
        in.pos = pos;
        for (int i = 0; i < n; i++) {
            x += unzigzag(in.varlong());
            int kindByte = in.read();
            if (kindByte == DOUBLE) { // most samples: a double without quality, its 8 bytes read at once
                long bits = (long) LONG_LE.get(data, in.pos);
                in.pos += 8;
                if (x > to) {
                    return x;
                }
                if (x < from) {
                    continue;
                }
                long end = visitor.runEnd(x);
                if (end <= x) {
                    visitor.goodDouble(x, bits);
                    continue;
                }
                // The good doubles that follow below the run's end are summed up here, in locals.
                int count = 1;
                long runX = x;
                long lastX = x;
                long lastBits = bits;
                double v = Double.longBitsToDouble(bits);
                double min = v;
                double max = v;
                long minX = x;
                long maxX = x;
                while (i + 1 < n) {
                    int at = in.pos;
                    long nx = x + unzigzag(in.varlong());
                    if (in.read() != DOUBLE || nx >= end || nx > to) {
                        in.pos = at; // not in the run: the outer loop reads it again
                        break;
                    }
                    long nb = (long) LONG_LE.get(data, in.pos);
                    in.pos += 8;
                    i++;
                    x = nx;
                    count++;
                    lastX = nx;
                    lastBits = nb;
                    double w = Double.longBitsToDouble(nb);
                    if (Extremes.lower(w, min)) { // ties keep the earlier x
                        min = w;
                        minX = nx;
                    }
                    if (Extremes.higher(w, max)) {
                        max = w;
                        maxX = nx;
                    }
                }
                visitor.goodDoubles(count, runX, bits, lastX, lastBits, min, minX, max, maxX);
                continue;
            }
            long q = (kindByte & HAS_Q) != 0 ? (int) unzigzag(in.varlong()) : SampleScan.NO_Q;
            int kind;
            long bits = 0;
            Object obj = null;
            switch (kindByte & 0x0F) {
                case NULL -> kind = SampleScan.NULL;
                case DOUBLE -> {
                    kind = SampleScan.DOUBLE;
                    bits = in.longBits();
                }
                case LONG -> {
                    kind = SampleScan.LONG;
                    bits = unzigzag(in.varlong());
                }
                case FALSE -> kind = SampleScan.BOOL;
                case TRUE -> {
                    kind = SampleScan.BOOL;
                    bits = 1;
                }
                case STRING -> {
                    kind = SampleScan.OBJECT;
                    obj = in.text();
                }
                case JSON_VALUE -> {
                    kind = SampleScan.OBJECT;
                    obj = parseJson(in.text());
                }
                default -> throw new IllegalStateException("damaged history block: unknown value kind " + kindByte);
            }
            if (x > to) {
                return x; // sorted by x
            }
            if (x >= from) {
                visitor.sample(x, kind, bits, obj, q);
            }
        }
        return x;
    }

    /**
     * Decodes the first {@code n} samples of a block in order, handing those with
     * {@code from <= x <= to} to the visitor until it returns false (then false). Samples before
     * {@code from} are skipped without making their string or JSON values; no object per sample
     * for numbers and booleans.
     */
    public static boolean scanInOrder(long firstX, int n, byte[] data, long from, long to, SampleSource.InOrder visitor) {
        In in = new In(data);
        in.pos = samplesStart(data, 0);
        long x = firstX;
        for (int i = 0; i < n; i++) {
            x += unzigzag(in.varlong());
            if (x > to) {
                return true; // sorted by x
            }
            int kindByte = in.read();
            long q = (kindByte & HAS_Q) != 0 ? (int) unzigzag(in.varlong()) : SampleScan.NO_Q;
            boolean wanted = x >= from;
            int kind;
            long bits = 0;
            Object obj = null;
            switch (kindByte & 0x0F) {
                case NULL -> kind = SampleScan.NULL;
                case DOUBLE -> {
                    kind = SampleScan.DOUBLE;
                    bits = in.longBits();
                }
                case LONG -> {
                    kind = SampleScan.LONG;
                    bits = unzigzag(in.varlong());
                }
                case FALSE -> kind = SampleScan.BOOL;
                case TRUE -> {
                    kind = SampleScan.BOOL;
                    bits = 1;
                }
                case STRING -> {
                    kind = SampleScan.OBJECT;
                    obj = wanted ? in.text() : in.skipText();
                }
                case JSON_VALUE -> {
                    kind = SampleScan.OBJECT;
                    obj = wanted ? parseJson(in.text()) : in.skipText();
                }
                default -> throw new IllegalStateException("damaged history block: unknown value kind " + kindByte);
            }
            if (wanted && !visitor.sample(x, kind, bits, obj, q)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("damaged history block: bad JSON value", e);
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /**
     * A growable byte buffer. Not {@link java.io.ByteArrayOutputStream}: its methods are
     * synchronized, and the lock per byte cost a third of the history writer's CPU.
     */
    static final class Out {
        private byte[] buf;
        private int count;

        Out(int size) {
            buf = new byte[Math.max(16, size)];
        }

        void write(int b) {
            if (count == buf.length) {
                grow(1);
            }
            buf[count++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                grow(len);
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void grow(int needed) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + needed));
        }

        void varlong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        /** Four bytes, little-endian. */
        void int32(int v) {
            if (count + 4 > buf.length) {
                grow(4);
            }
            for (int i = 0; i < 4; i++) {
                buf[count++] = (byte) (v >>> (8 * i));
            }
        }

        void longBits(long v) {
            if (count + 8 > buf.length) {
                grow(8);
            }
            for (int i = 0; i < 8; i++) {
                buf[count++] = (byte) (v >>> (8 * i));
            }
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varlong(b.length);
            write(b, 0, b.length);
        }

        int size() {
            return count;
        }

        /** Copies the bytes into {@code dst} at {@code at}; returns where they end. */
        int copyTo(byte[] dst, int at) {
            System.arraycopy(buf, 0, dst, at, count);
            return at + count;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }

    static final class In {
        private final byte[] b;
        int pos;

        In(byte[] b) {
            this.b = b;
        }

        int read() {
            return b[pos++] & 0xFF;
        }

        /** The first three bytes unrolled: a delta of x of up to two seconds in µs, the common case, takes three. */
        long varlong() {
            byte[] a = b;
            int p = pos;
            int b0 = a[p];
            if (b0 >= 0) {
                pos = p + 1;
                return b0;
            }
            int b1 = a[p + 1];
            if (b1 >= 0) {
                pos = p + 2;
                return (b0 & 0x7F) | ((long) b1 << 7);
            }
            int b2 = a[p + 2];
            if (b2 >= 0) {
                pos = p + 3;
                return (b0 & 0x7F) | ((long) (b1 & 0x7F) << 7) | ((long) b2 << 14);
            }
            return varlongSlow();
        }

        private long varlongSlow() {
            long v = 0;
            int shift = 0;
            while (true) {
                int by = read();
                v |= (long) (by & 0x7F) << shift;
                if ((by & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long longBits() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) read() << (8 * i);
            }
            return v;
        }

        /** Steps over a text value; null, for the caller's convenience. */
        Object skipText() {
            int len = (int) varlong();
            pos += len;
            return null;
        }

        String text() {
            int len = (int) varlong();
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
