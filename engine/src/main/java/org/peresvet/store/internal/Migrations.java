package org.peresvet.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import org.peresvet.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: numbered SQL scripts {@code <folder>/V1.sql}, {@code V2.sql}, …
 * on the classpath, each applied once in its own transaction and recorded in
 * {@code schema_version}. The schema never changes silently.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** Applies every script not yet applied; returns the schema version now in force. */
    public static int migrate(Connection c, String folder) {
        List<String> scripts = scripts(folder);
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)");
                c.commit();
            }
            int current = currentVersion(c);
            if (current > scripts.size()) {
                throw new StoreException("this project was written by a newer Peresvet (schema version "
                        + current + ", this version knows " + scripts.size() + ")");
            }
            for (int v = current + 1; v <= scripts.size(); v++) {
                apply(c, v, scripts.get(v - 1));
            }
            c.setAutoCommit(auto);
            return scripts.size();
        } catch (SQLException e) {
            throw new StoreException("schema migration in " + folder + " failed: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection c, int version, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String stmt : statements(sql)) {
                st.execute(stmt);
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO schema_version(version, checksum) VALUES (?, ?)")) {
                ins.setInt(1, version);
                ins.setString(2, sha256(sql));
                ins.executeUpdate();
            }
            c.commit();
            LOG.info("Applied schema migration V{}", version);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Splits a script on semicolons at line ends; comments start with "--". */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static List<String> scripts(String folder) {
        List<String> out = new ArrayList<>();
        for (int v = 1; ; v++) {
            String name = folder + "/V" + v + ".sql";
            try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    return out;
                }
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StoreException("cannot read migration " + name, e);
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
