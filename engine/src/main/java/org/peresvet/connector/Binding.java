package org.peresvet.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.connector.payload.JsonPath;
import org.peresvet.model.io.JsonFields;

/**
 * A tag's binding to a connector: the tag's {@code sourceConfig} when its source is
 * {@code connector}. JSON form (see docs/connectors.md):
 * <pre>{"connector":"&lt;uuid&gt;", "address":"tele/pump/SENSOR", "json":"$.DS18B20.Temperature",
 *  "map":{"ON":1,"OFF":0}, "scale":1.0, "offset":0.0, "command":"cmnd/pump/POWER",
 *  "commandPayload":"{on_off}", "echoTimeoutMs":5000}</pre>
 * Keys other than these are kept in {@link #options()} for the connector kind (e.g. MQTT qos) and
 * printed back unchanged.
 *
 * @param map            device text → value (exact match first, then ignoring case); empty for none
 * @param scale          value = raw * scale + offset (numbers only)
 * @param command        command topic or HTTP request template; null: the tag cannot be written to the device
 * @param commandPayload payload template ({value}, {raw}, {on_off}, {true_false}...); null means "{raw}"
 * @param echoTimeoutMs  how long a write waits for the device to echo the value
 */
public record Binding(UUID tagId, UUID connector, String address, String json, Map<String, Object> map,
                      double scale, double offset, String command, String commandPayload, long echoTimeoutMs,
                      Map<String, Object> options) {

    public static final long DEFAULT_ECHO_TIMEOUT_MS = 5000;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Problems as "binding: 'address' is missing", "binding: 'scale' must be a finite number". */
    private static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> new IllegalArgumentException(
            parent + ": '" + key + "' " + switch (problem) {
                case REQUIRED -> "is missing";
                case NOT_STRING -> "must be text";
                default -> reason;
            }));
    private static final Set<String> KEYS = Set.of("connector", "address", "json", "map", "scale", "offset",
            "command", "commandPayload", "echoTimeoutMs");

    public Binding {
        json = json == null || json.isBlank() ? null : json.strip();
        map = map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
        command = command == null || command.isBlank() ? null : command;
        commandPayload = commandPayload == null || commandPayload.isEmpty() ? null : commandPayload;
        echoTimeoutMs = echoTimeoutMs <= 0 ? DEFAULT_ECHO_TIMEOUT_MS : echoTimeoutMs;
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A binding of an address with no extraction, scaling or command. */
    public static Binding of(UUID tagId, UUID connector, String address) {
        return new Binding(tagId, connector, address, null, null, 1.0, 0.0, null, null, 0, null);
    }

    public Binding withJson(String path) {
        return new Binding(tagId, connector, address, path, map, scale, offset, command, commandPayload, echoTimeoutMs, options);
    }

    public Binding withMap(Map<String, Object> m) {
        return new Binding(tagId, connector, address, json, m, scale, offset, command, commandPayload, echoTimeoutMs, options);
    }

    public Binding withScaling(double s, double o) {
        return new Binding(tagId, connector, address, json, map, s, o, command, commandPayload, echoTimeoutMs, options);
    }

    public Binding withCommand(String cmd, String payload) {
        return new Binding(tagId, connector, address, json, map, scale, offset, cmd, payload, echoTimeoutMs, options);
    }

    public Binding withEchoTimeout(long millis) {
        return new Binding(tagId, connector, address, json, map, scale, offset, command, commandPayload, millis, options);
    }

    public Binding withOptions(Map<String, Object> o) {
        return new Binding(tagId, connector, address, json, map, scale, offset, command, commandPayload, echoTimeoutMs, o);
    }

    /** True when a write can be sent to the device. */
    public boolean writable() {
        return command != null;
    }

    /** True when the scaling changes values. */
    public boolean scaled() {
        return scale != 1.0 || offset != 0.0;
    }

    /**
     * Parses and checks a binding.
     *
     * @throws IllegalArgumentException with a clear reason (bad JSON, missing connector or address,
     *                                  bad JSON path, scale 0...)
     */
    public static Binding parse(UUID tagId, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the binding is empty (expected {\"connector\":\"<id>\",\"address\":\"...\"})");
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the binding is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the binding must be a JSON object");
        }
        UUID connector;
        String connectorText = FIELDS.text(n, "connector", "binding", true);
        try {
            connector = UUID.fromString(connectorText.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("binding: 'connector' must be a connector id (UUID): " + n.get("connector"));
        }
        String address = FIELDS.text(n, "address", "binding", true);
        if (address.isBlank()) {
            throw new IllegalArgumentException("binding: 'address' must not be empty");
        }
        String json = FIELDS.text(n, "json", "binding", false);
        if (json != null && !json.isBlank()) {
            JsonPath.compile(json);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        JsonNode m = n.get("map");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw new IllegalArgumentException("binding: 'map' must be an object of device text to value, e.g. {\"ON\":1,\"OFF\":0}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException("binding: map value of '" + e.getKey() + "' must be a number, true/false or text");
                }
                map.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isIntegralNumber() ? (Object) v.longValue()
                        : v.isNumber() ? (Object) v.doubleValue() : v.asText());
            }
        }
        double scale = FIELDS.finite(n, "scale", "binding", 1.0);
        if (scale == 0) {
            throw new IllegalArgumentException("binding: 'scale' must not be 0");
        }
        double offset = FIELDS.finite(n, "offset", "binding", 0.0);
        double echo = FIELDS.finite(n, "echoTimeoutMs", "binding", DEFAULT_ECHO_TIMEOUT_MS);
        if (echo < 1 || echo > 600_000) {
            throw new IllegalArgumentException("binding: 'echoTimeoutMs' must be between 1 and 600000");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEYS.contains(e.getKey())) {
                options.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
        }
        return new Binding(tagId, connector, address, json, map, scale, offset, FIELDS.text(n, "command", "binding", false),
                FIELDS.text(n, "commandPayload", "binding", false), (long) echo, options);
    }

    /** The JSON form; defaults are left out, so a simple binding stays short. */
    public String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("connector", connector.toString());
        o.put("address", address);
        if (json != null) {
            o.put("json", json);
        }
        if (!map.isEmpty()) {
            o.set("map", MAPPER.valueToTree(map));
        }
        if (scale != 1.0) {
            o.put("scale", scale);
        }
        if (offset != 0.0) {
            o.put("offset", offset);
        }
        if (command != null) {
            o.put("command", command);
        }
        if (commandPayload != null) {
            o.put("commandPayload", commandPayload);
        }
        if (echoTimeoutMs != DEFAULT_ECHO_TIMEOUT_MS) {
            o.put("echoTimeoutMs", echoTimeoutMs);
        }
        options.forEach((k, v) -> o.set(k, MAPPER.valueToTree(v)));
        return o.toString();
    }
}
