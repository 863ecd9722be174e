package org.peresvet.security;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Users, roles, subtree rules, API tokens and the directory settings of one project, in the
 * project's own H2 file {@code security.mv.db} (beside the model, copied with it). API tokens are
 * kept as SHA-256 hashes only. Thread-safe (one connection, calls serialized).
 */
public final class SecurityStore implements AutoCloseable {
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS USERS (NAME VARCHAR(64) PRIMARY KEY, FULL_NAME VARCHAR(200), ROLE VARCHAR(40) NOT NULL,"
            + " SOURCE VARCHAR(8) NOT NULL, DISABLED BOOLEAN NOT NULL, PASSWORD VARCHAR(200))",
        "CREATE TABLE IF NOT EXISTS SUBTREE_RULES (USER_NAME VARCHAR(64) NOT NULL, OBJECT_ID UUID NOT NULL,"
            + " ROLE VARCHAR(40) NOT NULL, PRIMARY KEY (USER_NAME, OBJECT_ID))",
        "CREATE TABLE IF NOT EXISTS ROLES (NAME VARCHAR(40) PRIMARY KEY, PERMISSIONS VARCHAR(400) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS API_TOKENS (TOKEN_HASH VARCHAR(64) PRIMARY KEY, USER_NAME VARCHAR(64) NOT NULL,"
            + " LABEL VARCHAR(200), CREATED BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS SETTINGS (NAME VARCHAR(100) PRIMARY KEY, VAL VARCHAR(4000))",
    };

    private final Connection db;
    private final Path file;

    private SecurityStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /** Opens (or creates) {@code <dir>/security.mv.db}. */
    public static SecurityStore open(Path projectDir) {
        Path base = projectDir.resolve("security").toAbsolutePath();
        try {
            Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
            try (Statement st = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
            }
            return new SecurityStore(c, base);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the users file " + base + ".mv.db: " + e.getMessage(), e);
        }
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the users file " + file + ".mv.db cannot be read or written: " + e.getMessage(), e);
    }

    public synchronized List<UserAccount> users() {
        try {
            Map<String, List<SubtreeRule>> rules = new HashMap<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT USER_NAME, OBJECT_ID, ROLE FROM SUBTREE_RULES ORDER BY USER_NAME")) {
                while (rs.next()) {
                    rules.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new SubtreeRule(rs.getObject(2, UUID.class), rs.getString(3)));
                }
            }
            List<UserAccount> out = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT NAME, FULL_NAME, ROLE, SOURCE, DISABLED FROM USERS ORDER BY NAME")) {
                while (rs.next()) {
                    out.add(new UserAccount(rs.getString(1), rs.getString(2), rs.getString(3),
                            UserAccount.Source.valueOf(rs.getString(4)), rs.getBoolean(5), rules.get(rs.getString(1))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Stores a user with its rules; a null password hash keeps the stored one. */
    public synchronized void putUser(UserAccount u, String passwordHash) {
        try {
            db.setAutoCommit(false);
            try {
                boolean exists;
                try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM USERS WHERE NAME = ?")) {
                    ps.setString(1, u.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        exists = rs.next();
                    }
                }
                String sql = exists
                        ? "UPDATE USERS SET FULL_NAME = ?, ROLE = ?, SOURCE = ?, DISABLED = ?, PASSWORD = COALESCE(?, PASSWORD) WHERE NAME = ?"
                        : "INSERT INTO USERS (FULL_NAME, ROLE, SOURCE, DISABLED, PASSWORD, NAME) VALUES (?, ?, ?, ?, ?, ?)";
                try (PreparedStatement ps = db.prepareStatement(sql)) {
                    ps.setString(1, u.fullName());
                    ps.setString(2, u.role());
                    ps.setString(3, u.source().name());
                    ps.setBoolean(4, u.disabled());
                    ps.setString(5, passwordHash);
                    ps.setString(6, u.name());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM SUBTREE_RULES WHERE USER_NAME = ?")) {
                    ps.setString(1, u.name());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO SUBTREE_RULES (USER_NAME, OBJECT_ID, ROLE) VALUES (?, ?, ?)")) {
                    for (SubtreeRule r : u.rules()) {
                        ps.setString(1, u.name());
                        ps.setObject(2, r.objectId());
                        ps.setString(3, r.role());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Removes a user, their rules and their API tokens; false when there was no such user. */
    public synchronized boolean deleteUser(String name) {
        try {
            int n;
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM USERS WHERE NAME = ?")) {
                ps.setString(1, name);
                n = ps.executeUpdate();
            }
            for (String t : List.of("SUBTREE_RULES", "API_TOKENS")) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + t + " WHERE USER_NAME = ?")) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
            }
            return n > 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The stored password hash of a local user, if any. */
    public synchronized Optional<String> passwordHash(String name) {
        try (PreparedStatement ps = db.prepareStatement("SELECT PASSWORD FROM USERS WHERE NAME = ? AND SOURCE = 'LOCAL'")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public synchronized List<Role> roles() {
        List<Role> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT NAME, PERMISSIONS FROM ROLES ORDER BY NAME")) {
            while (rs.next()) {
                Set<Permission> ps = EnumSet.noneOf(Permission.class);
                for (String p : rs.getString(2).split(",")) {
                    if (!p.isBlank()) {
                        ps.add(Permission.valueOf(p.strip()));
                    }
                }
                out.add(new Role(rs.getString(1), ps));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public synchronized void putRole(Role r) {
        try (PreparedStatement ps = db.prepareStatement("MERGE INTO ROLES (NAME, PERMISSIONS) KEY (NAME) VALUES (?, ?)")) {
            ps.setString(1, r.name());
            ps.setString(2, String.join(",", r.permissions().stream().map(Enum::name).toList()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public synchronized void putToken(String tokenHash, String user, String label) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO API_TOKENS (TOKEN_HASH, USER_NAME, LABEL, CREATED) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tokenHash);
            ps.setString(2, user);
            ps.setString(3, label);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Every API token hash with its user. */
    public synchronized Map<String, String> tokens() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT TOKEN_HASH, USER_NAME FROM API_TOKENS")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT NAME, VAL FROM SETTINGS ORDER BY NAME")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Sets (or with a null value removes) one setting. */
    public synchronized void putSetting(String name, String value) {
        String sql = value == null ? "DELETE FROM SETTINGS WHERE NAME = ?" : "MERGE INTO SETTINGS (NAME, VAL) KEY (NAME) VALUES (?, ?)";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, name);
            if (value != null) {
                ps.setString(2, value);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
