package org.peresvet.store;

import java.util.ArrayList;
import java.util.List;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.StorageFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects alarm events from the bus and writes them to the {@link JournalStore} in batches on its
 * own thread, every flush interval or sooner when many wait. A failed write is retried; the
 * events stay in memory meanwhile.
 */
public final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final int EARLY = 2_000;

    private final JournalStore store;
    private final long flushMillis;
    private final Object lock = new Object();
    private final Thread thread;
    private List<AlarmEvent> buffer = new ArrayList<>();
    private long received;
    private long persisted;
    private boolean flushWanted;
    private boolean closing;
    private final FaultEpisode episode;

    public JournalWriter(JournalStore store, long flushMillis) {
        this.store = store;
        this.flushMillis = flushMillis;
        this.episode = new FaultEpisode(LOG, "Writing the alarm journal", store.file());
        this.thread = new Thread(this::run, "peresvet-alarm-journal");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Takes one event (the bus calls this in publishing order). */
    public void add(AlarmEvent e) {
        synchronized (lock) {
            buffer.add(e);
            received++;
            if (buffer.size() >= EARLY || flushWanted) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Waits until {@code upTo} events have arrived (they may still be on their way through the
     * bus) and everything received is in the file; gives up after {@code timeoutMillis}.
     */
    public void flush(long upTo, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (thread.isAlive()) {
                long target = Math.max(received, upTo);
                if (persisted >= target) {
                    return;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    LOG.warn("Alarm journal flush timed out: {} of {} events written", persisted, target);
                    return;
                }
                flushWanted = true;
                lock.notifyAll();
                try {
                    lock.wait(Math.min(left, 20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public long written() {
        synchronized (lock) {
            return persisted;
        }
    }

    /** Why writing the journal fails, in words, or null while it works. */
    public String lastError() {
        StorageFault f = episode.fault();
        return f == null ? null : f.describe();
    }

    private void run() {
        long lastFlush = System.currentTimeMillis();
        while (true) {
            List<AlarmEvent> batch;
            synchronized (lock) {
                while (true) {
                    long due = lastFlush + flushMillis - System.currentTimeMillis();
                    if (closing || flushWanted || buffer.size() >= EARLY || (due <= 0 && !buffer.isEmpty())) {
                        break;
                    }
                    try {
                        lock.wait(Math.max(1, due <= 0 ? flushMillis : due));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                flushWanted = false;
                if (buffer.isEmpty()) {
                    if (closing) {
                        lock.notifyAll();
                        return;
                    }
                    lock.notifyAll();
                    continue;
                }
                batch = buffer;
                buffer = new ArrayList<>();
            }
            lastFlush = System.currentTimeMillis();
            boolean ok = write(batch);
            synchronized (lock) {
                if (ok) {
                    persisted += batch.size();
                } else {
                    batch.addAll(buffer); // keep the order: the failed batch first
                    buffer = batch;
                    if (closing) {
                        LOG.error("Giving up on {} unwritten alarm journal rows at shutdown", buffer.size());
                        lock.notifyAll();
                        return;
                    }
                }
                lock.notifyAll();
            }
            if (!ok) {
                try {
                    Thread.sleep(Math.min(5000, 500L * Math.max(1, episode.attempts()))); // back off in a long outage
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean write(List<AlarmEvent> batch) {
        try {
            store.append(batch);
            episode.succeeded();
            return true;
        } catch (RuntimeException e) {
            int waiting;
            synchronized (lock) {
                waiting = batch.size() + buffer.size();
            }
            episode.failed(e, waiting + " journal rows are kept in memory");
            return false;
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
