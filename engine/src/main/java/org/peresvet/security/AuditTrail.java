package org.peresvet.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit trail of a project, in its own H2 file {@code audit.mv.db}. Each record
 * holds the SHA-256 of the previous record's hash and its own fields, so changing or deleting a
 * record breaks the chain; the newest number and hash are also kept in {@code audit.head}, so
 * records cut off the end are found too ({@link #verify()}).
 *
 * <p>Appends are cheap for the caller: an entry is queued and a writer thread stores the queue in
 * batches (at most every {@link #BATCH_MILLIS} ms, one commit each). An entry is never dropped: a
 * full queue makes the caller wait.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    static final long BATCH_MILLIS = 100;
    private static final int MAX_BATCH = 2_000;
    private static final int VERIFY_CHUNK = 50_000;
    private static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private final Connection db;
    private final Path base;
    private final Path headFile;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(50_000);
    private final Thread writer;
    private final Object dbLock = new Object();
    private long lastSeq;
    private byte[] lastHash;
    private volatile boolean closed;
    private volatile String error;

    private AuditTrail(Connection db, Path base, Path headFile) throws SQLException {
        this.db = db;
        this.base = base;
        this.headFile = headFile;
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT SEQ, HASH FROM AUDIT ORDER BY SEQ DESC LIMIT 1")) {
            if (rs.next()) {
                lastSeq = rs.getLong(1);
                lastHash = rs.getBytes(2);
            } else {
                lastHash = GENESIS;
            }
        }
        this.writer = new Thread(this::run, "peresvet-audit");
        writer.setDaemon(true);
    }

    /** Opens (or creates) the trail of a project folder and starts its writer. */
    public static AuditTrail open(Path projectDir) {
        Path base = projectDir.resolve("audit").toAbsolutePath();
        try {
            Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS AUDIT (SEQ BIGINT PRIMARY KEY, TIME BIGINT NOT NULL,"
                        + " ACTOR VARCHAR(2000) NOT NULL, ORIGIN VARCHAR(2000) NOT NULL, ACTION VARCHAR(2000) NOT NULL,"
                        + " TARGET VARCHAR(2000) NOT NULL, OLD_VALUE VARCHAR(2000), NEW_VALUE VARCHAR(2000),"
                        + " REASON VARCHAR(2000), RESULT VARCHAR(2000) NOT NULL, HASH BINARY(32) NOT NULL)");
                st.execute("CREATE INDEX IF NOT EXISTS AUDIT_TIME ON AUDIT (TIME)");
            }
            AuditTrail t = new AuditTrail(c, base, projectDir.resolve("audit.head"));
            t.writer.start();
            return t;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the audit trail " + base + ".mv.db: " + e.getMessage(), e);
        }
    }

    /**
     * Queues one record; returns at once unless the queue is full.
     *
     * @throws IllegalStateException when the trail is closed
     */
    public void append(AuditEntry e) {
        if (closed) {
            throw new IllegalStateException("the audit trail is closed");
        }
        try {
            queue.put(e);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queuing an audit record", ie);
        }
    }

    /** Waits until every record queued so far is stored. */
    public void flush() {
        if (closed || Thread.currentThread() == writer) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        try {
            queue.put(done);
            if (!done.await(30, TimeUnit.SECONDS)) {
                LOG.warn("The audit trail did not store its queue within 30 s");
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the last write failed, or null while the trail is written. */
    public String error() {
        return error;
    }

    private void run() {
        List<AuditEntry> batch = new ArrayList<>();
        List<CountDownLatch> waiting = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
                Object next = first;
                while (next != null) {
                    if (next instanceof CountDownLatch l) {
                        waiting.add(l);
                        break; // someone waits: store now
                    }
                    batch.add((AuditEntry) next);
                    if (batch.size() >= MAX_BATCH || closed) {
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // closing: store what was taken
            }
            if (!batch.isEmpty()) {
                store(batch);
                batch.clear();
            }
            waiting.forEach(CountDownLatch::countDown);
            waiting.clear();
        }
    }

    private void store(List<AuditEntry> batch) {
        synchronized (dbLock) {
            long seq = lastSeq;
            byte[] prev = lastHash;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO AUDIT (SEQ, TIME, ACTOR, ORIGIN, ACTION, TARGET,"
                    + " OLD_VALUE, NEW_VALUE, REASON, RESULT, HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                MessageDigest sha = sha256();
                for (AuditEntry e : batch) {
                    seq++;
                    prev = hash(sha, prev, seq, e);
                    ps.setLong(1, seq);
                    ps.setLong(2, e.time());
                    ps.setString(3, e.actor());
                    ps.setString(4, e.origin());
                    ps.setString(5, e.action());
                    ps.setString(6, e.target());
                    ps.setString(7, e.oldValue());
                    ps.setString(8, e.newValue());
                    ps.setString(9, e.reason());
                    ps.setString(10, e.result());
                    ps.setBytes(11, prev);
                    ps.addBatch();
                }
                ps.executeBatch();
                lastSeq = seq;
                lastHash = prev;
                writeHead(seq, prev);
                error = null;
            } catch (SQLException | IOException e) {
                // The records stay unwritten (their numbers are reused by the next batch): say so loudly.
                error = "cannot write the audit trail " + base + ".mv.db: " + e.getMessage();
                LOG.error("{} ({} records lost)", error, batch.size());
            }
        }
    }

    private void writeHead(long seq, byte[] hash) throws IOException {
        Path tmp = headFile.resolveSibling("audit.head.tmp");
        Files.writeString(tmp, seq + " " + HEX.formatHex(hash) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, headFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, headFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 over the previous hash and every field, each length-prefixed so no two records hash alike by shifting text. */
    static byte[] hash(MessageDigest sha, byte[] prev, long seq, AuditEntry e) {
        sha.reset();
        sha.update(prev);
        updateLong(sha, seq);
        updateLong(sha, e.time());
        for (String f : new String[] {e.actor(), e.origin(), e.action(), e.target(), e.oldValue(), e.newValue(), e.reason(),
            e.result()}) {
            if (f == null) {
                updateLong(sha, -1);
            } else {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                updateLong(sha, b.length);
                sha.update(b);
            }
        }
        return sha.digest();
    }

    private static void updateLong(MessageDigest sha, long v) {
        for (int i = 56; i >= 0; i -= 8) {
            sha.update((byte) (v >>> i));
        }
    }

    /** The newest records that match, newest first. */
    public List<AuditRecord> query(AuditQuery q) {
        flush();
        StringBuilder sql = new StringBuilder("SELECT SEQ, TIME, ACTOR, ORIGIN, ACTION, TARGET, OLD_VALUE, NEW_VALUE, REASON,"
                + " RESULT, HASH FROM AUDIT WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND TIME >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND TIME < ?");
            args.add(q.to());
        }
        if (q.actor() != null) {
            sql.append(" AND ACTOR = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            if (q.action().endsWith(".")) {
                sql.append(" AND ACTION LIKE ? ESCAPE '\\'");
                args.add(likeEscape(q.action()) + "%");
            } else {
                sql.append(" AND ACTION = ?");
                args.add(q.action());
            }
        }
        if (q.target() != null) {
            sql.append(" AND TARGET LIKE ? ESCAPE '\\'");
            args.add("%" + likeEscape(q.target()) + "%");
        }
        sql.append(" ORDER BY SEQ DESC LIMIT ").append(q.limit());
        synchronized (dbLock) {
            try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<AuditRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
            }
        }
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        AuditEntry e = new AuditEntry(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
        return new AuditRecord(rs.getLong(1), e, HEX.formatHex(rs.getBytes(11)));
    }

    /**
     * Checks the whole chain: every number present in order, every hash recomputed from the record
     * and the one before, and the last record the one {@code audit.head} names.
     */
    public AuditVerification verify() {
        flush();
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        long count = 0;
        long expectSeq = 1;
        byte[] prev = GENESIS;
        MessageDigest sha = sha256();
        synchronized (dbLock) {
            try (PreparedStatement ps = db.prepareStatement("SELECT SEQ, TIME, ACTOR, ORIGIN, ACTION, TARGET, OLD_VALUE,"
                    + " NEW_VALUE, REASON, RESULT, HASH FROM AUDIT WHERE SEQ >= ? ORDER BY SEQ LIMIT " + VERIFY_CHUNK)) {
                long from = Long.MIN_VALUE;
                while (true) {
                    ps.setLong(1, from);
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                            count++;
                            long seq = rs.getLong(1);
                            AuditEntry e = new AuditEntry(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
                            byte[] stored = rs.getBytes(11);
                            boolean gap = seq != expectSeq;
                            if (gap) {
                                problem(problems, seq > expectSeq
                                        ? "records " + expectSeq + (seq - 1 > expectSeq ? "–" + (seq - 1) : "") + " are missing (deleted)"
                                        : "record " + seq + " is out of order");
                            }
                            byte[] h = hash(sha, prev, seq, e);
                            if (!MessageDigest.isEqual(h, stored)) {
                                if (!gap) {
                                    problem(problems, "record " + seq + " was altered (its hash does not match its fields"
                                            + " and the record before it)");
                                }
                                h = stored; // judge the next record against what is stored
                            }
                            prev = h;
                            expectSeq = seq + 1;
                            from = seq + 1;
                        }
                    }
                    if (n < VERIFY_CHUNK) {
                        break;
                    }
                }
            } catch (SQLException e) {
                problem(problems, "the audit trail cannot be read: " + e.getMessage());
            }
            checkHead(problems, expectSeq - 1, prev);
        }
        return new AuditVerification(count, problems, (System.nanoTime() - t0) / 1_000_000);
    }

    private void checkHead(List<String> problems, long last, byte[] lastStored) {
        if (!Files.exists(headFile)) {
            if (last > 0) {
                problem(problems, "audit.head is missing: records cut off the end would go unnoticed");
            }
            return;
        }
        try {
            String[] head = Files.readString(headFile, StandardCharsets.US_ASCII).strip().split(" ");
            long headSeq = Long.parseLong(head[0]);
            if (headSeq > last) {
                problem(problems, "records " + (last + 1) + "–" + headSeq + " are missing at the end (deleted)");
            } else if (headSeq == last && !HEX.formatHex(lastStored).equals(head[1])) {
                problem(problems, "the last record " + last + " was altered (audit.head names another hash)");
            }
        } catch (IOException | RuntimeException e) {
            problem(problems, "audit.head cannot be read: " + e.getMessage());
        }
    }

    private static void problem(List<String> problems, String p) {
        if (problems.size() < 20) {
            problems.add(p);
        }
    }

    /** The number of the newest stored record. */
    public long lastSeq() {
        synchronized (dbLock) {
            return lastSeq;
        }
    }

    /** Stores what is queued and closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (dbLock) {
            try {
                db.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
