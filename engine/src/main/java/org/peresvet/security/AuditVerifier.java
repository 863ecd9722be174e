package org.peresvet.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Checks an audit trail's chain. A record's hash depends only on its fields and the hash stored in
 * the record before it, so the trail is cut into ranges checked in parallel, each over its own
 * connection, reading in chunks and hashing with one reused {@link ChainHasher} per thread.
 */
final class AuditVerifier {
    private static final int CHUNK = 50_000;
    /** From this many records on the trail is checked in parallel ranges (tests lower it). */
    static volatile long parallelFrom = 2L * CHUNK;
    private static final int MAX_PROBLEMS = 20;
    private static final HexFormat HEX = HexFormat.of();
    private static final String SELECT = "SELECT SEQ, TIME, ACTOR, ORIGIN, ACTION, TARGET, OLD_VALUE, NEW_VALUE, REASON, RESULT,"
            + " HASH FROM AUDIT WHERE SEQ >= ? AND SEQ <= ? ORDER BY SEQ LIMIT " + CHUNK;

    private final String url;
    private final byte[] key;
    private final String keyId;
    private final boolean sealExpected;
    private final Path headFile;

    AuditVerifier(String url, byte[] key, String keyId, boolean sealExpected, Path headFile) {
        this.url = url;
        this.key = key;
        this.keyId = keyId;
        this.sealExpected = sealExpected;
        this.headFile = headFile;
    }

    /** What one range found. */
    private static final class Part {
        final List<String> problems = new ArrayList<>();
        long count;
        long last;
        byte[] lastStored = AuditTrail.GENESIS;
        long minKeyed = Long.MAX_VALUE;
        long maxPlain = Long.MIN_VALUE;
        long foreignFirst = Long.MAX_VALUE;
        long foreignLast = Long.MIN_VALUE;
        String foreignKey;
    }

    /** Which key seals which records: from each {@code from[i]} on, {@code keys[i]}; before the first, plain. */
    record SealRanges(long[] from, String[] keys) {
        String lastKey() {
            return keys.length == 0 ? null : keys[keys.length - 1];
        }
    }

