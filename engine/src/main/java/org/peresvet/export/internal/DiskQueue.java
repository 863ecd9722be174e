package org.peresvet.export.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable FIFO of export batches in append-only segment files. Records get consecutive
 * sequence numbers. Two numbers in the small {@code state} file say how far the queue got:
 * {@code confirmed} (every record before it is done and may be deleted) and {@code sent} (every
 * record before it may have reached the server). A segment is deleted once all its records are
 * confirmed. When the queue would outgrow its bound, the oldest segment is dropped.
 *
 * <p>File format, all integers big-endian. Segment {@code <first seq, 20 digits>.seg}: records of
 * {@code [magic 'PRSQ'][payload length][CRC-32 of payload][payload]}; payload
 * {@code [seq][samples int][points int][min ms][max ms][created ms][body]}. A torn record at the
 * end (a crash during an append) is cut off when the queue opens. Thread-safe.
 */
public final class DiskQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskQueue.class);
    private static final int MAGIC = 0x50525351; // "PRSQ"
    private static final int FRAME = 12;
    private static final int HEADER = 8 + 4 + 4 + 8 + 8 + 8;
    private static final long MAX_SEGMENT = 64L * 1024 * 1024;
    /** The state file's fixed size: room for both numbers at any value. */
    private static final int STATE_BYTES = 64;

    /** A record's place and header; the body is read on demand. */
    public record Entry(long seq, Segment segment, long offset, int payloadLength, int samples, int points,
                        long minMs, long maxMs, long createdMs) {
        long frameBytes() {
            return FRAME + (long) payloadLength;
        }
    }

    /** A record failed its CRC check: its bytes are damaged for good. */
    public static final class DamagedRecordException extends RuntimeException {
        public DamagedRecordException(String message) {
            super(message);
        }
    }

    /** A record with its body. */
    public record Record(Entry entry, byte[] body) {
        public long seq() {
            return entry.seq;
        }
    }

    static final class Segment {
        final long firstSeq;
        final Path file;
        final FileChannel ch;
        long size;

        Segment(long firstSeq, Path file, FileChannel ch, long size) {
            this.firstSeq = firstSeq;
            this.file = file;
            this.ch = ch;
            this.size = size;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final boolean fsync;
    private final List<Segment> segments = new ArrayList<>();
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private long nextSeq;
    private long confirmed;
    private long sent;
    private long bytes;
    private long samples;
    private long droppedSamples;
    private long droppedUnsentRecords;
    private boolean closed;

    private DiskQueue(Path dir, long maxBytes, boolean fsync) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(256 * 1024, Math.min(MAX_SEGMENT, maxBytes / 8));
        this.fsync = fsync;
    }

    /**
     * Opens (or creates) the queue in {@code dir}.
     *
     * @param maxBytes the bound of all segment files together
     * @param fsync    force every append and state change to the disk (survives power loss)
     */
    public static DiskQueue open(Path dir, long maxBytes, boolean fsync) {
        DiskQueue q = new DiskQueue(dir, maxBytes, fsync);
        try {
            Files.createDirectories(dir);
            q.readState();
            q.scan();
        } catch (IOException e) {
            q.close();
            throw new UncheckedIOException("cannot open the export queue " + dir + ": " + e.getMessage(), e);
        }
        return q;
    }

    // ---- opening ----

    private void readState() throws IOException {
        Path f = dir.resolve("state");
        if (!Files.exists(f)) {
            return;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2) {
                switch (kv[0].trim()) {
                    case "confirmed" -> confirmed = Long.parseLong(kv[1].trim());
                    case "sent" -> sent = Long.parseLong(kv[1].trim());
                    default -> { }
                }
            }
        }
        sent = Math.max(sent, confirmed);
    }

    private void scan() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.seg")).sorted().toList();
        }
        long lastSeq = -1;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long first = Long.parseLong(f.getFileName().toString().substring(0, 20));
            FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Segment seg = new Segment(first, f, ch, 0);
            long fileSize = ch.size();
            long pos = 0;
            List<Entry> found = new ArrayList<>();
            while (pos < fileSize) {
                Entry e = readEntry(seg, pos, fileSize, i == files.size() - 1);
                if (e == CRC_FAILED) {
                    // A bad tail is a torn append; a bad record with others after it is damage, kept for read() to report.
                    e = readEntry(seg, pos, fileSize, false);
                    if (pos + e.frameBytes() == fileSize) {
                        e = null;
                    }
                }
                if (e == null) {
                    LOG.warn("Export queue {}: cutting off a damaged or torn record at byte {} of {}", dir, pos, f.getFileName());
                    ch.truncate(pos);
                    break;
                }
                found.add(e);
                pos += e.frameBytes();
            }
            seg.size = pos;
            boolean allDone = true;
            for (Entry e : found) {
                lastSeq = Math.max(lastSeq, e.seq);
                if (e.seq >= confirmed) {
                    entries.put(e.seq, e);
                    samples += e.samples;
                    allDone = false;
                }
            }
            if (allDone && i < files.size() - 1) {
                ch.close();
                Files.deleteIfExists(f);
            } else {
                segments.add(seg);
                bytes += seg.size;
            }
        }
        nextSeq = Math.max(lastSeq + 1, Math.max(confirmed, sent));
        if (!entries.isEmpty() && entries.firstKey() > confirmed) {
            confirmed = entries.firstKey();
            sent = Math.max(sent, confirmed);
        }
    }

    private static final Entry CRC_FAILED = new Entry(-1, null, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Reads a record header at pos: null when there is no complete frame; with {@code checkCrc}
     * (the last segment, where torn appends can be), {@link #CRC_FAILED} when its CRC fails.
     */
    private Entry readEntry(Segment seg, long pos, long fileSize, boolean checkCrc) throws IOException {
        if (pos + FRAME + HEADER > fileSize) {
            return null;
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME + HEADER);
        readFully(seg.ch, frame, pos);
        frame.flip();
        if (frame.getInt() != MAGIC) {
            return null;
        }
        int len = frame.getInt();
        int crc = frame.getInt();
        if (len < HEADER || pos + FRAME + len > fileSize) {
            return null;
        }
        long seq = frame.getLong();
        int n = frame.getInt();
        int points = frame.getInt();
        long min = frame.getLong();
        long max = frame.getLong();
        long created = frame.getLong();
        if (checkCrc) {
            ByteBuffer payload = ByteBuffer.allocate(len);
            readFully(seg.ch, payload, pos + FRAME);
            CRC32 c = new CRC32();
            c.update(payload.array(), 0, len);
            if ((int) c.getValue() != crc) {
                return CRC_FAILED;
            }
        }
        return new Entry(seq, seg, pos, len, n, points, min, max, created);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    // ---- writing ----

    /** Appends a record; returns its sequence number. Drops the oldest segments when the bound is reached. */
    public synchronized long append(byte[] body, int sampleCount, int points, long minMs, long maxMs) {
        ensureOpen();
        int len = HEADER + body.length;
        long frameBytes = FRAME + (long) len;
        try {
            Segment seg = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (seg == null || (seg.size > 0 && seg.size + frameBytes > segmentBytes)) {
                if (seg != null && fsync) {
                    seg.ch.force(false);
                }
                seg = newSegment(nextSeq);
            }
            while (bytes + frameBytes > maxBytes && segments.size() > 1) {
                dropOldest();
            }
            long seq = nextSeq;
            ByteBuffer b = ByteBuffer.allocate((int) frameBytes);
            b.putInt(MAGIC).putInt(len).putInt(0);
            b.putLong(seq).putInt(sampleCount).putInt(points).putLong(minMs).putLong(maxMs).putLong(System.currentTimeMillis());
            b.put(body);
            CRC32 c = new CRC32();
            c.update(b.array(), FRAME, len);
            b.putInt(8, (int) c.getValue());
            b.flip();
            long pos = seg.size;
            while (b.hasRemaining()) {
                pos += seg.ch.write(b, pos);
            }
            if (fsync) {
                seg.ch.force(false);
            }
            Entry e = new Entry(seq, seg, seg.size, len, sampleCount, points, minMs, maxMs, System.currentTimeMillis());
            seg.size += frameBytes;
            bytes += frameBytes;
            samples += sampleCount;
            entries.put(seq, e);
            nextSeq = seq + 1;
            return seq;
        } catch (IOException e) {
            cutTornAppend();
            throw new UncheckedIOException("cannot append to the export queue " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A failed append (a full disk) may have left part of a frame after the last record; the next
     * append overwrites it, but a shorter one would leave its end behind. Cut it off now.
     */
    private void cutTornAppend() {
        Segment seg = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (seg == null) {
            return;
        }
        try {
            if (seg.ch.size() > seg.size) {
                seg.ch.truncate(seg.size);
            }
        } catch (IOException ignored) {
            // the open scan cuts a torn record off as well
        }
    }

    private Segment newSegment(long firstSeq) throws IOException {
        Path f = dir.resolve(String.format("%020d.seg", firstSeq));
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ch.truncate(0);
        Segment seg = new Segment(firstSeq, f, ch, 0);
        segments.add(seg);
        return seg;
    }

    private void dropOldest() throws IOException {
        Segment head = segments.remove(0);
        long last = -1;
        long lost = 0;
        long lostRecords = 0;
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Entry e = it.next().getValue();
            if (e.segment != head) {
                break;
            }
            last = e.seq;
            samples -= e.samples;
            if (e.seq >= sent) {
                lost += e.samples;
                lostRecords++;
            }
            it.remove();
        }
        bytes -= head.size;
        head.ch.close();
        Files.deleteIfExists(head.file);
        droppedSamples += lost;
        droppedUnsentRecords += lostRecords;
        if (last >= 0) {
            confirmed = Math.max(confirmed, last + 1);
            sent = Math.max(sent, confirmed);
            writeState();
        }
        LOG.error("Export queue {} is full ({} bytes): dropped its oldest segment, {} samples never sent", dir, maxBytes, lost);
    }

    // ---- reading and progress ----

    /**
     * The record with this number, or null when it is no longer queued (confirmed or dropped).
     *
     * @throws DamagedRecordException when its bytes fail the CRC check
     */
    public synchronized Record read(long seq) {
        ensureOpen();
        Entry e = entries.get(seq);
        if (e == null) {
            return null;
        }
        try {
            ByteBuffer payload = ByteBuffer.allocate(e.payloadLength);
            readFully(e.segment.ch, payload, e.offset + FRAME);
            ByteBuffer frame = ByteBuffer.allocate(FRAME);
            readFully(e.segment.ch, frame, e.offset);
            CRC32 c = new CRC32();
            c.update(payload.array(), 0, e.payloadLength);
            if ((int) c.getValue() != frame.getInt(8)) {
                throw new DamagedRecordException("export queue " + dir + ": record " + seq + " is damaged (CRC mismatch)");
            }
            byte[] body = new byte[e.payloadLength - HEADER];
            System.arraycopy(payload.array(), HEADER, body, 0, body.length);
            return new Record(e, body);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the export queue " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /** The header of a queued record, or null. */
    public synchronized Entry entry(long seq) {
        return entries.get(seq);
    }

    /** The number of the first queued record (the end when empty). */
    public synchronized long firstSeq() {
        return entries.isEmpty() ? nextSeq : entries.firstKey();
    }

    /** One past the last record. */
    public synchronized long endSeq() {
        return nextSeq;
    }

    public synchronized long confirmedSeq() {
        return confirmed;
    }

    public synchronized long sentSeq() {
        return sent;
    }

    /** Records before {@code seqExclusive} may reach the server from now on; durable before it returns. */
    public synchronized void markSent(long seqExclusive) {
        ensureOpen();
        if (seqExclusive > sent) {
            writeState(confirmed, seqExclusive); // in memory only once it is in the file
            sent = seqExclusive;
        }
    }

    /** Records before {@code seqExclusive} are done: forgotten, and their segments deleted. */
    public synchronized void confirm(long seqExclusive) {
        ensureOpen();
        if (seqExclusive <= confirmed) {
            return;
        }
        // The file first: a failed state write (a full disk) leaves the records queued, to be confirmed again.
        writeState(seqExclusive, Math.max(sent, seqExclusive));
        confirmed = seqExclusive;
        sent = Math.max(sent, confirmed);
        while (!entries.isEmpty() && entries.firstKey() < seqExclusive) {
            samples -= entries.pollFirstEntry().getValue().samples;
        }
        try {
            // The last segment stays open for appends.
            while (segments.size() > 1) {
                Segment head = segments.get(0);
                Entry first = entries.isEmpty() ? null : entries.firstEntry().getValue();
                if (first != null && first.segment == head) {
                    break;
                }
                segments.remove(0);
                bytes -= head.size;
                head.ch.close();
                Files.deleteIfExists(head.file);
            }
        } catch (IOException e) {
            LOG.warn("Export queue {}: cannot delete a done segment: {}", dir, e.getMessage());
        }
    }

    private void writeState() {
        writeState(confirmed, sent);
    }

    /**
     * Writes the two numbers to {@code state.tmp} and renames it over {@code state}. The file is
     * padded to {@value #STATE_BYTES} bytes, so when the disk is full (no room for the new file)
     * the numbers can still be written over the old file in place: the sender goes on sending
     * what is queued while nothing new can be queued.
     */
    private void writeState(long confirmed, long sent) {
        StringBuilder text = new StringBuilder("confirmed=" + confirmed + "\nsent=" + sent + "\n");
        while (text.length() < STATE_BYTES) {
            text.append('\n'); // blank lines are skipped when read
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        Path tmp = dir.resolve("state.tmp");
        Path state = dir.resolve("state");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, bytes.duplicate(), 0);
                if (fsync) {
                    ch.force(false);
                }
            }
            Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
                if (Files.size(state) < bytes.remaining()) {
                    throw e;
                }
                try (FileChannel ch = FileChannel.open(state, StandardOpenOption.WRITE)) {
                    writeFully(ch, bytes.duplicate(), 0); // one small write into blocks the file already has
                    ch.force(false);
                }
            } catch (IOException inPlace) {
                e.addSuppressed(inPlace);
                throw new UncheckedIOException("cannot write the export queue state in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    // ---- figures ----

    /** Bytes of all segment files. */
    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Samples in the queue (not yet confirmed). */
    public synchronized long samples() {
        return samples;
    }

    public synchronized int records() {
        return entries.size();
    }

    /** Samples dropped unsent because the queue was full. */
    public synchronized long droppedSamples() {
        return droppedSamples;
    }

    public synchronized long droppedRecords() {
        return droppedUnsentRecords;
    }

    public Path dir() {
        return dir;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the export queue " + dir + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Segment s : segments) {
            try {
                if (fsync) {
                    s.ch.force(false);
                }
                s.ch.close();
            } catch (IOException e) {
                LOG.warn("Export queue {}: closing {} failed: {}", dir, s.file.getFileName(), e.getMessage());
            }
        }
    }
}
