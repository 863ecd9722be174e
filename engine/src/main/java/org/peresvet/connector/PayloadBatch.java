package org.peresvet.connector;

import java.util.Arrays;
import java.util.UUID;

/**
 * Device payloads for bound tags, in arrival order, handed to the engine together
 * ({@link ConnectorContext#deliver(PayloadBatch)}): one hand-over to the ingest queue per batch
 * instead of one per message. Not thread-safe: one producer fills it, then delivers and clears it.
 */
public final class PayloadBatch {
    private UUID[] tags;
    private byte[][] payloads;
    private int size;

    public PayloadBatch() {
        this(64);
    }

    public PayloadBatch(int capacity) {
        tags = new UUID[Math.max(1, capacity)];
        payloads = new byte[tags.length][];
    }

    public void add(UUID tagId, byte[] payload) {
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        tags[size] = tagId;
        payloads[size] = payload;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public UUID tag(int i) {
        check(i);
        return tags[i];
    }

    public byte[] payload(int i) {
        check(i);
        return payloads[i];
    }

    /** Empties the batch and lets go of the payloads. */
    public void clear() {
        Arrays.fill(tags, 0, size, null);
        Arrays.fill(payloads, 0, size, null);
        size = 0;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
    }
}
