package org.peresvet.api.internal;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slots history queries run in: a few at once, a short queue of waiting ones, and 503 beyond,
 * so heavy queries can never take the threads (or, with the point cap, the heap) that the engine
 * loop, the history writer and {@code /v1/health} need. A query runs on the request's own server
 * thread once it holds a slot: handing it to another thread and back cost two thread wake-ups per
 * answer, which made up much of an ordinary answer's latency tail on two cores. Each slot owns the
 * buffer that holds an answer back until it is known to be within the point cap.
 */
public final class QueryPool implements AutoCloseable {

    /** The work of one request, given its slot's answer buffer; may throw what a handler throws. */
    @FunctionalInterface
    public interface Work {
        void run(HeldAnswer held) throws IOException;
    }

    private final int slots;
    private final int queue;
    /** Fair: waiting queries get their slot in arrival order. */
    private final Semaphore free;
    private final AtomicInteger waiting = new AtomicInteger();
    private final BlockingQueue<HeldAnswer> buffers;
    private volatile boolean closed;

    public QueryPool(int slots, int queue) {
        this.slots = slots;
        this.queue = queue;
        this.free = new Semaphore(slots, true);
        this.buffers = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            buffers.add(new HeldAnswer());
        }
    }

    /** Runs {@code work} on this thread once a slot is free; 503 when the slots and the queue are taken. */
    public void run(Work work) throws IOException {
        acquire();
        HeldAnswer polled = buffers.poll();
        HeldAnswer held = polled == null ? new HeldAnswer() : polled; // none left only after a failed hand-back
        try {
            work.run(held);
        } catch (OutOfMemoryError e) {
            throw new ApiError(503, null, "the query needed more memory than the engine can give it; ask for fewer points");
        } finally {
            // The slot is freed whatever happens to its buffer (replacing a large one allocates).
            try {
                buffers.offer(held.afterUse());
            } finally {
                free.release();
            }
        }
    }

    private void acquire() throws IOException {
        if (closed) {
            throw new ApiError(503, null, "the server is stopping");
        }
        if (free.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw new ApiError(503, null, "too many history queries at once (" + slots
                    + " running, more waiting); try again shortly").header("Retry-After", "1");
        }
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the query waited for its turn", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Queries running now and waiting. */
    public int busy() {
        return slots - free.availablePermits() + waiting.get();
    }

    /** Refuses new queries; running ones end with their requests (the server stops its threads). */
    @Override
    public void close() {
        closed = true;
    }
}
