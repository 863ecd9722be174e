package org.peresvet.connector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.peresvet.model.Micros;
import org.peresvet.runtime.WriteResult;

/**
 * A write waiting for the device to echo its value. Finished exactly once: confirmed by a matching
 * report, or failed (timeout, mismatch, send failure, replaced, engine stopped).
 */
public final class PendingWrite {
    private final UUID tagId;
    private final Object value;
    private final double tolerance;
    private final long startMicros;
    private final long timeoutMillis;
    private final CompletableFuture<WriteResult> future = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Consumer<WriteResult> onFinish;
    private volatile Object lastSeen;
    private volatile ScheduledFuture<?> timer;

    /**
     * @param tolerance numbers within it count as the same value (the tag's deadband, at least a rounding margin)
     * @param onFinish  called once with the result before the future completes (event, log, bookkeeping)
     */
    public PendingWrite(UUID tagId, Object value, double tolerance, long startMicros, long timeoutMillis,
                        Consumer<WriteResult> onFinish) {
        this.tagId = tagId;
        this.value = value;
        this.tolerance = tolerance;
        this.startMicros = startMicros;
        this.timeoutMillis = timeoutMillis;
        this.onFinish = onFinish;
    }

    public UUID tagId() {
        return tagId;
    }

    public CompletableFuture<WriteResult> future() {
        return future;
    }

    public void timer(ScheduledFuture<?> t) {
        timer = t;
        if (done.get()) {
            t.cancel(false);
        }
    }

    /** A value the device reported for the tag; true when it confirms this write. */
    public boolean observe(Object reported) {
        if (matches(reported)) {
            finish(WriteResult.Status.CONFIRMED, reported, "");
            return true;
        }
        lastSeen = reported;
        return false;
    }

    /** The timeout passed: a mismatch when the device reported something else, else a timeout. */
    public void expire() {
        Object seen = lastSeen;
        if (seen != null) {
            finish(WriteResult.Status.MISMATCH, null, "the device reported " + seen + ", not " + value + ", within "
                    + timeoutMillis + " ms");
        } else {
            finish(WriteResult.Status.TIMEOUT, null, "the device did not echo the value within " + timeoutMillis + " ms");
        }
    }

    public boolean finish(WriteResult.Status status, Object confirmed, String reason) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        WriteResult r = new WriteResult(tagId, status, value, confirmed, reason, Micros.now() - startMicros);
        try {
            onFinish.accept(r);
        } finally {
            future.complete(r);
        }
        return true;
    }

    public boolean isDone() {
        return done.get();
    }

    boolean matches(Object reported) {
        if (reported == null) {
            return false;
        }
        if (value instanceof Number a && reported instanceof Number b) {
            return Math.abs(a.doubleValue() - b.doubleValue()) <= tolerance;
        }
        if (value instanceof JsonNode || reported instanceof JsonNode) {
            return Objects.equals(value, reported);
        }
        return Objects.equals(value, reported);
    }
}
