package org.peresvet.store.internal;

import java.util.Arrays;

/** History blocks as written before segment tables, for tests that mix both formats. */
public final class BlocksBeforeTables {

    private BlocksBeforeTables() {
    }

    /**
     * The block without its table: the samples alone (a table sits behind the byte 1 and its
     * length); a block without one (first byte 0) is returned as it is.
     */
    public static byte[] of(byte[] data) {
        if (data[0] == 0) {
            return data;
        }
        if (data[0] != 1) {
            throw new IllegalArgumentException("not a history block: first byte " + data[0]);
        }
        int pos = 1;
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int by = data[pos++] & 0xFF;
            length |= (by & 0x7F) << shift;
            if ((by & 0x80) == 0) {
                break;
            }
        }
        return Arrays.copyOfRange(data, pos + length, data.length);
    }
}
