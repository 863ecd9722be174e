package org.peresvet.api.internal;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads history queries run on: a few, with a short queue, so heavy queries can never take
 * the threads (or, with the point cap, the heap) that the engine loop, the history writer and
 * {@code /v1/health} need. A query that finds the pool and its queue full is answered 503.
 */
public final class QueryPool implements AutoCloseable {

    /** The work of one request; may throw what a handler throws. */
    @FunctionalInterface
    public interface Work {
        void run() throws IOException;
    }

    private final ThreadPoolExecutor pool;
    private final int threads;

    public QueryPool(int threads, int queue) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "peresvet-api-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} on the pool and waits for it; its exceptions come back as they were thrown. */
    public void run(Work work) throws IOException {
        Future<?> f;
        try {
            f = pool.submit(() -> {
                work.run();
                return null;
            });
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, null, "too many history queries at once (" + threads
                    + " running, more waiting); try again shortly").header("Retry-After", "1");
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the query ran", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof OutOfMemoryError oom) {
                throw new ApiError(503, null, "the query needed more memory than the engine can give it; ask for fewer points");
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Queries running now and waiting. */
    public int busy() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
