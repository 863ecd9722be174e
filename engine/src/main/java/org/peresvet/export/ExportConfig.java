package org.peresvet.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.peresvet.model.SecretFields;
import org.peresvet.model.io.JsonFields;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;
import org.peresvet.runtime.SecretBox;
import org.peresvet.runtime.SecretUnavailableException;
import org.slf4j.LoggerFactory;

/**
 * Where and how accepted samples are exported: one or more VictoriaMetrics targets, read from the
 * project's {@code export.json} (see docs/export.md). Immutable.
 *
 * @param batchMaxSamples   a batch is cut when it holds this many samples ...
 * @param batchMaxAgeMillis ... or when its oldest sample waited this long
 * @param targets           the servers; each has its own durable queue and sender
 */
public record ExportConfig(int batchMaxSamples, long batchMaxAgeMillis, List<Target> targets) {
    /** The file in the project folder. */
    public static final String FILE_NAME = "export.json";
    public static final int DEFAULT_BATCH_SAMPLES = 10_000;
    public static final long DEFAULT_BATCH_AGE_MILLIS = 1_000;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP_KEYS = Set.of("batchMaxSamples", "batchMaxAgeMillis", "targets");
    private static final Set<String> TARGET_KEYS = Set.of("name", "url", "enabled", "username", "password",
            "bearerToken", "labels", "queueMaxBytes", "queueAlarmPercent", "timeoutMillis", "confirmDelayMillis",
            "readHistory");
    /** Problems as "$.targets[0].url must be a string", "$.targets[0].lables: unknown key (allowed: [...])". */
    private static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> new IllegalArgumentException(
            JsonFields.path(parent, key) + (problem == JsonFields.Problem.UNKNOWN_KEY
                    ? ": unknown key (allowed: " + new TreeSet<>(known) + ")" : " " + reason)));
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public ExportConfig {
        if (batchMaxSamples < 1 || batchMaxSamples > 1_000_000) {
            throw new IllegalArgumentException("batchMaxSamples must be between 1 and 1000000, got " + batchMaxSamples);
        }
        if (batchMaxAgeMillis < 10 || batchMaxAgeMillis > 60_000) {
            throw new IllegalArgumentException("batchMaxAgeMillis must be between 10 and 60000, got " + batchMaxAgeMillis);
        }
        targets = List.copyOf(targets == null ? List.of() : targets);
        Set<String> names = new HashSet<>();
        for (Target t : targets) {
            if (!names.add(t.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("target name '" + t.name() + "' is used twice");
            }
        }
    }

    /** No targets: nothing is exported. */
    public static ExportConfig none() {
        return new ExportConfig(DEFAULT_BATCH_SAMPLES, DEFAULT_BATCH_AGE_MILLIS, List.of());
    }

    /** One target with default settings. */
    public static ExportConfig of(Target... targets) {
        return new ExportConfig(DEFAULT_BATCH_SAMPLES, DEFAULT_BATCH_AGE_MILLIS, List.of(targets));
    }

    public ExportConfig withBatching(int maxSamples, long maxAgeMillis) {
        return new ExportConfig(maxSamples, maxAgeMillis, targets);
    }

    public List<Target> enabledTargets() {
        return targets.stream().filter(Target::enabled).toList();
    }

    /** The target history is read back from: the first enabled one with {@code readHistory}, or null. */
    public Target historyTarget() {
        return targets.stream().filter(t -> t.enabled() && t.readHistory()).findFirst().orElse(null);
    }

    /**
     * One VictoriaMetrics server.
     *
     * @param name               names the queue folder and the status line; letters, digits, {@code . _ -}
     * @param url                base URL, e.g. {@code http://127.0.0.1:8428}; {@code /api/v1/import} is appended
     * @param username           basic auth user (with password), or null
     * @param bearerToken        sent as {@code Authorization: Bearer …}, or null
     * @param labels             extra labels on every series, e.g. {@code site=north}
     * @param queueMaxBytes      bound of the on-disk queue; when full, the oldest segment is dropped
     * @param queueAlarmPercent  the status raises its queue alarm from this fill level on
     * @param timeoutMillis      connect/read/write timeout of one request
     * @param confirmDelayMillis how long an accepted batch stays in the queue before it is deleted,
     *                           so a server killed before it wrote the batch to disk can be refilled
     * @param readHistory        answer history older than local retention from this server
     */
    public record Target(String name, String url, boolean enabled, String username, String password,
                         String bearerToken, Map<String, String> labels, long queueMaxBytes, int queueAlarmPercent,
                         long timeoutMillis, long confirmDelayMillis, boolean readHistory) {
        public static final long DEFAULT_QUEUE_MAX_BYTES = 2L * 1024 * 1024 * 1024;
        public static final int DEFAULT_ALARM_PERCENT = 80;
        public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
        public static final long DEFAULT_CONFIRM_DELAY_MILLIS = 15_000;

        public Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            if (!TARGET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("target name '" + name
                        + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            url = url.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            checkUrl(name, url);
            if (username != null && username.isEmpty()) {
                username = null;
            }
            if (bearerToken != null && bearerToken.isEmpty()) {
                bearerToken = null;
            }
            if (username != null && bearerToken != null) {
                throw new IllegalArgumentException("target " + name + ": give either username/password or bearerToken, not both");
            }
            Map<String, String> copy = new LinkedHashMap<>();
            if (labels != null) {
                labels.forEach((k, v) -> {
                    if (!LABEL_NAME.matcher(k).matches() || k.startsWith("__")) {
                        throw new IllegalArgumentException("target " + name + ": '" + k + "' is not a valid label name");
                    }
                    if (SeriesNaming.RESERVED_LABELS.contains(k)) {
                        throw new IllegalArgumentException("target " + name + ": label '" + k
                                + "' is set by the exporter itself");
                    }
                    copy.put(k, Objects.requireNonNull(v, "label value"));
                });
            }
            labels = Collections.unmodifiableMap(copy);
            if (queueMaxBytes < 1024 * 1024) {
                throw new IllegalArgumentException("target " + name + ": queueMaxBytes must be at least 1 MiB");
            }
            if (queueAlarmPercent < 1 || queueAlarmPercent > 100) {
                throw new IllegalArgumentException("target " + name + ": queueAlarmPercent must be 1..100");
            }
            if (timeoutMillis < 100) {
                throw new IllegalArgumentException("target " + name + ": timeoutMillis must be at least 100");
            }
            if (confirmDelayMillis < 0) {
                throw new IllegalArgumentException("target " + name + ": confirmDelayMillis must not be negative");
            }
        }

        /** A target with default settings. */
        public static Target of(String name, String url) {
            return new Target(name, url, true, null, null, null, Map.of(), DEFAULT_QUEUE_MAX_BYTES,
                    DEFAULT_ALARM_PERCENT, DEFAULT_TIMEOUT_MILLIS, DEFAULT_CONFIRM_DELAY_MILLIS, true);
        }

        public Target withUrl(String u) {
            return new Target(name, u, enabled, username, password, bearerToken, labels, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withEnabled(boolean e) {
            return new Target(name, url, e, username, password, bearerToken, labels, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withBasicAuth(String user, String pass) {
            return new Target(name, url, enabled, user, pass, null, labels, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withBearerToken(String token) {
            return new Target(name, url, enabled, null, null, token, labels, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withLabels(Map<String, String> l) {
            return new Target(name, url, enabled, username, password, bearerToken, l, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withQueueMaxBytes(long max) {
            return new Target(name, url, enabled, username, password, bearerToken, labels, max,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withQueueAlarmPercent(int percent) {
            return new Target(name, url, enabled, username, password, bearerToken, labels, queueMaxBytes,
                    percent, timeoutMillis, confirmDelayMillis, readHistory);
        }

        public Target withTimeoutMillis(long ms) {
            return new Target(name, url, enabled, username, password, bearerToken, labels, queueMaxBytes,
                    queueAlarmPercent, ms, confirmDelayMillis, readHistory);
        }

        public Target withConfirmDelayMillis(long ms) {
            return new Target(name, url, enabled, username, password, bearerToken, labels, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, ms, readHistory);
        }

        public Target withReadHistory(boolean r) {
            return new Target(name, url, enabled, username, password, bearerToken, labels, queueMaxBytes,
                    queueAlarmPercent, timeoutMillis, confirmDelayMillis, r);
        }

        /** Without password and token, so that logging a target never leaks them. */
        @Override
        public String toString() {
            return "Target[name=" + name + ", url=" + displayUrl() + ", enabled=" + enabled
                    + (username != null ? ", username=" + username + ", password=***" : "")
                    + (bearerToken != null ? ", bearerToken=***" : "") + ", labels=" + labels
                    + ", queueMaxBytes=" + queueMaxBytes + ", queueAlarmPercent=" + queueAlarmPercent
                    + ", timeoutMillis=" + timeoutMillis + ", confirmDelayMillis=" + confirmDelayMillis
                    + ", readHistory=" + readHistory + "]";
        }

        /** The URL without credentials that may be embedded in it, for logs and status. */
        public String displayUrl() {
            try {
                URI u = new URI(url);
                return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
            } catch (URISyntaxException e) {
                return url;
            }
        }

        private static void checkUrl(String name, String url) {
            URI u;
            try {
                u = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("target " + name + ": url '" + url + "' is not a valid URL");
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("target " + name + ": url '" + url + "' must start with http:// or https://");
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                throw new IllegalArgumentException("target " + name + ": url '" + url + "' has no host");
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                throw new IllegalArgumentException("target " + name + ": url '" + url + "' must not have a query or fragment");
            }
        }
    }

    // ---- file ----

    /** The config file of a project folder. */
    public static Path file(Path projectDir) {
        return projectDir.resolve(FILE_NAME);
    }

    /** Reads {@code export.json} of a project folder; no file means {@link #none()}. */
    public static ExportConfig load(Path projectDir) {
        Path f = file(projectDir);
        if (!Files.exists(f)) {
            return none();
        }
        try {
            return parse(openSecrets(Files.readString(f, StandardCharsets.UTF_8), projectDir, f));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code export.json} into a project folder (atomically: a temp file, then a rename). */
    public void save(Path projectDir) {
        Path f = file(projectDir);
        Path tmp = projectDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(projectDir);
            ObjectNode tree = tree();
            if (SecretFields.map(tree, v -> v) > 0) {
                SecretBox box = SecretBox.of(projectDir);
                SecretFields.map(tree, box::seal); // passwords and tokens sealed with the project's key
            }
            Files.writeString(tmp, MAPPER.writeValueAsString(tree) + "\n", StandardCharsets.UTF_8);
            try {
                // It may hold passwords and tokens: readable by the owner only, where the file system knows owners.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(tree()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The targets' sealed secrets opened (old clear-text ones pass as they are). A target whose
     * secret cannot be opened (the project's key is not on this machine) is switched off with the
     * reason in the log, so the engine still starts.
     */
    private static String openSecrets(String text, Path projectDir, Path f) {
        if (!text.contains(SecretFields.SEALED_PREFIX)) {
            return text;
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            SecretBox box = SecretBox.of(projectDir);
            for (JsonNode t : root.path("targets")) {
                try {
                    SecretFields.map(t, box::open);
                } catch (SecretUnavailableException e) {
                    SecretFields.strip(t);
                    ((ObjectNode) t).put("enabled", false);
                    LoggerFactory.getLogger(ExportConfig.class).error("{}: export target {} is off: {}", f,
                            t.path("name").asText("?"), e.getMessage());
                }
            }
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException | ClassCastException e) {
            return text; // parse() names what is wrong
        }
    }

    private ObjectNode tree() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("batchMaxSamples", batchMaxSamples);
        root.put("batchMaxAgeMillis", batchMaxAgeMillis);
        ArrayNode ts = root.putArray("targets");
        for (Target t : targets) {
            ObjectNode n = ts.addObject();
            n.put("name", t.name());
            n.put("url", t.url());
            n.put("enabled", t.enabled());
            if (t.username() != null) {
                n.put("username", t.username());
                n.put("password", t.password());
            }
            if (t.bearerToken() != null) {
                n.put("bearerToken", t.bearerToken());
            }
            ObjectNode l = n.putObject("labels");
            t.labels().forEach(l::put);
            n.put("queueMaxBytes", t.queueMaxBytes());
            n.put("queueAlarmPercent", t.queueAlarmPercent());
            n.put("timeoutMillis", t.timeoutMillis());
            n.put("confirmDelayMillis", t.confirmDelayMillis());
            n.put("readHistory", t.readHistory());
        }
        return root;
    }

    /**
     * Parses the JSON form; unknown keys and wrong types are refused with their place.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static ExportConfig parse(String json) {
        JsonNode root;
        try {
            root = StrictJson.read(json);
        } catch (StrictJsonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        FIELDS.checkKeys(root, "$", TOP_KEYS);
        int batch = (int) FIELDS.integer(root, "batchMaxSamples", "$", DEFAULT_BATCH_SAMPLES);
        long age = FIELDS.integer(root, "batchMaxAgeMillis", "$", DEFAULT_BATCH_AGE_MILLIS);
        List<Target> targets = new ArrayList<>();
        JsonNode ts = root.get("targets");
        if (ts != null && !ts.isNull()) {
            if (!ts.isArray()) {
                throw new IllegalArgumentException("$.targets must be an array");
            }
            for (int i = 0; i < ts.size(); i++) {
                targets.add(target(ts.get(i), "$.targets[" + i + "]"));
            }
        }
        return new ExportConfig(batch, age, targets);
    }

    private static Target target(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        FIELDS.checkKeys(n, where, TARGET_KEYS);
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = n.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                throw new IllegalArgumentException(where + ".labels must be an object of strings");
            }
            for (Map.Entry<String, JsonNode> e : l.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException(where + ".labels." + e.getKey() + " must be a string");
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
        }
        String name = FIELDS.text(n, "name", where, false);
        String url = FIELDS.text(n, "url", where, false);
        if (name == null || url == null) {
            throw new IllegalArgumentException(where + " needs a name and a url");
        }
        try {
            return new Target(name, url, FIELDS.bool(n, "enabled", where, true), FIELDS.text(n, "username", where, false),
                    FIELDS.text(n, "password", where, false), FIELDS.text(n, "bearerToken", where, false), labels,
                    FIELDS.integer(n, "queueMaxBytes", where, Target.DEFAULT_QUEUE_MAX_BYTES),
                    (int) FIELDS.integer(n, "queueAlarmPercent", where, Target.DEFAULT_ALARM_PERCENT),
                    FIELDS.integer(n, "timeoutMillis", where, Target.DEFAULT_TIMEOUT_MILLIS),
                    FIELDS.integer(n, "confirmDelayMillis", where, Target.DEFAULT_CONFIRM_DELAY_MILLIS),
                    FIELDS.bool(n, "readHistory", where, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
