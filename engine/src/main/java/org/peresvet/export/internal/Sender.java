package org.peresvet.export.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.ExportStatus;
import org.peresvet.export.SeriesNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one target's {@link DiskQueue} to its VictoriaMetrics server, in order, on its own thread.
 *
 * <p>A batch passes three states. <b>Unsent</b>: in the queue. <b>Accepted</b>: the server
 * answered 2xx. VictoriaMetrics keeps fresh rows in memory for several seconds before they reach
 * its disk, so a server killed right after accepting a batch loses it; the batch therefore stays
 * in the queue for {@code confirmDelayMillis} and is <b>confirmed</b> (deleted) only if the server
 * process that accepted it is still the one running (its {@code process_start_time_seconds} is
 * unchanged). A batch whose fate is unknown (the server restarted, the connection broke during
 * the request, a 5xx, a timeout, an engine restart) becomes <b>suspect</b>: once it had time to
 * settle, its series are read back with {@code /api/v1/export} and only the samples the server
 * does not have are sent again. So nothing is lost, and nothing is stored twice even without
 * server-side deduplication. Suspects are settled before newer batches are sent.
 */
public final class Sender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;
    private static final int MAX_RECORDS_PER_REQUEST = 64;
    private static final int SELECTORS_PER_EXPORT = 200;

    private final ExportConfig.Target target;
    private final DiskQueue queue;
    private final VmServer client;
    private final LongSupplier clock;
    private final BatchEncoder resendEncoder = new BatchEncoder(Map.of());
    private final long settleMillis;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean stopping;

    // Sender thread only.
    private final TreeMap<Long, Sent> unconfirmed = new TreeMap<>();
    private volatile long nextSeq;
    private Long knownStart;
    private volatile boolean startUnsupported;
    private long nextStartCheck;
    private int metricsErrors;
    private long retryAt;
    private long backoff;
    /** Samples of accepted batches still in the queue; written by the sender thread only. */
    private volatile long ackedSamples;
    /** When the server's start time was last read, and when it last accepted something. */
    private volatile long lastCheckAt;
    private volatile long lastAcceptAt;
    private boolean alarmLogged;

    // Status.
    private volatile boolean connected;
    private volatile String lastError;
    private volatile Long oldestSuspectMs;
    private volatile int suspects;
    private final AtomicLong sentSamples = new AtomicLong();
    private final AtomicLong confirmedSamples = new AtomicLong();
    private final AtomicLong resentPoints = new AtomicLong();
    private final AtomicLong damagedSamples = new AtomicLong();

    /** A batch the server may have: accepted (waiting for confirmation) or suspect. */
    private static final class Sent {
        final long seq;
        final int samples;
        boolean suspect;
        long ackAt;
        Long start;
        /** When it last went to the server; a suspect is read back only after it settled. */
        long lastAttempt;

        Sent(long seq, int samples) {
            this.seq = seq;
            this.samples = samples;
        }
    }

    public Sender(ExportConfig.Target target, DiskQueue queue, VmServer client, long settleMillis) {
        this(target, queue, client, settleMillis, System::currentTimeMillis);
    }

    /** With the clock (ms) it reads for every timing decision: the wall clock, or a test's. */
    public Sender(ExportConfig.Target target, DiskQueue queue, VmServer client, long settleMillis, LongSupplier clock) {
        this.target = target;
        this.queue = queue;
        this.client = client;
        this.clock = clock;
        this.settleMillis = settleMillis;
        this.thread = new Thread(this::run, "peresvet-export-" + target.name());
        this.thread.setDaemon(true);
    }

    public Sender start() {
        load();
        thread.start();
        return this;
    }

    /** Takes over the queue: records a previous run may have sent become suspects. Called by {@link #start()}. */
    void load() {
        long now = clock.getAsLong();
        // Records the previous run may have sent: their fate is unknown, so they are read back first.
        long first = queue.firstSeq();
        long sent = queue.sentSeq();
        for (long seq = first; seq < sent; seq++) {
            DiskQueue.Entry e = queue.entry(seq);
            if (e != null) {
                Sent s = new Sent(seq, e.samples());
                s.suspect = true;
                s.lastAttempt = now;
                unconfirmed.put(seq, s);
            }
        }
        nextSeq = Math.max(first, sent);
        if (!unconfirmed.isEmpty()) {
            LOG.info("Export {}: {} batches may have been sent before the restart; checking them against the server first",
                    target.name(), unconfirmed.size());
        }
        updateStatus();
    }

    /** Tells the sender new records were appended. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (!stopping) {
            if (!step()) {
                pause(100);
            }
        }
    }

    /**
     * One round of the delivery protocol at the clock's time: check the server's identity and
     * confirm what is due, then settle the first suspect or send the next batch.
     *
     * @return whether anything was done (else the thread waits a little)
     */
    boolean step() {
        boolean worked = false;
        long now = clock.getAsLong();
        try {
            if (now >= retryAt) {
                worked = checkServer(now);
                if (now >= retryAt) {
                    Sent suspect = firstSuspect();
                    worked |= suspect != null ? verify(suspect, now) : sendNext(now);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Export {}: unexpected failure", target.name(), e);
            fail("internal error: " + e, clock.getAsLong());
        }
        updateStatus();
        return worked;
    }

    private void pause(long millis) {
        synchronized (signal) {
            if (!signalled && !stopping) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            signalled = false;
        }
    }

    // ---- server identity and confirmation ----

    /** Learns the server's start time when needed, and confirms accepted batches that are due. */
    private boolean checkServer(long now) {
        // While the server holds batches it may still lose, its identity is checked every second.
        boolean accepted = false;
        for (Sent s : unconfirmed.values()) {
            if (!s.suspect) {
                accepted = true;
                break;
            }
        }
        boolean needStart = !startUnsupported && knownStart == null && (nextSeq < queue.endSeq() || !unconfirmed.isEmpty());
        if (!needStart && !(accepted && now >= nextStartCheck)) {
            return false;
        }
        if (!startUnsupported) {
            nextStartCheck = now + 1000;
            try {
                Long start = client.startTime();
                metricsErrors = 0;
                if (start == null) {
                    unsupported("it publishes no process_start_time_seconds");
                } else {
                    if (knownStart != null && !knownStart.equals(start)) {
                        LOG.warn("Export {}: the server restarted; batches it accepted recently are checked against it",
                                target.name());
                    }
                    knownStart = start;
                    markRestartSuspects(start);
                    lastCheckAt = now;
                }
            } catch (VmClient.HttpError e) {
                int c = e.code();
                if (c == 401 || c == 403 || c == 404 || c == 405 || ++metricsErrors >= 3) {
                    unsupported(e.getMessage());
                } else {
                    fail(e.getMessage(), now);
                    return true;
                }
            } catch (IOException e) {
                serverUnreachable(VmClient.neverSent(e) ? "cannot connect (" + target.displayUrl() + "): " + e.getMessage()
                        : "no answer from " + target.displayUrl() + ": " + e.getMessage(), now);
                return true;
            }
        }
        confirmDue(now);
        return true;
    }

    private void unsupported(String why) {
        if (!startUnsupported) {
            LOG.warn("Export {}: cannot read the server's start time ({}); a server restart is noticed only "
                    + "when a connection fails. Enable -dedup.minScrapeInterval=1ms on the server", target.name(), why);
        }
        startUnsupported = true;
    }

    /** Accepted batches stamped with another server process become suspect. */
    private void markRestartSuspects(long start) {
        for (Sent s : unconfirmed.values()) {
            if (!s.suspect && s.start != null && s.start != start) {
                suspect(s, s.ackAt);
            }
        }
    }

    private void confirmDue(long now) {
        for (Iterator<Sent> it = unconfirmed.values().iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (s.suspect || now - s.ackAt < target.confirmDelayMillis()) {
                continue;
            }
            if (startUnsupported || s.start == null || s.start.equals(knownStart)) {
                it.remove();
                ackedSamples -= s.samples;
                confirmedSamples.addAndGet(s.samples);
            }
        }
        advanceConfirmed();
    }

    private void advanceConfirmed() {
        long first = queue.firstSeq();
        while (!unconfirmed.isEmpty() && unconfirmed.firstKey() < first) {
            Sent gone = unconfirmed.pollFirstEntry().getValue();
            if (!gone.suspect) {
                ackedSamples -= gone.samples;
            }
        }
        long upTo = unconfirmed.isEmpty() ? nextSeq : Math.min(nextSeq, unconfirmed.firstKey());
        queue.confirm(upTo);
    }

    private void suspect(Sent s, long lastAttempt) {
        if (!s.suspect) {
            s.suspect = true;
            ackedSamples -= s.samples;
        }
        s.lastAttempt = lastAttempt;
    }

    private void accepted(Sent s, long now) {
        if (s.suspect || !unconfirmed.containsKey(s.seq)) {
            ackedSamples += s.samples;
        }
        s.suspect = false;
        s.ackAt = now;
        lastAcceptAt = now;
        s.start = knownStart;
        unconfirmed.put(s.seq, s);
    }

    private Sent firstSuspect() {
        for (Sent s : unconfirmed.values()) {
            if (s.suspect) {
                return s;
            }
        }
        return null;
    }

    // ---- sending ----

    private boolean sendNext(long now) {
        if (!startUnsupported && knownStart == null) {
            return false;
        }
        List<DiskQueue.Record> batch = new ArrayList<>();
        long bytes = 0;
        long seq = nextSeq;
        long end = queue.endSeq();
        while (seq < end && batch.size() < MAX_RECORDS_PER_REQUEST && bytes < MAX_REQUEST_BYTES) {
            DiskQueue.Record r;
            try {
                r = queue.read(seq);
            } catch (DiskQueue.DamagedRecordException e) {
                if (!batch.isEmpty()) {
                    break; // send what is before it first
                }
                skipDamaged(seq, e);
                seq++;
                nextSeq = seq;
                continue;
            }
            if (r == null) {
                seq = Math.max(seq + 1, queue.firstSeq()); // dropped because the queue was full
                if (batch.isEmpty()) {
                    nextSeq = seq;
                }
                continue;
            }
            if (!batch.isEmpty() && bytes + r.body().length > MAX_REQUEST_BYTES) {
                break;
            }
            batch.add(r);
            bytes += r.body().length;
            seq++;
        }
        if (batch.isEmpty()) {
            return false;
        }
        long last = batch.get(batch.size() - 1).seq();
        queue.markSent(last + 1);
        byte[] body = concat(batch, bytes);
        VmClient.Result res = client.importGzip(body);
        long done = clock.getAsLong();
        switch (res.outcome()) {
            case ACCEPTED -> {
                int samples = 0;
                for (DiskQueue.Record r : batch) {
                    accepted(new Sent(r.seq(), r.entry().samples()), done);
                    samples += r.entry().samples();
                }
                nextSeq = last + 1;
                sentSamples.addAndGet(samples);
                succeeded();
                if (target.confirmDelayMillis() == 0) {
                    confirmDue(done);
                }
            }
            case NOT_SENT -> serverUnreachable(res.message(), done);
            case REFUSED -> fail(res.message(), done);
            case UNKNOWN -> {
                for (DiskQueue.Record r : batch) {
                    Sent s = new Sent(r.seq(), r.entry().samples());
                    s.suspect = true;
                    s.lastAttempt = done;
                    unconfirmed.put(s.seq, s);
                }
                nextSeq = last + 1;
                fail(res.message() + " (the batch is checked against the server before it is sent again)", done);
            }
        }
        return true;
    }

    /** A damaged record is passed over: marked sent and accepted so that it is confirmed in order. */
    private void skipDamaged(long seq, RuntimeException e) {
        DiskQueue.Entry entry = queue.entry(seq);
        int samples = entry == null ? 0 : entry.samples();
        LOG.error("Export {}: {}; its {} samples are lost", target.name(), e.getMessage(), samples);
        queue.markSent(seq + 1);
        Sent s = new Sent(seq, samples);
        accepted(s, clock.getAsLong() - target.confirmDelayMillis());
        s.start = null; // nothing to wait for
        damagedSamples.addAndGet(samples);
    }

    /** Gzip members one after the other form one valid gzip stream. */
    private static byte[] concat(List<DiskQueue.Record> batch, long bytes) {
        if (batch.size() == 1) {
            return batch.get(0).body();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) bytes);
        for (DiskQueue.Record r : batch) {
            out.writeBytes(r.body());
        }
        return out.toByteArray();
    }

    // ---- reading back suspects ----

    private boolean verify(Sent s, long now) {
        if (now - s.lastAttempt < settleMillis) {
            return false;
        }
        if (!startUnsupported && knownStart == null) {
            return false;
        }
        DiskQueue.Record rec;
        try {
            rec = queue.read(s.seq);
        } catch (DiskQueue.DamagedRecordException e) {
            LOG.error("Export {}: {}; its samples cannot be checked or sent again", target.name(), e.getMessage());
            rec = null;
        }
        if (rec == null) {
            unconfirmed.remove(s.seq);
            advanceConfirmed();
            return true;
        }
        List<SeriesData> series;
        try {
            series = JsonLines.decodeGzip(rec.body());
        } catch (IOException e) {
            LOG.error("Export {}: batch {} cannot be decoded, dropping it: {}", target.name(), s.seq, e.getMessage());
            unconfirmed.remove(s.seq);
            advanceConfirmed();
            return true;
        }
        List<SeriesData> missing;
        try {
            client.forceFlush();
            missing = missing(series, rec.entry().minMs(), rec.entry().maxMs());
        } catch (VmClient.HttpError e) {
            if (e.code() == 401 || e.code() == 403 || e.code() == 404 || e.code() == 405) {
                LOG.warn("Export {}: cannot read back batch {} ({}); sending all of it again. Enable "
                        + "-dedup.minScrapeInterval=1ms on the server so repeated samples are not stored twice",
                        target.name(), s.seq, e.getMessage());
                missing = series;
            } else {
                fail("reading back a batch failed: " + e.getMessage(), clock.getAsLong());
                return true;
            }
        } catch (IOException e) {
            if (VmClient.neverSent(e)) {
                serverUnreachable("cannot connect (" + target.displayUrl() + "): " + e.getMessage(), clock.getAsLong());
            } else {
                fail("reading back a batch failed: " + e.getMessage(), clock.getAsLong());
            }
            return true;
        }
        if (missing.isEmpty()) {
            LOG.debug("Export {}: batch {} is complete on the server", target.name(), s.seq);
            accepted(s, clock.getAsLong());
            succeeded();
            return true;
        }
        int points = missing.stream().mapToInt(SeriesData::size).sum();
        VmClient.Result res = client.importGzip(resendEncoder.encodeRaw(missing));
        long done = clock.getAsLong();
        switch (res.outcome()) {
            case ACCEPTED -> {
                LOG.info("Export {}: batch {}: sent again the {} points the server did not have", target.name(), s.seq, points);
                resentPoints.addAndGet(points);
                accepted(s, done);
                succeeded();
            }
            case NOT_SENT -> serverUnreachable(res.message(), done);
            case REFUSED -> fail(res.message(), done);
            case UNKNOWN -> {
                s.lastAttempt = done;
                fail(res.message(), done);
            }
        }
        return true;
    }

    /** The points of these series between min and max (ms) that the server does not hold. */
    private List<SeriesData> missing(List<SeriesData> series, long minMs, long maxMs) throws IOException {
        Map<Map<String, String>, Set<Long>> present = new HashMap<>();
        List<String> selectors = new ArrayList<>();
        for (SeriesData sd : series) {
            selectors.add(selector(sd.labels()));
            if (selectors.size() == SELECTORS_PER_EXPORT) {
                readPresent(selectors, minMs, maxMs, present);
                selectors.clear();
            }
        }
        if (!selectors.isEmpty()) {
            readPresent(selectors, minMs, maxMs, present);
        }
        List<SeriesData> out = new ArrayList<>();
        for (SeriesData sd : series) {
            Set<Long> have = present.getOrDefault(new HashMap<>(sd.labels()), Set.of());
            List<String> values = new ArrayList<>();
            long[] ts = new long[sd.size()];
            int n = 0;
            for (int i = 0; i < sd.size(); i++) {
                if (!have.contains(sd.timestamps()[i])) {
                    values.add(sd.values().get(i));
                    ts[n++] = sd.timestamps()[i];
                }
            }
            if (n > 0) {
                out.add(new SeriesData(sd.labels(), values, Arrays.copyOf(ts, n)));
            }
        }
        return out;
    }

    private void readPresent(List<String> selectors, long minMs, long maxMs, Map<Map<String, String>, Set<Long>> present)
            throws IOException {
        client.export(selectors, minMs, maxMs, sd -> {
            Set<Long> set = present.computeIfAbsent(new HashMap<>(sd.labels()), k -> new HashSet<>());
            for (long t : sd.timestamps()) {
                set.add(t);
            }
        });
    }

    /** An exact selector: every label of the series. */
    static String selector(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : new LinkedHashMap<>(labels).entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e.getKey()).append("=\"").append(SeriesNaming.escape(e.getValue())).append('"');
        }
        return sb.append('}').toString();
    }

    // ---- failures ----

    /** No connection: the server may be down, so what it accepted recently may be lost. */
    private void serverUnreachable(String message, long now) {
        for (Sent s : unconfirmed.values()) {
            if (!s.suspect) {
                suspect(s, s.ackAt);
            }
        }
        knownStart = null;
        fail(message, now);
    }

    private void fail(String message, long now) {
        if (!message.equals(lastError)) {
            LOG.warn("Export {}: {}", target.name(), message);
        }
        lastError = message;
        connected = false;
        backoff = Math.min(5_000, Math.max(200, backoff * 2));
        retryAt = now + backoff;
    }

    private void succeeded() {
        if (lastError != null) {
            LOG.info("Export {}: sending to {} works again", target.name(), target.displayUrl());
        }
        lastError = null;
        connected = true;
        backoff = 0;
        retryAt = 0;
    }

    // ---- status ----

    private void updateStatus() {
        int n = 0;
        Long oldest = null;
        for (Sent s : unconfirmed.values()) {
            if (s.suspect) {
                n++;
                DiskQueue.Entry e = queue.entry(s.seq);
                if (e != null && (oldest == null || e.minMs() < oldest)) {
                    oldest = e.minMs();
                }
            }
        }
        suspects = n;
        oldestSuspectMs = oldest;
        int fill = fillPercent();
        boolean alarm = fill >= target.queueAlarmPercent();
        if (alarm != alarmLogged) {
            if (alarm) {
                LOG.error("Export {}: the queue is {}% full ({} of {} bytes); at 100% the oldest data is dropped",
                        target.name(), fill, queue.bytes(), queue.maxBytes());
            } else {
                LOG.info("Export {}: the queue is below its alarm level again ({}%)", target.name(), fill);
            }
            alarmLogged = alarm;
        }
    }

    private long unsentSamples() {
        return Math.max(0, queue.samples() - ackedSamples);
    }

    /** The earliest sample time (ms) not yet accepted: of the suspects and of the next batch to send. */
    private Long oldestUnsentMs() {
        Long oldest = oldestSuspectMs;
        long seq = Math.max(nextSeq, queue.firstSeq());
        DiskQueue.Entry next = seq < queue.endSeq() ? queue.entry(seq) : null;
        if (next != null && (oldest == null || next.minMs() < oldest)) {
            oldest = next.minMs();
        }
        return oldest;
    }

    private int fillPercent() {
        return (int) Math.min(100, queue.bytes() * 100 / Math.max(1, queue.maxBytes()));
    }

    public ExportStatus.Target status() {
        int fill = fillPercent();
        Long oldest = oldestUnsentMs();
        return new ExportStatus.Target(target.name(), target.displayUrl(), true, connected, unsentSamples(),
                queue.samples(), queue.records(), queue.bytes(), queue.maxBytes(), fill,
                fill >= target.queueAlarmPercent(), oldest == null ? null : oldest * 1000L, lastError,
                sentSamples.get(), confirmedSamples.get(), queue.droppedSamples() + damagedSamples.get(), resentPoints.get(),
                suspects);
    }

    /**
     * True when every record is sent and accepted, and the server was seen still running after it
     * accepted the last one (confirmation may still be pending).
     */
    public boolean drained() {
        return unsentSamples() == 0 && suspects == 0 && nextSeq >= queue.endSeq()
                && (startUnsupported || target.confirmDelayMillis() == 0 || lastCheckAt > lastAcceptAt);
    }

    public ExportConfig.Target target() {
        return target;
    }

    public DiskQueue queue() {
        return queue;
    }

    /** Stops the thread; a request in flight is cancelled after a grace period. Records stay queued. */
    @Override
    public void close() {
        stopping = true;
        wake();
        try {
            thread.join(2_000);
            if (thread.isAlive()) {
                client.cancelAll();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
