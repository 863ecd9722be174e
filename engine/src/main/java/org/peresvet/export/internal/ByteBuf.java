package org.peresvet.export.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A growable byte array for building request bodies without intermediate strings. Not thread-safe. */
final class ByteBuf {
    private static final byte[] DIGITS_MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);

    private byte[] a;
    private int n;

    ByteBuf(int capacity) {
        a = new byte[Math.max(16, capacity)];
    }

    int size() {
        return n;
    }

    byte[] array() {
        return a;
    }

    void clear() {
        n = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(a, n);
    }

    private void ensure(int more) {
        if (n + more > a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
        }
    }

    ByteBuf put(byte b) {
        ensure(1);
        a[n++] = b;
        return this;
    }

    ByteBuf put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, a, n, b.length);
        n += b.length;
        return this;
    }

    ByteBuf put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, a, n, len);
        n += len;
        return this;
    }

    /** ASCII text (callers only pass ASCII). */
    ByteBuf ascii(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            a[n++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteBuf decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return put(DIGITS_MIN_LONG);
        }
        ensure(20);
        if (v < 0) {
            a[n++] = '-';
            v = -v;
        }
        if (v == 0) {
            a[n++] = '0';
            return this;
        }
        int start = n;
        while (v > 0) {
            a[n++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return this;
    }

    /** A JSON string literal, UTF-8, with the escapes JSON requires. */
    ByteBuf jsonString(String s) {
        put((byte) '"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                put((byte) '\\').put((byte) c);
            } else if (c < 0x20) {
                ascii(String.format("\\u%04x", (int) c));
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) >= 0x80) {
                    end++;
                }
                put(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return put((byte) '"');
    }

    /**
     * Compresses the content as one gzip member (RFC 1952) with the given deflater, which is reset
     * first and may be reused.
     */
    byte[] gzip(Deflater deflater) {
        deflater.reset();
        deflater.setInput(a, 0, n);
        deflater.finish();
        CRC32 crc = new CRC32();
        crc.update(a, 0, n);
        byte[] out = new byte[Math.max(64, n / 4 + 64)];
        out[0] = 0x1f;
        out[1] = (byte) 0x8b;
        out[2] = 8;
        out[9] = (byte) 0xff;
        int len = 10;
        while (!deflater.finished()) {
            if (len == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            len += deflater.deflate(out, len, out.length - len);
        }
        out = Arrays.copyOf(out, len + 8);
        int c = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            out[len + i] = (byte) (c >>> (8 * i));
            out[len + 4 + i] = (byte) (n >>> (8 * i));
        }
        return out;
    }
}
