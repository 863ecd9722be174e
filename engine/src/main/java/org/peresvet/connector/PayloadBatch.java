package org.peresvet.connector;

import java.util.Arrays;
import java.util.UUID;

/**
 * Device payloads for bound tags, in arrival order, handed to the engine together
 * ({@link ConnectorContext#deliver(PayloadBatch)}): one hand-over to the ingest queue per batch
 * instead of one per message. A reading the connector already refused ({@link #reject}) takes its
 * place in the same order, so a device's {@code 60.5} then {@code nan} ends at quality 103, not
 * at 60.5. Not thread-safe: one producer fills it, then delivers and clears it.
 */
public final class PayloadBatch {
    private UUID[] tags;
    private byte[][] payloads;
    private String[] rejections;
    private int size;

    public PayloadBatch() {
        this(64);
    }

    public PayloadBatch(int capacity) {
        tags = new UUID[Math.max(1, capacity)];
        payloads = new byte[tags.length][];
        rejections = new String[tags.length];
    }

    public void add(UUID tagId, byte[] payload) {
        append(tagId, payload, null);
    }

    /** A reading refused before extraction (the reason is logged, the tag gets quality 103), in arrival order. */
    public void reject(UUID tagId, String reason) {
        append(tagId, null, reason == null ? "rejected" : reason);
    }

    private void append(UUID tagId, byte[] payload, String rejection) {
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
            rejections = Arrays.copyOf(rejections, size * 2);
        }
        tags[size] = tagId;
        payloads[size] = payload;
        rejections[size] = rejection;
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

    /** The payload, or null for a rejection. */
    public byte[] payload(int i) {
        check(i);
        return payloads[i];
    }

    /** The reason a reading was refused, or null for a payload. */
    public String rejection(int i) {
        check(i);
        return rejections[i];
    }

    /** Empties the batch and lets go of the payloads. */
    public void clear() {
        Arrays.fill(tags, 0, size, null);
        Arrays.fill(payloads, 0, size, null);
        Arrays.fill(rejections, 0, size, null);
        size = 0;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
    }
}
