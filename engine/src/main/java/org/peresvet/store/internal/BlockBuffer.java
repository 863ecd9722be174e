package org.peresvet.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffer per thread that a stored block is read into: H2 hands a VARBINARY as a stream over its
 * own array, where {@code getBytes} would copy each block into a new array per read. Blocks hold
 * at most a few thousand samples; a buffer grown beyond {@value #KEEP} bytes by large text values
 * is not kept.
 */
public final class BlockBuffer {
    private static final int KEEP = 1 << 20;
    private static final ThreadLocal<byte[]> OF_THREAD = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private BlockBuffer() {
    }

    /** The whole stream in this thread's buffer (valid until the thread's next read; may be longer than the data). */
    public static byte[] read(InputStream in) throws IOException {
        byte[] buf = OF_THREAD.get();
        int size = 0;
        try (in) {
            while (true) {
                if (size == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, size, buf.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
        }
        OF_THREAD.set(buf.length <= KEEP ? buf : new byte[64 * 1024]);
        return buf;
    }
}
