package org.peresvet.api.internal;

import java.io.ByteArrayOutputStream;

/**
 * An answer held back until it is known to be within the point cap (stored samples of a period
 * are counted only as they are read): one buffer per query slot ({@link QueryPool}), reused, so a
 * usual answer costs no new array; one grown beyond {@value #KEEP} bytes by a large answer is let
 * go after it.
 */
public final class HeldAnswer extends ByteArrayOutputStream {
    private static final int KEEP = 1 << 20;

    HeldAnswer() {
        super(64 * 1024);
    }

    /** Emptied for the next query (a query that failed half-way may have left bytes); a large one replaced. */
    HeldAnswer afterUse() {
        if (buf.length > KEEP) {
            return new HeldAnswer();
        }
        reset();
        return this;
    }
}
