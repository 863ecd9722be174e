package org.peresvet.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.runtime.ProjectKeys;
import org.peresvet.store.SmallDisk;

/**
 * The audit trail on disk: the keyed chain catches a record edited in the H2 file with every plain
 * hash after it recomputed; a chain written before the trail was keyed keeps verifying; the
 * parallel check finds what the serial one found; on a full disk (a real small tmpfs) no record
 * is lost, changes are refused once the bound is reached, and all is written when room returns.
 */
class AuditTrailTest {
    @TempDir
    Path tmp;

    @AfterEach
    void serialAgain() {
        AuditVerifier.parallelFrom = 100_000;
    }

    private static AuditEntry entry(int i) {
        return new AuditEntry(1_700_000_000_000_000L + i, "olga", "api 10.0.0.7", "value.write", "/Plant/Pump/Speed",
                String.valueOf(i - 1), String.valueOf(i), i % 3 == 0 ? "shift handover" : null, "ok");
    }

    private ProjectKeys keys() {
        System.setProperty(ProjectKeys.PROPERTY, tmp.resolve("keys").toString());
        return ProjectKeys.of(UUID.randomUUID().toString());
    }

    private static void fill(AuditTrail t, int from, int to) {
        for (int i = from; i <= to; i++) {
            t.append(entry(i));
        }
        t.flush();
    }

