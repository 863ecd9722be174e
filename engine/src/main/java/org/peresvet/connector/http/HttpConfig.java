package org.peresvet.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import okhttp3.HttpUrl;
import org.peresvet.model.io.JsonFields;

/**
 * The config of an HTTP connector (kind {@code http}):
 * <pre>{"baseUrl":"http://192.168.1.50", "period":5000, "timeout":2000,
 *  "auth":{"username":"admin","password":"secret"}, "events":true, "eventsPath":"/events", "eventsIdleTimeout":60000}</pre>
 * {@code period} (ms, 0 = no polling) and {@code timeout} (ms, per request); {@code events}: follow
 * ESPHome's server-sent event stream for push updates.
 */
record HttpConfig(HttpUrl baseUrl, long periodMillis, long timeoutMillis, String username, String password, boolean events,
                  String eventsPath, long eventsIdleMillis) {
    private static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> new IllegalArgumentException(
            "unknown key '" + key + "' (known: " + JsonFields.sorted(known) + ")"));
    private static final Set<String> KEYS = Set.of("baseUrl", "period", "timeout", "auth", "events", "eventsPath", "eventsIdleTimeout");

    /** @throws IllegalArgumentException naming the key at fault */
    static HttpConfig parse(JsonNode c) {
        FIELDS.checkKeys(c, "http", KEYS);
        JsonNode b = c.get("baseUrl");
        if (b == null || !b.isTextual() || b.asText().isBlank()) {
            throw new IllegalArgumentException("'baseUrl' is required, e.g. \"http://192.168.1.50\"");
        }
        HttpUrl url = HttpUrl.parse(b.asText().strip());
        if (url == null) {
            throw new IllegalArgumentException("'baseUrl' " + b.asText() + " is not an http:// or https:// URL");
        }
        long period = millis(c, "period", 5000, 0, 86_400_000L);
        if (period > 0 && period < 100) {
            throw new IllegalArgumentException("'period' must be 0 (no polling) or at least 100 ms");
        }
        long timeout = millis(c, "timeout", 2000, 50, 60_000);
        String user = null;
        String pass = null;
        JsonNode auth = c.get("auth");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject() || !auth.path("username").isTextual()) {
                throw new IllegalArgumentException("'auth' must be {\"username\":\"...\",\"password\":\"...\"}");
            }
            user = auth.get("username").asText();
            pass = auth.path("password").asText("");
        }
        JsonNode ev = c.get("events");
        if (ev != null && !ev.isNull() && !ev.isBoolean()) {
            throw new IllegalArgumentException("'events' must be true or false");
        }
        boolean events = ev != null && ev.asBoolean();
        JsonNode ep = c.get("eventsPath");
        String eventsPath = ep == null || ep.isNull() ? "/events" : ep.asText();
        if (!eventsPath.startsWith("/")) {
            throw new IllegalArgumentException("'eventsPath' must start with '/'");
        }
        if (period == 0 && !events) {
            throw new IllegalArgumentException("nothing to do: set a polling 'period' or \"events\": true");
        }
        long idle = millis(c, "eventsIdleTimeout", 60_000, 1000, 3_600_000);
        return new HttpConfig(url, period, timeout, user, pass, events, eventsPath, idle);
    }

    private static long millis(JsonNode c, String key, long dflt, long min, long max) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number of milliseconds");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new IllegalArgumentException("'" + key + "' must be between " + min + " and " + max + " ms");
        }
        return n;
    }
}
