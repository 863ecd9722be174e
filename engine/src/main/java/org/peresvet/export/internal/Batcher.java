package org.peresvet.export.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of the export: takes accepted samples on the engine loop thread without ever
 * waiting (a lock-free hand-off), and on its own thread cuts them into batches by size and age,
 * encodes each batch per target and appends it to the target's durable queue.
 */
public final class Batcher implements SampleSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    /** One target's encoder, queue and sender; bodies the disk refused wait in {@code backlog}. */
    public static final class Output {
        final BatchEncoder encoder;
        final DiskQueue queue;
        final Sender sender;
        final Deque<BatchEncoder.Encoded> backlog = new ArrayDeque<>();

        public Output(BatchEncoder encoder, DiskQueue queue, Sender sender) {
            this.encoder = encoder;
            this.queue = queue;
            this.sender = sender;
        }
    }

    private final ConcurrentLinkedQueue<List<TagSample>> incoming = new ConcurrentLinkedQueue<>();
    /** Points of other series (alarm states); few, so they go out with the next round. */
    private final ConcurrentLinkedQueue<BatchEncoder.Point> points = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final int maxSamples;
    private final long maxAgeNanos;
    private final Supplier<ModelSnapshot> model;
    private final List<Output> outputs;
    private final Thread thread;
    private final Object flushLock = new Object();
    private volatile long firstPendingNanos;
    private volatile boolean closing;
    private volatile long flushRequested;
    private volatile long flushDone;
    private volatile String lastError;
    private final AtomicLong batched = new AtomicLong();

    // Encoder thread only: the list being taken apart and how far.
    private List<TagSample> head;
    private int headOffset;

    public Batcher(int maxSamples, long maxAgeMillis, Supplier<ModelSnapshot> model, List<Output> outputs) {
        this.maxSamples = maxSamples;
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
        this.model = model;
        this.outputs = List.copyOf(outputs);
        this.thread = new Thread(this::run, "peresvet-export-batcher");
        this.thread.setDaemon(true);
    }

    public Batcher start() {
        thread.start();
        return this;
    }

    /** Engine loop thread: hands the batch over and returns. */
    @Override
    public void accepted(List<TagSample> batch) {
        if (batch.isEmpty() || closing) {
            return;
        }
        incoming.add(batch);
        long before = pending.getAndAdd(batch.size());
        if (before == 0) {
            firstPendingNanos = System.nanoTime();
        }
        if (before < maxSamples && before + batch.size() >= maxSamples) {
            LockSupport.unpark(thread);
        }
    }

    /** Any thread: a point of another series (an alarm state), queued within the batch age. Never blocks. */
    public void point(BatchEncoder.Point p) {
        if (!closing) {
            points.add(p);
        }
    }

    /** Samples handed over but not yet in the queues. */
    public long buffered() {
        return pending.get();
    }

    /** Samples batched into the queues so far. */
    public long batched() {
        return batched.get();
    }

    public String lastError() {
        return lastError;
    }

    /** Cuts and queues everything handed over so far; waits until it is on disk. */
    public void flush() {
        long target;
        synchronized (flushLock) {
            target = ++flushRequested;
        }
        LockSupport.unpark(thread);
        synchronized (flushLock) {
            while (flushDone < target && thread.isAlive()) {
                try {
                    flushLock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LockSupport.unpark(thread);
            }
        }
    }

    private void run() {
        List<TagSample> batch = new ArrayList<>(maxSamples);
        while (true) {
            boolean stop = closing;
            long wantedFlush = flushRequested;
            writePoints();
            retryBacklogs();
            long p = pending.get();
            if (p == 0 && (head == null || headOffset >= head.size())) {
                if (wantedFlush > flushDone && backlogsEmpty()) {
                    finishFlush(wantedFlush);
                }
                if (stop) {
                    return;
                }
                LockSupport.parkNanos(backlogsEmpty() ? maxAgeNanos : TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            long age = System.nanoTime() - firstPendingNanos;
            if (p < maxSamples && age < maxAgeNanos && !stop && wantedFlush <= flushDone) {
                LockSupport.parkNanos(maxAgeNanos - age);
                continue;
            }
            batch.clear();
            take(batch);
            if (pending.get() > 0) {
                firstPendingNanos = System.nanoTime();
            }
            write(batch);
        }
    }

    private void take(List<TagSample> batch) {
        int taken = 0;
        while (batch.size() < maxSamples) {
            if (head == null || headOffset >= head.size()) {
                head = incoming.poll();
                headOffset = 0;
                if (head == null) {
                    break;
                }
            }
            int n = Math.min(maxSamples - batch.size(), head.size() - headOffset);
            batch.addAll(head.subList(headOffset, headOffset + n));
            headOffset += n;
            taken += n;
        }
        pending.addAndGet(-taken);
    }

    private void write(List<TagSample> batch) {
        ModelSnapshot m = model.get();
        for (Output o : outputs) {
            try {
                BatchEncoder.Encoded e = o.encoder.encode(batch, m);
                if (e != null) {
                    o.backlog.addLast(e);
                }
            } catch (RuntimeException ex) {
                LOG.error("Export: encoding a batch for {} failed; its samples are skipped", o.sender.target().name(), ex);
                lastError = "encoding failed: " + ex;
            }
        }
        batched.addAndGet(batch.size());
        retryBacklogs();
    }

    private void writePoints() {
        if (points.isEmpty()) {
            return;
        }
        List<BatchEncoder.Point> l = new ArrayList<>();
        for (BatchEncoder.Point p; (p = points.poll()) != null; ) {
            l.add(p);
        }
        for (Output o : outputs) {
            try {
                BatchEncoder.Encoded e = o.encoder.encodePoints(l);
                if (e != null) {
                    o.backlog.addLast(e);
                }
            } catch (RuntimeException ex) {
                LOG.error("Export: encoding alarm states for {} failed; they are skipped", o.sender.target().name(), ex);
                lastError = "encoding failed: " + ex;
            }
        }
    }

    /** Appends waiting bodies in order; a disk error leaves them waiting (in memory) for the next round. */
    private void retryBacklogs() {
        boolean failed = false;
        for (Output o : outputs) {
            while (!o.backlog.isEmpty()) {
                BatchEncoder.Encoded e = o.backlog.peekFirst();
                try {
                    o.queue.append(e.body(), e.samples(), e.points(), e.minMs(), e.maxMs());
                    o.backlog.removeFirst();
                    o.sender.wake();
                } catch (RuntimeException ex) {
                    if (!String.valueOf(ex.getMessage()).equals(lastError)) {
                        LOG.error("Export: cannot queue a batch for {} ({} waiting in memory): {}",
                                o.sender.target().name(), o.backlog.size(), ex.getMessage());
                    }
                    lastError = ex.getMessage();
                    failed = true;
                    break;
                }
            }
        }
        if (!failed && backlogsEmpty()) {
            lastError = null;
        }
    }

    private boolean backlogsEmpty() {
        for (Output o : outputs) {
            if (!o.backlog.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void finishFlush(long upTo) {
        synchronized (flushLock) {
            flushDone = Math.max(flushDone, upTo);
            flushLock.notifyAll();
        }
    }

    /** Queues what was handed over (the engine loop has stopped by now), then ends the thread. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Output o : outputs) {
            if (!o.backlog.isEmpty()) {
                LOG.error("Export: {} batches for {} could not be queued before shutdown", o.backlog.size(),
                        o.sender.target().name());
            }
        }
    }
}
