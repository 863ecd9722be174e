package org.peresvet.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.SecretFields;
import org.peresvet.runtime.ProjectKeys;
import org.peresvet.runtime.SecretBox;
import org.peresvet.runtime.SecretUnavailableException;

/**
 * The security of one open project: its users and roles ({@link SecurityStore}), the compiled
 * checks ({@link AccessControl}), logins (local PBKDF2 hashes, then LDAP), sessions and API tokens,
 * and the audit trail. The engine facade owns one and checks every change against it.
 */
public final class Security implements AutoCloseable {
    /** A session token lives this long after login. */
    public static final long SESSION_MILLIS = 12 * 3_600_000L;
    /** How many audit records may wait in memory while audit.mv.db cannot be written (tests set it low). */
    public static final String KEPT_LIMIT_PROPERTY = "peresvet.audit.keptLimit";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecurityStore store;
    private final AuditTrail audit;
    private final AccessControl access;
    private final ProjectKeys keys;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile Map<String, String> tokens;
    private volatile LdapSettings ldap;
    private volatile ReasonRules reasonRules = ReasonRules.NONE;
    private volatile String ldapSecretProblem;
    private volatile SSLContext ldapTls;
    private volatile PasswordHasher hasher;
    /** Compared against when the user is unknown, so a wrong name takes as long as a wrong password. */
    private volatile String decoy;

    private record Session(String user, long expires) {
    }

    private Security(SecurityStore store, AuditTrail audit, AccessControl access, ProjectKeys keys) {
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.keys = keys;
    }

    /** The project's key store (outside the project folder): the audit seal and the project's secrets. */
    public ProjectKeys keys() {
        return keys;
    }