    @Test
    void editedRecordWithRecomputedPlainHashesIsCaught() throws Exception {
        Path dir = tmp.resolve("p");
        Files.createDirectories(dir);
        ProjectKeys keys = keys();
        try (AuditTrail t = AuditTrail.open(dir, keys, 1000)) {
            fill(t, 1, 30);
            assertThat(t.verify().intact()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("audit.head")).strip().split(" ")).hasSize(4); // sealed
        // Someone without the key edits record 10 and recomputes every hash after it, as plain
        // SHA-256 the way the old chain was made, and writes audit.head to match.
        String url = "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE AUDIT SET NEW_VALUE = '999' WHERE SEQ = 10");
                st.executeUpdate("DELETE FROM AUDIT_SEAL");
            }
            byte[] prev;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT HASH FROM AUDIT WHERE SEQ = 9")) {
                rs.next();
                prev = rs.getBytes(1);
            }
            ChainHasher plain = ChainHasher.plain();
            long last = 0;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT SEQ, TIME, ACTOR, ORIGIN, ACTION, TARGET, OLD_VALUE, NEW_VALUE, REASON,"
                         + " RESULT FROM AUDIT WHERE SEQ >= 10 ORDER BY SEQ");
                 PreparedStatement up = c.prepareStatement("UPDATE AUDIT SET HASH = ? WHERE SEQ = ?")) {
                while (rs.next()) {
                    AuditEntry e = new AuditEntry(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
                    prev = plain.hash(prev, rs.getLong(1), e);
                    up.setBytes(1, prev);
                    up.setLong(2, rs.getLong(1));
                    up.executeUpdate();
                    last = rs.getLong(1);
                }
            }
            Files.writeString(dir.resolve("audit.head"), last + " " + HexFormat.of().formatHex(prev) + "\n", StandardCharsets.US_ASCII);
        }
        try (AuditTrail t = AuditTrail.open(dir, ProjectKeys.of(keys.file().getFileName().toString().replace(".key", "")), 1000)) {
            AuditVerification v = t.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.problems()).anyMatch(p -> p.startsWith("record 1 was altered")
                    || p.startsWith("audit.head is not sealed"));
        }
    }

    @Test
    void aChainWrittenBeforeTheKeyKeepsVerifyingAndIsSealedFromThenOn() throws Exception {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir);
        try (AuditTrail t = AuditTrail.open(dir, null, 1000)) { // as the version before keys wrote it
            fill(t, 1, 12);
        }
        assertThat(Files.readString(dir.resolve("audit.head")).strip().split(" ")).hasSize(2);
        ProjectKeys keys = keys();
        try (AuditTrail t = AuditTrail.open(dir, keys, 1000)) {
            assertThat(keys.madeHere()).isTrue();
            fill(t, 13, 20);
            AuditVerification v = t.verify();
            assertThat(v.problems()).isEmpty();
            assertThat(v.records()).isEqualTo(20);
        }
        String url = "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT FROM_SEQ FROM AUDIT_SEAL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(13); // records 1-12 plain, 13 on keyed
        }
        String id = keys.file().getFileName().toString().replace(".key", "");
        try (AuditTrail t = AuditTrail.open(dir, ProjectKeys.of(id), 1000)) {
            assertThat(t.verify().problems()).isEmpty();
            // An old (plain) record edited and its plain hash recomputed is caught by the keyed record after the plain ones.
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE AUDIT SET RESULT = 'failed: nothing' WHERE SEQ = 12");
            }
            assertThat(t.verify().problems()).contains("record 12 was altered (its hash does not match its fields and the record before it)");
        }
    }

    @Test
    void parallelRangesFindTheSameProblems() throws Exception {
        AuditVerifier.parallelFrom = 10;
        Path dir = tmp.resolve("par");
        Files.createDirectories(dir);
        try (AuditTrail t = AuditTrail.open(dir, keys(), 1000)) {
            fill(t, 1, 40);
            AuditVerification ok = t.verify();
            assertThat(ok.problems()).isEmpty();
            assertThat(ok.records()).isEqualTo(40);
            String url = "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE AUDIT SET ACTOR = 'vera' WHERE SEQ = 31");
                st.executeUpdate("DELETE FROM AUDIT WHERE SEQ IN (20, 21)"); // across the middle of two ranges
            }
            AuditVerification v = t.verify();
            assertThat(v.records()).isEqualTo(38);
            assertThat(v.problems()).contains("record 31 was altered (its hash does not match its fields and the record before it)");
            assertThat(String.join("\n", v.problems())).contains("20").contains("21").contains("missing (deleted)");
        }
    }

    @Test
    void aFullDiskLosesNoRecordAndRefusesChangesAtTheBound() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp, 8L << 20)) {
            Path dir = disk.root().resolve("plant");
            Files.createDirectories(dir);
            int limit = 300;
            try (AuditTrail t = AuditTrail.open(dir, keys(), limit)) {
                fill(t, 1, 50);
                disk.fill();
                int i = 51;
                while (t.error() == null && i < 2_000) { // larger batches until H2 has to grow the file
                    for (int k = 0; k < 20; k++) {
                        t.append(entry(i++));
                    }
                    t.flush();
                }
                assertThat(t.error()).as("the full disk is reported").isNotNull().contains("disk full");
                // Up to the bound, then refused. The writer keeps retrying and H2 may still find a free page in
                // its file now and then (a few records leave memory): then top up again and ask again.
                AuditUnavailableException refused = null;
                for (int attempt = 0; attempt < 50 && refused == null; attempt++) {
                    while (t.kept() < limit) {
                        t.checkAccepting();
                        t.append(entry(i++));
                    }
                    try {
                        t.checkAccepting();
                    } catch (AuditUnavailableException e) {
                        refused = e;
                    }
                }
                assertThat(refused).as("a change refused at the bound").isNotNull();
                assertThat(refused.getMessage()).contains("audit trail cannot be written").contains("disk full")
                        .contains(limit + " records");
                int last = i - 1;
                disk.free();
                await("the kept records are written", () -> t.error() == null && t.kept() == 0);
                t.checkAccepting();
                AuditVerification v = t.verify();
                assertThat(v.problems()).isEmpty();
                assertThat(v.records()).isEqualTo(last);
                assertThat(t.query(AuditQuery.last(1)).get(0).entry().newValue()).isEqualTo(String.valueOf(last));
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