    static SealRanges sealRanges(Connection c) throws SQLException {
        List<Long> from = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT FROM_SEQ, KEY_ID FROM AUDIT_SEAL ORDER BY FROM_SEQ")) {
            while (rs.next()) {
                from.add(rs.getLong(1));
                keys.add(rs.getString(2));
            }
        }
        return new SealRanges(from.stream().mapToLong(Long::longValue).toArray(), keys.toArray(new String[0]));
    }

    AuditVerification verify() {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        long max;
        SealRanges seals;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(SEQ), 0) FROM AUDIT")) {
            rs.next();
            max = rs.getLong(1);
            seals = sealRanges(c);
        } catch (SQLException e) {
            problems.add("the audit trail cannot be read: " + e.getMessage());
            return new AuditVerification(0, problems, (System.nanoTime() - t0) / 1_000_000);
        }
        int n = max < parallelFrom ? 1 : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        long[] from = new long[n];
        long[] to = new long[n];
        for (int i = 0; i < n; i++) {
            from[i] = i == 0 ? 1 : 1 + max * i / n;
            to[i] = i == n - 1 ? Long.MAX_VALUE : max * (i + 1) / n;
        }
        List<Part> parts = new ArrayList<>();
        if (n == 1) {
            parts.add(scan(from[0], to[0], true, seals));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(n - 1, r -> {
                Thread t = new Thread(r, "peresvet-audit-verify");
                t.setDaemon(true);
                return t;
            });
            try {
                List<CompletableFuture<Part>> rest = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    int k = i;
                    rest.add(CompletableFuture.supplyAsync(() -> scan(from[k], to[k], false, seals), pool));
                }
                parts.add(scan(from[0], to[0], true, seals));
                rest.forEach(f -> parts.add(f.join()));
            } finally {
                pool.shutdown();
            }
        }
        long count = 0;
        long minKeyed = Long.MAX_VALUE;
        long maxPlain = Long.MIN_VALUE;
        long foreignFirst = Long.MAX_VALUE;
        long foreignLast = Long.MIN_VALUE;
        String foreignKey = null;
        for (Part p : parts) {
            p.problems.forEach(x -> problem(problems, x));
            count += p.count;
            minKeyed = Math.min(minKeyed, p.minKeyed);
            maxPlain = Math.max(maxPlain, p.maxPlain);
            if (p.foreignKey != null) {
                foreignFirst = Math.min(foreignFirst, p.foreignFirst);
                foreignLast = Math.max(foreignLast, p.foreignLast);
                foreignKey = foreignKey == null ? p.foreignKey : foreignKey;
            }
        }
        if (maxPlain > minKeyed) {
            problem(problems, "record " + maxPlain + " was altered (it has a plain hash although record " + minKeyed
                    + " before it is sealed with the project's key: the trail was rewritten)");
        }
        if (foreignKey != null) {
            problem(problems, "records " + foreignFirst + "–" + foreignLast + " are sealed with key " + foreignKey
                    + (key == null ? "" : ", not this machine's key " + keyId) + ": they cannot be checked here"
                    + " (copy the project's key file to this machine's key folder)");
        }
        Part lastPart = parts.get(parts.size() - 1);
        checkHead(problems, lastPart.last, lastPart.lastStored);
        return new AuditVerification(count, problems, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Checks records {@code from..to}; the record before {@code from} only gives the hash to chain from. */
    private Part scan(long from, long to, boolean first, SealRanges seals) {
        int range = -1;
        Part p = new Part();
        ChainHasher plain = ChainHasher.plain();
        ChainHasher keyed = key == null ? null : ChainHasher.keyed(key);
        byte[] h = new byte[ChainHasher.SIZE];
        byte[] prev = AuditTrail.GENESIS;
        boolean prevKnown = first;
        long expect = from;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); PreparedStatement ps = lazy(c).prepareStatement(SELECT)) {
            long at = first ? Long.MIN_VALUE : from - 1;
            while (true) {
                ps.setLong(1, at);
                ps.setLong(2, to);
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long seq = rs.getLong(1);
                        at = seq + 1;
                        byte[] stored = rs.getBytes(11);
                        if (seq < from && !first) { // the record before the range
                            prev = stored;
                            prevKnown = true;
                            continue;
                        }
                        p.count++;
                        boolean gap = seq != expect;
                        if (gap) {
                            problem(p.problems, seq > expect ? missing(expect, seq - 1) : "record " + seq + " is out of order");
                        }
                        while (range + 1 < seals.from().length && seq >= seals.from()[range + 1]) {
                            range++;
                        }
                        String kid = range < 0 ? null : seals.keys()[range];
                        ChainHasher hasher;
                        if (kid == null) {
                            hasher = plain;
                            p.maxPlain = seq;
                        } else if (keyed != null && kid.equals(keyId)) {
                            hasher = keyed;
                            p.minKeyed = Math.min(p.minKeyed, seq);
                        } else {
                            hasher = null;
                            p.foreignKey = p.foreignKey == null ? kid : p.foreignKey;
                            p.foreignFirst = Math.min(p.foreignFirst, seq);
                            p.foreignLast = seq;
                        }
                        if (hasher != null) {
                            hasher.hash(prev, seq, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), h);
                            if (!MessageDigest.isEqual(h, stored) && !gap && prevKnown) {
                                problem(p.problems, "record " + seq + " was altered (its hash does not match its fields"
                                        + " and the record before it)");
                            }
                        }
                        prev = stored; // judge the next record against what is stored
                        prevKnown = true;
                        expect = seq + 1;
                    }
                }
                if (rows < CHUNK) {
                    break;
                }
            }
        } catch (SQLException e) {
            problem(p.problems, "the audit trail cannot be read: " + e.getMessage());
        }
        if (to != Long.MAX_VALUE && expect <= to) {
            problem(p.problems, missing(expect, to));
        }
        p.last = expect - 1;
        p.lastStored = prev;
        return p;
    }

    /**
     * Rows streamed from the table as they are read instead of each chunk first copied into a
     * result list: a third less work per record and no garbage of 50,000-row results.
     */
    private static Connection lazy(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        return c;
    }

    private static String missing(long a, long b) {
        return "records " + a + (b > a ? "–" + b : "") + " are missing (deleted)";
    }

    private void checkHead(List<String> problems, long last, byte[] lastStored) {
        if (!Files.exists(headFile)) {
            if (last > 0) {
                problem(problems, "audit.head is missing: records cut off the end would go unnoticed");
            }
            return;
        }
        AuditTrail.Head head = AuditTrail.Head.read(headFile);
        if (head == null) {
            problem(problems, "audit.head cannot be read");
            return;
        }
        if (head.seq() > last) {
            problem(problems, "records " + (last + 1) + "–" + head.seq() + " are missing at the end (deleted)");
        } else if (head.seq() == last && !MessageDigest.isEqual(lastStored, head.hash())) {
            problem(problems, "the last record " + last + " was altered (audit.head names another hash)");
        }
        if (head.keyId() == null) {
            if (sealExpected && head.seq() > 0) {
                problem(problems, "audit.head is not sealed although this machine holds the project's key: the trail was rewritten");
            }
        } else if (key != null && head.keyId().equals(keyId)) {
            String seal = HEX.formatHex(ChainHasher.keyed(key).of(AuditTrail.Head.sealed(head.seq(), head.hash())));
            if (!seal.equals(head.seal())) {
                problem(problems, "audit.head was altered (its seal does not match the project's key)");
            }
        } else {
            problem(problems, "audit.head is sealed with key " + head.keyId() + ", which this machine does not hold: it cannot be checked here");
        }
    }

    private static void problem(List<String> problems, String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }
}