    /** Opens {@code security.mv.db} and {@code audit.mv.db} in the project folder. */
    public static Security open(Path projectDir, Supplier<ModelSnapshot> model) {
        SecurityStore store = SecurityStore.open(projectDir);
        AuditTrail audit;
        ProjectKeys keys;
        try {
            keys = ProjectKeys.forProject(projectDir);
            audit = AuditTrail.open(projectDir, keys, Integer.getInteger(KEPT_LIMIT_PROPERTY, AuditTrail.DEFAULT_KEPT_LIMIT));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        Security s = new Security(store, audit, new AccessControl(model), keys);
        s.reload();
        return s;
    }

    private void reload() {
        access.update(store.users(), store.roles());
        tokens = Map.copyOf(store.tokens());
        Map<String, String> settings = new LinkedHashMap<>(store.settings());
        String bind = settings.get("ldap.bindPassword");
        ldapSecretProblem = null;
        try {
            settings.computeIfPresent("ldap.bindPassword", (k, v) -> new SecretBox(keys).open(v));
        } catch (SecretUnavailableException e) {
            ldapSecretProblem = "the directory's bind password: " + e.getMessage();
            settings.remove("ldap.bindPassword");
        }
        if (bind != null && !SecretFields.sealed(bind) && ldapSecretProblem == null) {
            store.putSetting("ldap.bindPassword", new SecretBox(keys).seal(bind)); // an old clear-text one, sealed now
        }
        ldap = readLdap(settings);
        reasonRules = ReasonRules.parse(settings.get(REASON_RULES));
    }

    private static final String REASON_RULES = "reason.rules";

    /** The project's "reason required" rules. */
    public ReasonRules reasonRules() {
        return reasonRules;
    }

    /** Replaces the "reason required" rules (the facade checks MANAGE_USERS and audits). */
    public void setReasonRules(List<ReasonRule> rules) {
        ReasonRules r = new ReasonRules(rules);
        store.putSetting(REASON_RULES, r.isEmpty() ? null : r.stored());
        reload();
    }

    public AccessControl access() {
        return access;
    }

    public AuditTrail audit() {
        return audit;
    }

    public boolean hasUsers() {
        return access.hasUsers();
    }

    public List<UserAccount> users() {
        return store.users();
    }

    /** The project's own roles and the built-in ones. */
    public List<Role> roles() {
        List<Role> out = new ArrayList<>(Role.BUILT_IN);
        out.addAll(store.roles());
        return out;
    }

    public Optional<UserAccount> user(String name) {
        String n = UserAccount.normalName(name);
        return store.users().stream().filter(u -> u.name().equals(n)).findFirst();
    }

    // ---- changes (the facade checks MANAGE_USERS and audits) ----

    /**
     * Stores a user; a local user needs a password the first time.
     *
     * @throws IllegalArgumentException for an unknown role, or a new local user without password
     */
    public void putUser(UserAccount u, char[] password) {
        requireRole(u.role());
        u.rules().forEach(r -> requireRole(r.role()));
        boolean exists = user(u.name()).isPresent();
        String hash = null;
        if (password != null && password.length > 0) {
            if (password.length < 8) {
                throw new IllegalArgumentException("a password needs at least 8 characters");
            }
            hash = hasher().hash(password);
        } else if (!exists && u.source() == UserAccount.Source.LOCAL) {
            throw new IllegalArgumentException("a new local user needs a password");
        }
        store.putUser(u, hash);
        reload();
    }

    public boolean deleteUser(String name) {
        String n = UserAccount.normalName(name);
        boolean removed = store.deleteUser(n);
        sessions.values().removeIf(s -> s.user.equals(n));
        reload();
        return removed;
    }

    public void putRole(Role r) {
        if (r.builtIn()) {
            throw new IllegalArgumentException("the built-in role " + r.name() + " cannot be changed");
        }
        store.putRole(r);
        reload();
    }

    /** Sets the directory (null: no LDAP). */
    public void setLdap(LdapSettings s) {
        Map<String, String> old = store.settings();
        old.keySet().stream().filter(k -> k.startsWith("ldap.")).forEach(k -> store.putSetting(k, null));
        if (s != null) {
            store.putSetting("ldap.url", s.url());
            store.putSetting("ldap.startTls", String.valueOf(s.startTls()));
            store.putSetting("ldap.bindDn", s.bindDn());
            store.putSetting("ldap.bindPassword", new SecretBox(keys).seal(s.bindPassword()));
            store.putSetting("ldap.userBase", s.userBase());
            store.putSetting("ldap.userFilter", s.userFilter());
            store.putSetting("ldap.groupBase", s.groupBase());
            store.putSetting("ldap.groupFilter", s.groupFilter());
            store.putSetting("ldap.timeoutMillis", String.valueOf(s.timeoutMillis()));
            s.groupRoles().forEach((g, r) -> store.putSetting("ldap.group." + g, r));
        }
        reload();
    }

    public Optional<LdapSettings> ldap() {
        return Optional.ofNullable(ldap);
    }

    /** The TLS context for LDAPS/StartTLS (tests and private CAs); null: the JVM's trust store. */
    public void ldapTls(SSLContext context) {
        this.ldapTls = context;
    }

    private static LdapSettings readLdap(Map<String, String> s) {
        if (s.get("ldap.url") == null) {
            return null;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        s.forEach((k, v) -> {
            if (k.startsWith("ldap.group.")) {
                groups.put(k.substring("ldap.group.".length()), v);
            }
        });
        return new LdapSettings(s.get("ldap.url"), Boolean.parseBoolean(s.get("ldap.startTls")), s.get("ldap.bindDn"),
                s.get("ldap.bindPassword"), s.getOrDefault("ldap.userBase", ""), s.get("ldap.userFilter"), s.get("ldap.groupBase"),
                s.get("ldap.groupFilter"), groups, Integer.parseInt(s.getOrDefault("ldap.timeoutMillis", "3000")));
    }

    private void requireRole(String role) {
        if (access.role(role) == null) {
            throw new IllegalArgumentException("no role '" + role + "' (roles: "
                    + String.join(", ", roles().stream().map(Role::name).toList()) + ")");
        }
    }

    private PasswordHasher hasher() {
        PasswordHasher h = hasher;
        if (h == null) {
            String fixed = System.getProperty("peresvet.security.iterations");
            h = fixed != null ? new PasswordHasher(Integer.parseInt(fixed)) : PasswordHasher.tuned(PasswordHasher.TARGET_MILLIS);
            hasher = h;
        }
        return h;
    }

    // ---- logins ----

    /**
     * Checks a name and password: a local user first, then the directory (whose user is recorded
     * with the role their groups map to).
     *
     * @return the user logged in
     * @throws LoginException wrong name or password, a disabled user, no role, or the directory unreachable
     */
    public UserAccount login(String name, char[] password) throws LoginException {
        return checkLogin(name, password).user();
    }

    /**
     * A login and whether it rehashed the user's password: a local hash made with fewer PBKDF2
     * iterations than this machine's tuning (an older, faster PC; a hash from before the tuning) is
     * replaced at the first successful login, the only moment the clear password is at hand.
     *
     * @param oldIterations the old hash's count when rehashed, else 0
     */
    public record Login(UserAccount user, int oldIterations, int newIterations) {
        public boolean rehashed() {
            return oldIterations > 0;
        }
    }

    /** As {@link #login}, saying whether the stored hash was strengthened. */
    public Login checkLogin(String name, char[] password) throws LoginException {
        String n;
        try {
            n = UserAccount.normalName(name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            throw new LoginException("wrong user name or password", false);
        }
        Optional<String> hash = store.passwordHash(n);
        Optional<UserAccount> known = user(n);
        if (hash.isPresent()) {
            if (!PasswordHasher.matches(password, hash.get())) {
                throw new LoginException("wrong user name or password", false);
            }
            UserAccount u = known.orElseThrow();
            if (u.disabled()) {
                throw new LoginException("user '" + n + "' is disabled", false);
            }
            return rehashIfWeak(u, password, hash.get());
        }
        LdapSettings dir = ldap;
        if (dir == null) {
            PasswordHasher.matches(password, decoy());
            throw new LoginException("wrong user name or password", false);
        }
        if (ldapSecretProblem != null) {
            throw new LoginException("the directory cannot be asked: " + ldapSecretProblem, true);
        }
        LdapDirectory.LdapUser lu = new LdapDirectory(dir, access::role, ldapTls).login(n, password);
        if (lu.role() == null) {
            throw new LoginException("user '" + n + "' is in no directory group that maps to a role of this project", false);
        }
        if (known.isPresent() && known.get().disabled()) {
            throw new LoginException("user '" + n + "' is disabled", false);
        }
        UserAccount u = new UserAccount(n, lu.fullName(), lu.role(), UserAccount.Source.LDAP, false,
                known.map(UserAccount::rules).orElse(List.of()));
        if (known.isEmpty() || !known.get().equals(u)) {
            store.putUser(u, null);
            reload();
        }
        return new Login(u, 0, 0);
    }

    /**
     * Rehashes with the current tuning when the stored count is below it (by more than the tuning's
     * own jitter of a few percent, so two close tunings do not rehash at every login).
     */
    private Login rehashIfWeak(UserAccount u, char[] password, String stored) {
        int had = PasswordHasher.iterationsOf(stored);
        PasswordHasher h = hasher();
        if (had <= 0 || had >= h.iterations() * 0.9) {
            return new Login(u, 0, 0);
        }
        store.putUser(u, h.hash(password));
        return new Login(u, had, h.iterations());
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = hasher().hash("decoy-password".toCharArray());
            decoy = d;
        }
        return d;
    }

    /** A bearer token for a logged-in user, valid for {@link #SESSION_MILLIS}. */
    public String startSession(String user) {
        String t = randomToken();
        sessions.put(sha(t), new Session(user, System.currentTimeMillis() + SESSION_MILLIS));
        return t;
    }

    /** The user of a session token (null when unknown or expired). */
    public String sessionUser(String token) {
        String key = sha(token);
        Session s = sessions.get(key);
        if (s == null) {
            return null;
        }
        if (s.expires < System.currentTimeMillis()) {
            sessions.remove(key);
            return null;
        }
        return s.user;
    }

    public void endSession(String token) {
        sessions.remove(sha(token));
    }

    /** A new API token for a user (shown once; only its hash is kept). */
    public String createApiToken(String user, String label) {
        String n = UserAccount.normalName(user);
        if (user(n).isEmpty()) {
            throw new IllegalArgumentException("no user '" + n + "'");
        }
        String t = "prv_" + randomToken();
        store.putToken(sha(t), n, label);
        reload();
        return t;
    }

    /** The user of an API token (null when unknown). */
    public String apiTokenUser(String token) {
        return token == null ? null : tokens.get(sha(token));
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha(String s) {
        return HexFormat.of().formatHex(AuditTrail.sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of two strings (credentials). */
    public static boolean sameSecret(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            audit.close();
        } finally {
            store.close();
        }
    }
}
