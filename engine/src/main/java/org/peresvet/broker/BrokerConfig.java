package org.peresvet.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.peresvet.model.io.JsonFields;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;

/**
 * The built-in MQTT broker of a project, read from the project's {@code broker.json}. Off unless
 * {@link #enabled()}: an external broker (Mosquitto) stays the choice for production sites.
 * Passwords are kept only as salted PBKDF2 hashes ({@link BrokerUser}). Immutable.
 *
 * @param enabled        whether the engine starts the broker with the project
 * @param port           the plain MQTT port (1883 by default)
 * @param bindAddress    the address to listen on: {@code 0.0.0.0} for the boards of the plant network
 * @param allowAnonymous whether a client without user name may connect (only when no user is defined)
 * @param users          who may connect
 * @param tls            TLS listener mode: {@code none}, {@code generated} (a self-signed certificate kept in
 *                       the project folder) or {@code given} (a PKCS12 key store of the site's certificate)
 * @param tlsPort        the MQTT-over-TLS port (8883 by default)
 * @param keyStore       the given PKCS12 key store (mode {@code given})
 * @param keyStorePassword its password (mode {@code given}); the generated one has its own
 */
public record BrokerConfig(boolean enabled, int port, String bindAddress, boolean allowAnonymous, List<BrokerUser> users,
                           Tls tls, int tlsPort, String keyStore, String keyStorePassword) {
    public static final String FILE_NAME = "broker.json";
    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;

    /** The TLS listener. */
    public enum Tls { NONE, GENERATED, GIVEN }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> KEYS = Set.of("enabled", "port", "bindAddress", "allowAnonymous", "users", "tls",
            "tlsPort", "keyStore", "keyStorePassword");
    private static final Set<String> USER_KEYS = Set.of("name", "salt", "hash");
    private static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> new IllegalArgumentException(
            JsonFields.path(parent, key) + (problem == JsonFields.Problem.UNKNOWN_KEY
                    ? ": unknown key (allowed: " + new TreeSet<>(known) + ")" : " " + reason)));
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:_-]{1,253}");

    public BrokerConfig {
        checkPort("port", port);
        checkPort("tlsPort", tlsPort);
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.strip();
        if (!ADDRESS.matcher(bindAddress).matches()) {
            throw new IllegalArgumentException("bindAddress '" + bindAddress + "' is not a host name or an IP address");
        }
        users = List.copyOf(users == null ? List.of() : users);
        Set<String> names = new HashSet<>();
        for (BrokerUser u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("user '" + u.name() + "' is defined twice");
            }
        }
        tls = tls == null ? Tls.NONE : tls;
        if (tls != Tls.NONE && tlsPort == port) {
            throw new IllegalArgumentException("tlsPort must differ from port (" + port + ")");
        }
        if (tls == Tls.GIVEN && (keyStore == null || keyStore.isBlank())) {
            throw new IllegalArgumentException("tls 'given' needs keyStore (a PKCS12 file) and keyStorePassword");
        }
    }

    private static void checkPort(String what, int p) {
        if (p < 1 || p > 65_535) {
            throw new IllegalArgumentException(what + " must be 1..65535, got " + p);
        }
    }

    /** Off, with the defaults a user switches on. */
    public static BrokerConfig off() {
        return new BrokerConfig(false, DEFAULT_PORT, "0.0.0.0", false, List.of(), Tls.NONE, DEFAULT_TLS_PORT, null, null);
    }

    public BrokerConfig withEnabled(boolean e) {
        return new BrokerConfig(e, port, bindAddress, allowAnonymous, users, tls, tlsPort, keyStore, keyStorePassword);
    }

    public BrokerConfig withListener(String address, int p) {
        return new BrokerConfig(enabled, p, address, allowAnonymous, users, tls, tlsPort, keyStore, keyStorePassword);
    }

    public BrokerConfig withAnonymous(boolean a) {
        return new BrokerConfig(enabled, port, bindAddress, a, users, tls, tlsPort, keyStore, keyStorePassword);
    }

    /** Adds a user, or sets a new password for one of that name. */
    public BrokerConfig withUser(String name, char[] password) {
        List<BrokerUser> list = new ArrayList<>(users.stream().filter(u -> !u.name().equals(name)).toList());
        list.add(BrokerUser.create(name, password));
        return new BrokerConfig(enabled, port, bindAddress, allowAnonymous, list, tls, tlsPort, keyStore, keyStorePassword);
    }

    public BrokerConfig withoutUser(String name) {
        return new BrokerConfig(enabled, port, bindAddress, allowAnonymous,
                users.stream().filter(u -> !u.name().equals(name)).toList(), tls, tlsPort, keyStore, keyStorePassword);
    }

    /** TLS on {@code p} with a self-signed certificate made on first start. */
    public BrokerConfig withGeneratedTls(int p) {
        return new BrokerConfig(enabled, port, bindAddress, allowAnonymous, users, Tls.GENERATED, p, null, null);
    }

    /** TLS on {@code p} with the site's certificate and key in a PKCS12 file. */
    public BrokerConfig withGivenTls(int p, String store, String storePassword) {
        return new BrokerConfig(enabled, port, bindAddress, allowAnonymous, users, Tls.GIVEN, p, store, storePassword);
    }

    public BrokerConfig withoutTls() {
        return new BrokerConfig(enabled, port, bindAddress, allowAnonymous, users, Tls.NONE, tlsPort, null, null);
    }

    /** Whether this user name and password may connect (anonymous: {@code name} null). */
    public boolean admits(String name, byte[] password) {
        if (name == null || name.isEmpty()) {
            return allowAnonymous && users.isEmpty();
        }
        for (BrokerUser u : users) {
            if (u.name().equals(name)) {
                return password != null && u.matches(password);
            }
        }
        return false;
    }

    /** The config file of a project folder. */
    public static Path file(Path projectDir) {
        return projectDir.resolve(FILE_NAME);
    }

    /** Reads {@code broker.json} of a project folder; no file means {@link #off()}. */
    public static BrokerConfig load(Path projectDir) {
        Path f = file(projectDir);
        if (!Files.exists(f)) {
            return off();
        }
        try {
            return parse(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code broker.json} into a project folder (a temp file, then a rename). */
    public void save(Path projectDir) {
        Path f = file(projectDir);
        Path tmp = f.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("enabled", enabled);
        root.put("port", port);
        root.put("bindAddress", bindAddress);
        root.put("allowAnonymous", allowAnonymous);
        ArrayNode us = root.putArray("users");
        for (BrokerUser u : users) {
            ObjectNode n = us.addObject();
            n.put("name", u.name());
            n.put("salt", u.salt());
            n.put("hash", u.hash());
        }
        root.put("tls", tls.name().toLowerCase(Locale.ROOT));
        root.put("tlsPort", tlsPort);
        if (keyStore != null) {
            root.put("keyStore", keyStore);
            root.put("keyStorePassword", keyStorePassword);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses the JSON form; unknown keys and wrong types are refused with their place.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static BrokerConfig parse(String json) {
        JsonNode root;
        try {
            root = StrictJson.read(json);
        } catch (StrictJsonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("$ must be an object");
        }
        FIELDS.checkKeys(root, "$", KEYS);
        List<BrokerUser> users = new ArrayList<>();
        JsonNode us = root.get("users");
        if (us != null && !us.isNull()) {
            if (!us.isArray()) {
                throw new IllegalArgumentException("$.users must be an array");
            }
            for (int i = 0; i < us.size(); i++) {
                String where = "$.users[" + i + "]";
                JsonNode n = us.get(i);
                if (!n.isObject()) {
                    throw new IllegalArgumentException(where + " must be an object");
                }
                FIELDS.checkKeys(n, where, USER_KEYS);
                users.add(new BrokerUser(FIELDS.text(n, "name", where, true), FIELDS.text(n, "salt", where, true),
                        FIELDS.text(n, "hash", where, true)));
            }
        }
        String tls = FIELDS.text(root, "tls", "$", "none");
        Tls mode = switch (tls) {
            case "none" -> Tls.NONE;
            case "generated" -> Tls.GENERATED;
            case "given" -> Tls.GIVEN;
            default -> throw new IllegalArgumentException("$.tls must be none, generated or given, got '" + tls + "'");
        };
        return new BrokerConfig(FIELDS.bool(root, "enabled", "$", false), (int) range(root, "port", DEFAULT_PORT),
                FIELDS.text(root, "bindAddress", "$", "0.0.0.0"), FIELDS.bool(root, "allowAnonymous", "$", false), users, mode,
                (int) range(root, "tlsPort", DEFAULT_TLS_PORT), FIELDS.text(root, "keyStore", "$", false),
                FIELDS.text(root, "keyStorePassword", "$", false));
    }

    private static long range(JsonNode root, String key, int dflt) {
        long v = FIELDS.integer(root, key, "$", dflt);
        if (v < 1 || v > 65_535) {
            throw new IllegalArgumentException("$." + key + " must be 1..65535, got " + v);
        }
        return v;
    }

    /** Without passwords and hashes, so logging a config never leaks them. */
    @Override
    public String toString() {
        return "BrokerConfig[enabled=" + enabled + ", listen=" + bindAddress + ":" + port + ", users="
                + users.stream().map(BrokerUser::name).toList() + ", anonymous=" + allowAnonymous + ", tls=" + tls
                + (tls == Tls.NONE ? "" : ":" + tlsPort) + "]";
    }

    /** Equal configs start the same broker. */
    public boolean sameAs(BrokerConfig o) {
        return Objects.equals(toJson(), o.toJson());
    }
}
