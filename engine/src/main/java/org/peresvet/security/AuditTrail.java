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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.peresvet.runtime.ProjectKeys;
import org.peresvet.runtime.StorageFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit trail of a project, in its own H2 file {@code audit.mv.db}. Each record
 * holds the hash of the previous record's hash and its own fields, so changing or deleting a
 * record breaks the chain; the newest number and hash are also kept in {@code audit.head}, so
 * records cut off the end are found too ({@link #verify()}). Since the trail is keyed the hash is
 * an HMAC-SHA256 under the project's key (kept outside the project folder, {@link ProjectKeys}),
 * and {@code audit.head} is sealed with it: rewriting records and recomputing plain hashes no
 * longer passes. Records written before stay plain SHA-256 and keep verifying.
 *
 * <p>Appends are cheap for the caller: an entry is queued and a writer thread stores the queue in
 * batches (at most every {@link #BATCH_MILLIS} ms, one commit each). An entry is never dropped:
 * when the file cannot be written (a full disk) the records are kept in memory, in order, and
 * the file is reopened and written when it works again; once {@code keptLimit} records wait,
 * {@link #checkAccepting()} refuses further audited changes.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    static final long BATCH_MILLIS = 100;
    /** Records kept in memory while the file cannot be written, unless told otherwise. */
    public static final int DEFAULT_KEPT_LIMIT = 100_000;
    private static final int MAX_BATCH = 2_000;
    static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();
    private static final String INSERT = "INSERT INTO AUDIT (SEQ, TIME, ACTOR, ORIGIN, ACTION, TARGET, OLD_VALUE, NEW_VALUE,"
            + " REASON, RESULT, HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final String url;
    private final Path base;
    private final Path headFile;
    private final byte[] auditKey;
    private final String keyId;
    private final boolean sealExpected;
    private final int keptLimit;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(50_000);
    private final Thread writer;
    private final Object dbLock = new Object();
    private Connection db;
    private long lastSeq;
    private byte[] lastHash;
    private boolean headBehind;
    private volatile int kept;
    private volatile boolean closed;
    private volatile String error;
    private long failingSince;
    private int failures;

    private AuditTrail(String url, Connection db, Path base, Path headFile, ProjectKeys keys, int keptLimit) throws SQLException {
        this.url = url;
        this.db = db;
        this.base = base;
        this.headFile = headFile;
        this.keptLimit = keptLimit;
        boolean keyWasThere = keys != null && keys.present();
        this.auditKey = keys == null ? null : keys.subKey("audit");
        this.keyId = keys == null ? null : keys.keyId();
        // A key this process made finds an unsealed (older) head legitimately; a key that was
        // already there has sealed every head since, so an unsealed one was rewritten.
        this.sealExpected = keyWasThere;
        readLast();
        Head head = Head.read(headFile);
        if (head != null && head.seq() > lastSeq) {
            // Records were cut off the end: continue after them, so the gap stays visible to verify.
            lastSeq = head.seq();
            lastHash = head.hash();
        }
        if (keyId != null && !keyId.equals(AuditVerifier.sealRanges(db).lastKey())) {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO AUDIT_SEAL (FROM_SEQ, KEY_ID) VALUES (?, ?)")) {
                ps.setLong(1, lastSeq + 1);
                ps.setString(2, keyId);
                ps.executeUpdate();
            }
            db.commit();
        }
        if (head != null && head.keyId() == null && auditKey != null && !keyWasThere) {
            try {
                writeHead(head.seq(), head.hash()); // migration: seal the head the old version wrote
            } catch (IOException e) {
                headBehind = true;
            }
        }
        this.writer = new Thread(this::run, "peresvet-audit");
        writer.setDaemon(true);
    }

    private void readLast() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT SEQ, HASH FROM AUDIT ORDER BY SEQ DESC LIMIT 1")) {
            if (rs.next()) {
                lastSeq = rs.getLong(1);
                lastHash = rs.getBytes(2);
            } else {
                lastSeq = 0;
                lastHash = GENESIS;
            }
        }
    }

    /**
     * Opens (or creates) the trail of a project folder and starts its writer.
     *
     * @param keys      the project's key store (the chain is keyed with it), or null for a plain chain
     * @param keptLimit how many records may wait in memory while the file cannot be written
     */
    public static AuditTrail open(Path projectDir, ProjectKeys keys, int keptLimit) {
        Path base = projectDir.resolve("audit").toAbsolutePath();
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try {
            Connection c = connect(url);
            AuditTrail t = new AuditTrail(url, c, base, projectDir.resolve("audit.head"), keys, keptLimit);
            t.writer.start();
            return t;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the audit trail " + base + ".mv.db: " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, "sa", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS AUDIT (SEQ BIGINT PRIMARY KEY, TIME BIGINT NOT NULL,"
                    + " ACTOR VARCHAR(2000) NOT NULL, ORIGIN VARCHAR(2000) NOT NULL, ACTION VARCHAR(2000) NOT NULL,"
                    + " TARGET VARCHAR(2000) NOT NULL, OLD_VALUE VARCHAR(2000), NEW_VALUE VARCHAR(2000),"
                    + " REASON VARCHAR(2000), RESULT VARCHAR(2000) NOT NULL, HASH BINARY(32) NOT NULL)");
            st.execute("CREATE INDEX IF NOT EXISTS AUDIT_TIME ON AUDIT (TIME)");
            // From which record on which key seals the chain (before the first row: plain SHA-256, the
            // records written before the trail was keyed). A table of its own: no rewrite of old records.
            st.execute("CREATE TABLE IF NOT EXISTS AUDIT_SEAL (FROM_SEQ BIGINT PRIMARY KEY, KEY_ID VARCHAR(32) NOT NULL)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.setAutoCommit(false);
        return c;
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

    /**
     * Refuses an audited change before it happens when the trail cannot take its record: the file
     * cannot be written and memory already keeps as many records as it may.
     *
     * @throws AuditUnavailableException naming the fault and the bound
     */
    public void checkAccepting() {
        if (kept + queue.size() >= keptLimit) {
            throw new AuditUnavailableException("the audit trail cannot be written (" + error + "); " + keptLimit
                    + " records already wait in memory, so no audited change is accepted until the trail can be written again");
        }
    }

    /** Records waiting in memory for the file (0 while it is written). */
    public int kept() {
        return kept + queue.size();
    }

    public int keptLimit() {
        return keptLimit;
    }

    /** Waits until every record queued so far is stored (or, while the file fails, kept). */
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
        Deque<AuditEntry> pending = new ArrayDeque<>();
        List<CountDownLatch> waiting = new ArrayList<>();
        long nextTry = 0;
        int closingTries = 0;
        while (!(closed && queue.isEmpty() && (pending.isEmpty() || closingTries >= 3))) {
            boolean failing = error != null;
            try {
                long wait = failing ? Math.max(1, nextTry - System.currentTimeMillis()) : 200;
                Object next = queue.poll(closed ? 1 : wait, TimeUnit.MILLISECONDS);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
                while (next != null) {
                    if (next instanceof CountDownLatch l) {
                        waiting.add(l);
                        break; // someone waits: store now
                    }
                    pending.add((AuditEntry) next);
                    if ((pending.size() >= MAX_BATCH && !failing) || closed) {
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    next = left <= 0 || failing ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // closing: store what was taken
            }
            kept = pending.size();
            if (!pending.isEmpty() && (error == null || System.currentTimeMillis() >= nextTry || closed)) {
                while (!pending.isEmpty() && store(pending)) {
                    kept = pending.size();
                }
                kept = pending.size();
                if (error != null) {
                    nextTry = System.currentTimeMillis() + Math.min(5_000, 200L * failures);
                    closingTries += closed ? 1 : 0;
                }
            }
            if (pending.isEmpty() || error != null) {
                waiting.forEach(CountDownLatch::countDown);
                waiting.clear();
            }
        }
        waiting.forEach(CountDownLatch::countDown);
        if (!pending.isEmpty()) {
            LOG.error("Closing with the audit trail unwritable ({}): {} records were not stored", error, pending.size());
        }
    }

    /** Stores the oldest records of {@code pending} in one commit and removes them; false when the file fails. */
    private boolean store(Deque<AuditEntry> pending) {
        synchronized (dbLock) {
            long seq = lastSeq;
            byte[] prev = lastHash;
            ChainHasher hasher = hasher();
            List<AuditEntry> batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
            try {
                if (db == null) {
                    reopen();
                    seq = lastSeq;
                    prev = lastHash;
                }
                try (PreparedStatement ps = db.prepareStatement(INSERT)) {
                    for (AuditEntry e : pending) {
                        if (batch.size() == MAX_BATCH) {
                            break;
                        }
                        batch.add(e);
                        seq++;
                        prev = hasher.hash(prev, seq, e);
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
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                failed(e, pending.size());
                return false;
            }
            lastSeq = seq;
            lastHash = prev;
            batch.forEach(x -> pending.removeFirst());
            try {
                writeHead(seq, prev);
                headBehind = false;
            } catch (IOException e) {
                // The records are in the file; the head follows with the next batch that can write it.
                headBehind = true;
                LOG.warn("Cannot update {}: {}; retried with the next record", headFile, e.getMessage());
            }
            if (error != null) {
                LOG.info("The audit trail {}.mv.db is written again after {} failed attempts in {} s", base, failures,
                        (System.currentTimeMillis() - failingSince + 500) / 1000);
                error = null;
                failures = 0;
            }
            return true;
        }
    }

    private ChainHasher hasher() {
        return auditKey != null ? ChainHasher.keyed(auditKey) : ChainHasher.plain();
    }

    /** A failed write: the connection is dropped (H2 closes a database whose disk filled) and reopened on the next try. */
    private void failed(Exception e, int keptNow) {
        StorageFault f = StorageFault.of(e, Path.of(base + ".mv.db"));
        String why = f.kind() == StorageFault.Kind.OTHER ? "cannot write the audit trail " + base + ".mv.db: " + e.getMessage()
                : f.describe();
        if (failures++ == 0) {
            failingSince = System.currentTimeMillis();
            LOG.error("{}; {} records are kept in memory (limit {}) and written when it works again", why, keptNow, keptLimit, e);
        } else if (failures % 10 == 0) {
            LOG.warn("The audit trail still cannot be written (attempt {}): {}; {} records kept", failures, why, keptNow);
        }
        error = why;
        try {
            if (db != null) {
                db.rollback();
                db.close();
            }
        } catch (SQLException closing) {
            // it is being dropped anyway
        }
        db = null;
    }

    private void reopen() throws SQLException {
        Connection c = connect(url);
        long before = lastSeq;
        byte[] beforeHash = lastHash;
        db = c;
        readLast();
        if (lastSeq < before) {
            // Records committed before the fault are not in the file: keep numbering after them, so verify shows the gap.
            LOG.error("The audit trail lost records {}–{} when its disk failed", lastSeq + 1, before);
            lastSeq = before;
            lastHash = beforeHash;
        }
    }

    private void writeHead(long seq, byte[] hash) throws IOException {
        Path tmp = headFile.resolveSibling("audit.head.tmp");
        Files.writeString(tmp, new Head(seq, hash, keyId, null).line(auditKey == null ? null : hasher()),
                StandardCharsets.US_ASCII);
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

    /**
     * What {@code audit.head} says: the newest number and hash, and (since the trail is keyed) the
     * key that sealed the line and the seal, an HMAC over number and hash.
     */
    record Head(long seq, byte[] hash, String keyId, String seal) {
        static Head read(Path file) {
            if (!Files.exists(file)) {
                return null;
            }
            try {
                String[] p = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
                return new Head(Long.parseLong(p[0]), HEX.parseHex(p[1]), p.length >= 4 ? p[2] : null, p.length >= 4 ? p[3] : null);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        static String sealed(long seq, byte[] hash) {
            return "audit.head " + seq + " " + HEX.formatHex(hash);
        }

        String line(ChainHasher sealer) {
            String s = seq + " " + HEX.formatHex(hash);
            return (sealer == null ? s : s + " " + keyId + " " + HEX.formatHex(sealer.of(sealed(seq, hash)))) + "\n";
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
            if (db == null) {
                throw new IllegalStateException("the audit trail cannot be read now: " + error);
            }
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
     * and the one before (in parallel over ranges of the trail), and the last record the one the
     * sealed {@code audit.head} names.
     */
    public AuditVerification verify() {
        flush();
        synchronized (dbLock) {
            return new AuditVerifier(url, auditKey, keyId, sealExpected, headFile).verify();
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
                if (db != null) {
                    db.close();
                }
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
