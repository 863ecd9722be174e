package org.peresvet.store;

import java.nio.file.Path;
import org.peresvet.runtime.StorageFault;
import org.slf4j.Logger;

/**
 * One stretch of failed writes to a file, from the first failure to the write that works again.
 * Logs the first failure with its stack trace, each retry as one line with its count, and the
 * recovery with how long it took, so a long outage does not fill the log (or the disk) with traces.
 * Thread-safe; the writer thread reports, any thread reads.
 */
final class FaultEpisode {
    private final Logger log;
    private final String what;
    private final Path path;

    private StorageFault fault;
    private long since;
    private int attempts;
    private long resumedAt;
    private long lastFailedAt;

    /**
     * @param what what is being written, as the start of a sentence ("Writing history")
     * @param path the file written, for the explanation of a fault
     */
    FaultEpisode(Logger log, String what, Path path) {
        this.log = log;
        this.what = what;
        this.path = path;
    }

    /** A write failed; {@code kept} says where the data waits ("12 samples are kept in memory"). */
    void failed(Throwable error, String kept) {
        StorageFault f = StorageFault.of(error, path);
        int n;
        synchronized (this) {
            fault = f;
            n = ++attempts;
            lastFailedAt = System.currentTimeMillis();
            if (n == 1) {
                since = lastFailedAt;
            }
        }
        if (n == 1) {
            log.error("{} failed: {}; {}; retrying", what, f.describe(), kept, error);
        } else {
            log.warn("{} still fails (attempt {}, for {} s): {}; {}", what, n, (System.currentTimeMillis() - since()) / 1000,
                    f.describe(), kept);
        }
    }

    /** A write worked; ends the episode if there was one. */
    void succeeded() {
        long start;
        int n;
        synchronized (this) {
            if (fault == null) {
                return;
            }
            start = since;
            n = attempts;
            resumedAt = System.currentTimeMillis();
            fault = null;
            attempts = 0;
        }
        log.info("{} works again after {} failed attempts in {} s", what, n, (resumedAt - start + 500) / 1000);
    }

    synchronized StorageFault fault() {
        return fault;
    }

    synchronized long since() {
        return since;
    }

    synchronized int attempts() {
        return attempts;
    }

    /** When the last episode ended (epoch ms), 0 if none did. */
    synchronized long resumedAt() {
        return resumedAt;
    }
}
