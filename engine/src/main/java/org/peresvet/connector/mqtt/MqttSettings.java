package org.peresvet.connector.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.peresvet.model.io.JsonFields;

/**
 * How to reach a broker: URL ({@code tcp://} or {@code ssl://}), identity, session and limits.
 * Read from the {@code config} JSON of an MQTT connector; every problem is an
 * {@link IllegalArgumentException} that names the field.
 *
 * @param maxPayloadBytes inbound messages above this size are rejected with a reason, not parsed
 * @param will a last will to register (the board simulator uses it; connectors do not)
 */
public record MqttSettings(String brokerUrl, String clientId, String username, String password, int keepAliveSeconds,
                           boolean cleanSession, int connectTimeoutSeconds, int maxPayloadBytes, long reconnectMinMs,
                           long reconnectMaxMs, MqttTls tls, Will will) {
    public static final int DEFAULT_MAX_PAYLOAD = 256 * 1024;
    /** The parent path given to {@link #FIELDS} (messages name the field alone). */
    static final String C = "config";
    /**
     * The reader of a connector's settings, shared by the MQTT config classes: lenient where people
     * and devices write numbers as text ({@code "30"}), strict otherwise; "keepAlive: 'x' is not a
     * whole number", "tls: expected text".
     */
    static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> new IllegalArgumentException(
            key + ": " + switch (problem) {
                case NOT_SCALAR -> "expected text";
                case NOT_BOOLEAN -> "expected true or false";
                default -> reason;
            }));

    /** A last-will message. */
    public record Will(String topic, byte[] payload, int qos, boolean retained) {
    }

    public MqttSettings {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw new IllegalArgumentException("broker: missing (e.g. tcp://127.0.0.1:1883)");
        }
        URI uri;
        try {
            uri = URI.create(brokerUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker: '" + brokerUrl + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw new IllegalArgumentException("broker: '" + brokerUrl + "' must start with tcp:// or ssl://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker: '" + brokerUrl + "' has no host");
        }
        brokerUrl = brokerUrl.trim();
        if (clientId == null || clientId.isBlank()) {
            clientId = "peresvet-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (clientId.length() > 64) {
            throw new IllegalArgumentException("clientId: longer than 64 characters");
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keepAlive: " + keepAliveSeconds + " is not within 0..65535 seconds");
        }
        if (connectTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("connectTimeout: must be > 0 seconds");
        }
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes: must be > 0");
        }
        if (reconnectMinMs <= 0 || reconnectMaxMs < reconnectMinMs) {
            throw new IllegalArgumentException("reconnectMinMs/reconnectMaxMs: need 0 < min <= max");
        }
        if (scheme.equals("ssl") && tls == null) {
            tls = MqttTls.SYSTEM_DEFAULT;
        }
    }

    public boolean isTls() {
        return brokerUrl.regionMatches(true, 0, "ssl:", 0, 4);
    }

    /** Plain settings for a URL: random client id, keep-alive 30 s, clean session. */
    public static MqttSettings of(String brokerUrl) {
        return new MqttSettings(brokerUrl, null, null, null, 30, true, 10, DEFAULT_MAX_PAYLOAD, 250, 30_000, null, null);
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(brokerUrl, id, username, password, keepAliveSeconds, cleanSession, connectTimeoutSeconds,
                maxPayloadBytes, reconnectMinMs, reconnectMaxMs, tls, will);
    }

    public MqttSettings withWill(Will w) {
        return new MqttSettings(brokerUrl, clientId, username, password, keepAliveSeconds, cleanSession, connectTimeoutSeconds,
                maxPayloadBytes, reconnectMinMs, reconnectMaxMs, tls, w);
    }

    public MqttSettings withReconnect(long minMs, long maxMs) {
        return new MqttSettings(brokerUrl, clientId, username, password, keepAliveSeconds, cleanSession, connectTimeoutSeconds,
                maxPayloadBytes, minMs, maxMs, tls, will);
    }

    public MqttSettings withMaxPayload(int bytes) {
        return new MqttSettings(brokerUrl, clientId, username, password, keepAliveSeconds, cleanSession, connectTimeoutSeconds,
                bytes, reconnectMinMs, reconnectMaxMs, tls, will);
    }

    public MqttSettings withTls(MqttTls t) {
        return new MqttSettings(brokerUrl, clientId, username, password, keepAliveSeconds, cleanSession, connectTimeoutSeconds,
                maxPayloadBytes, reconnectMinMs, reconnectMaxMs, t, will);
    }

    public MqttSettings withCredentials(String user, String pass) {
        return new MqttSettings(brokerUrl, clientId, user, pass, keepAliveSeconds, cleanSession, connectTimeoutSeconds,
                maxPayloadBytes, reconnectMinMs, reconnectMaxMs, tls, will);
    }

    /**
     * Reads the connection part of a connector's config: {@code broker} (or {@code url}),
     * {@code clientId}, {@code username}, {@code password}, {@code keepAlive}, {@code cleanSession},
     * {@code connectTimeout}, {@code maxPayloadBytes}, {@code reconnectMinMs}, {@code reconnectMaxMs},
     * {@code tls}.
     */
    public static MqttSettings fromJson(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("config: expected a JSON object");
        }
        String broker = FIELDS.scalarText(config, "broker", C, FIELDS.scalarText(config, "url", C, null));
        return new MqttSettings(broker, FIELDS.scalarText(config, "clientId", C, null),
                FIELDS.scalarText(config, "username", C, null), FIELDS.scalarText(config, "password", C, null),
                FIELDS.integerOrDigits(config, "keepAlive", C, 30), FIELDS.bool(config, "cleanSession", C, true),
                FIELDS.integerOrDigits(config, "connectTimeout", C, 10),
                FIELDS.integerOrDigits(config, "maxPayloadBytes", C, DEFAULT_MAX_PAYLOAD),
                FIELDS.integerOrDigits(config, "reconnectMinMs", C, 250),
                FIELDS.integerOrDigits(config, "reconnectMaxMs", C, 30_000),
                config.hasNonNull("tls") ? MqttTls.fromJson(config.get("tls")) : null, null);
    }

    @Override
    public String toString() {
        // never print the password
        return "MqttSettings[" + brokerUrl + ", clientId=" + clientId + ", user=" + username + "]";
    }
}
