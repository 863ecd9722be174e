package org.peresvet.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.HistoryHealth;
import org.peresvet.runtime.SampleSink;
import org.peresvet.runtime.StorageFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches accepted samples and writes them to the {@link HistoryStore} on its own thread, every
 * flush interval or sooner when many samples wait. If the disk cannot keep up (or fails), the
 * buffer grows to a bound and then the engine loop waits: history is slowed, never dropped. While
 * writing fails, {@link #health()} explains why and says how many samples wait against the bound,
 * so writers that can be told no (the HTTP API) are refused before it is reached. A failed write
 * is retried with a growing pause (up to 5 s); the log has one stack trace per fault, then one
 * line per retry.
 *
 * <p>A flush with only a few samples per tag (10,000 tags fed round robin) would store one tiny
 * block per tag, the store's costliest case. Such a flush goes to the store's tail instead (one
 * row for all tags, in the file at once); the writer keeps those samples in memory and moves the
 * tail into per-tag blocks every {@value #TAIL_MILLIS} ms, at {@value #TAIL_SAMPLES} samples, on
 * {@link #flush()} (queries call it) and at close.
 */
public final class HistoryWriter implements SampleSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final int EARLY_FLUSH = 200_000;
    /** A flush with fewer samples per tag than this goes to the tail. */
    static final int SPARSE_PER_TAG = 8;
    static final long TAIL_MILLIS = 10_000;
    static final int TAIL_SAMPLES = 250_000;

    private final HistoryStore store;
    private final long flushMillis;
    private final int maxBuffered;
    private final Object lock = new Object();
    private final Thread thread;

    private Map<UUID, List<Sample>> buffer = new HashMap<>();
    private Map<UUID, List<Sample>> inFlight = Map.of();
    /** Samples in the store's tail, not yet in blocks; changed only by the writer thread, under the lock. */
    private Map<UUID, List<Sample>> tail = new HashMap<>();
    private int tailCount;
    private long tailSince;
    private int buffered;
    private long requested;
    private long swapped;
    private long written;
    private boolean closing;
    /** Samples of {@link #inFlight} (being written, or waiting for a retry). */
    private int inFlightCount;
    private volatile long samplesWritten;
    private final FaultEpisode episode;

    public HistoryWriter(HistoryStore store, long flushMillis, int maxBuffered) {
        this.store = store;
        this.flushMillis = flushMillis;
        this.maxBuffered = maxBuffered;
        this.episode = new FaultEpisode(LOG, "Writing history", store.file());
        this.thread = new Thread(this::run, "peresvet-history-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void accepted(List<TagSample> batch) {
        synchronized (lock) {
            // Never wait on a writer thread that died: the samples then stay in memory, and status shows the error.
            while (buffered >= maxBuffered && !closing && thread.isAlive()) {
                try {
                    lock.wait(100); // back-pressure: the disk is behind
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (TagSample ts : batch) {
                buffer.computeIfAbsent(ts.tagId(), k -> new ArrayList<>()).add(ts.sample());
            }
            buffered += batch.size();
            if (buffered >= EARLY_FLUSH) {
                lock.notifyAll();
            }
        }
    }

    /** True while samples of this tag wait to be written (a query then flushes first). */
    public boolean hasPending(UUID tagId) {
        synchronized (lock) {
            return buffer.containsKey(tagId) || inFlight.containsKey(tagId) || tail.containsKey(tagId);
        }
    }

    /** Writes everything accepted so far and waits until it is in the file. */
    public void flush() {
        synchronized (lock) {
            if (buffered == 0 && inFlight.isEmpty() && tail.isEmpty()) {
                return;
            }
            long target = ++requested;
            lock.notifyAll();
            while (written < target && thread.isAlive()) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public long samplesWritten() {
        return samplesWritten;
    }

    /** Why writing fails, in words (disk full, the file, the free space), or null while it works. */
    public String lastError() {
        StorageFault f = episode.fault();
        return f == null ? null : f.describe();
    }

    /** Whether writing works, and how many samples wait in memory against which bound. */
    public HistoryHealth health() {
        int kept;
        synchronized (lock) {
            kept = buffered + inFlightCount;
        }
        StorageFault f = episode.fault();
        return new HistoryHealth(f, f == null ? 0 : episode.since(), f == null ? 0 : episode.attempts(), episode.resumedAt(),
                kept, maxBuffered, store.file(), freeBytes(store.file()));
    }

    /** The history file's file system, found once: finding it reads the mount table, and health is asked on every API write. */
    private volatile FileStore fileStore;

    private long freeBytes(Path file) {
        try {
            FileStore fs = fileStore;
            if (fs == null) {
                fs = Files.getFileStore(file.toAbsolutePath().getParent());
                fileStore = fs;
            }
            return fs.getUsableSpace();
        } catch (IOException | RuntimeException e) {
            fileStore = null;
            return -1;
        }
    }

    public int buffered() {
        synchronized (lock) {
            return buffered;
        }
    }

    private void run() {
        long lastFlush = System.currentTimeMillis();
        while (true) {
            Map<UUID, List<Sample>> toWrite;
            long covers;
            int count;
            boolean toBlocks;
            synchronized (lock) {
                while (true) {
                    long due = lastFlush + flushMillis - System.currentTimeMillis();
                    boolean wanted = requested > swapped || buffered >= EARLY_FLUSH || closing || due <= 0;
                    if (wanted) {
                        break;
                    }
                    try {
                        lock.wait(Math.max(1, due));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (buffered == 0 && tailCount == 0 && closing) {
                    written = requested;
                    lock.notifyAll();
                    return;
                }
                toWrite = buffer;
                count = buffered;
                covers = requested;
                // Blocks when someone waits (a query reads blocks only), at close, when the flush
                // is dense anyway, or when the tail is big or old.
                toBlocks = requested > swapped || closing || count >= SPARSE_PER_TAG * toWrite.size()
                        || tailCount + count >= TAIL_SAMPLES
                        || (tailCount > 0 && System.currentTimeMillis() - tailSince >= TAIL_MILLIS);
                buffer = new HashMap<>();
                buffered = 0;
                inFlight = toWrite;
                inFlightCount = count;
                swapped = covers;
                lock.notifyAll();
            }
            lastFlush = System.currentTimeMillis();
            if (toBlocks) {
                synchronized (lock) {
                    if (tailCount > 0) { // the tail's samples come first: they were accepted earlier
                        toWrite.forEach((id, samples) -> tail.computeIfAbsent(id, k -> new ArrayList<>()).addAll(samples));
                        toWrite = tail;
                    }
                }
                writeWithRetry(toWrite, true);
                synchronized (lock) {
                    tail = new HashMap<>();
                    tailCount = 0;
                }
            } else if (!toWrite.isEmpty()) {
                writeWithRetry(toWrite, false);
                synchronized (lock) {
                    if (tailCount == 0) {
                        tailSince = System.currentTimeMillis();
                    }
                    toWrite.forEach((id, samples) -> tail.computeIfAbsent(id, k -> new ArrayList<>()).addAll(samples));
                    tailCount += count;
                }
            }
            synchronized (lock) {
                // Counted before the waiters wake: a flush() that returned sees its samples counted.
                samplesWritten += count;
                inFlight = Map.of();
                inFlightCount = 0;
                written = Math.max(written, covers);
                lock.notifyAll();
            }
        }
    }

    private void writeWithRetry(Map<UUID, List<Sample>> toWrite, boolean toBlocks) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (toBlocks) {
                    store.write(toWrite);
                } else {
                    store.appendTail(toWrite);
                }
                episode.succeeded();
                return;
            } catch (RuntimeException | Error e) { // an OutOfMemoryError must not end the writer thread
                int kept;
                synchronized (lock) {
                    kept = buffered + inFlightCount;
                }
                episode.failed(e, kept + " samples are kept in memory (limit " + maxBuffered + ")");
                synchronized (lock) {
                    if (closing && attempt >= 3) {
                        long lost = toWrite.values().stream().mapToLong(List::size).sum();
                        LOG.error("Giving up at shutdown: {} samples of {} tags were not written to history ({})",
                                lost, toWrite.size(), lastError());
                        return;
                    }
                }
                try {
                    Thread.sleep(Math.min(5000, 200L * attempt));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Writes what is buffered, then stops the thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
