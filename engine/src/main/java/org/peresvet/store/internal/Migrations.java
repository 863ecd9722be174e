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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peresvet.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: the SQL scripts listed in order by {@code <folder>/index.txt} on the
 * classpath, each applied once in its own transaction and recorded (position and name) in
 * {@code schema_version}. The schema never changes silently.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** One migration script: its position in the index, file name and text. */
    private record Script(int version, String name, String sql) {
    }

    /** Applies every script not yet applied; returns the schema version now in force. */
    public static int migrate(Connection c, String folder) {
        List<Script> scripts = scripts(folder);
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                        + "checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)");
                c.commit();
            }
            Map<Integer, String> applied = applied(c);
            int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (newest > scripts.size()) {
                throw new StoreException("this project was written by a newer Peresvet (schema version "
                        + newest + ", this version knows " + scripts.size() + ")");
            }
            for (Script script : scripts) {
                String done = applied.get(script.version());
                if (done == null) {
                    apply(c, script);
                } else if (!done.equals(script.name())) {
                    throw new StoreException("schema version " + script.version() + " of this project is '" + done
                            + "' but this Peresvet expects '" + script.name() + "' (written by another build?)");
                }
            }
            c.setAutoCommit(auto);
            return scripts.size();
        } catch (SQLException e) {
            throw new StoreException("schema migration in " + folder + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<Integer, String> applied(Connection c) throws SQLException {
        Map<Integer, String> out = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, name FROM schema_version")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void apply(Connection c, Script script) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String stmt : statements(script.sql())) {
                st.execute(stmt);
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO schema_version(version, name, checksum) VALUES (?, ?, ?)")) {
                ins.setInt(1, script.version());
                ins.setString(2, script.name());
                ins.setString(3, sha256(script.sql()));
                ins.executeUpdate();
            }
            c.commit();
            LOG.info("Applied schema migration {} ({})", script.version(), script.name());
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

    /** The scripts named, in order, by {@code <folder>/index.txt} (one file name per line). */
    private static List<Script> scripts(String folder) {
        List<Script> out = new ArrayList<>();
        for (String name : read(folder + "/index.txt").split("\n")) {
            String file = name.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                out.add(new Script(out.size() + 1, file, read(folder + "/" + file)));
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("migration resource " + resource + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + resource, e);
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
