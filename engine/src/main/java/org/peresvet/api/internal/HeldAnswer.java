package org.peresvet.api.internal;

import java.io.ByteArrayOutputStream;

/**
 * An answer held back until it is known to be within the point cap (stored samples of a period
 * are counted only as they are read): a buffer per query thread, reused, so a usual answer costs
 * no new array; one grown beyond {@value #KEEP} bytes by a large answer is let go after it.
 */
final class HeldAnswer extends ByteArrayOutputStream {
    private static final int KEEP = 1 << 20;
    private static final ThreadLocal<HeldAnswer> OF_THREAD = ThreadLocal.withInitial(HeldAnswer::new);

    private HeldAnswer() {
        super(64 * 1024);
    }

    /** This thread's buffer, emptied (a query that failed half-way may have left bytes in it). */
    static HeldAnswer ofThisThread() {
        HeldAnswer h = OF_THREAD.get();
        h.reset();
        return h;
    }

    /** After the answer went out: a buffer grown large is not kept. */
    void release() {
        if (buf.length > KEEP) {
            OF_THREAD.remove();
        }
    }
}
