package org.peresvet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A connector: a link to devices (an MQTT broker, an HTTP device) that tags bind to. Immutable.
 *
 * @param kind   the connector implementation, e.g. {@code mqtt}, {@code http} (lower-case letters, digits, '-', '_')
 * @param config JSON object text specific to the kind (broker URL, credentials, polling period...);
 *               checked by the connector when it starts, so a bad config puts only that connector in error
 */
public record ConnectorDef(UUID id, String name, String kind, boolean enabled, String config) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** Config text limit: certificates are referenced by file, so a config stays small. */
    public static final int MAX_CONFIG_CHARS = 64 * 1024;

    public ConnectorDef {
        Objects.requireNonNull(id, "id");
        config = config == null || config.isBlank() ? "{}" : config;
    }

    public static ConnectorDef create(String name, String kind, String config) {
        return new ConnectorDef(UUID.randomUUID(), name, kind, true, config);
    }

    public ConnectorDef withName(String v) {
        return new ConnectorDef(id, v, kind, enabled, config);
    }

    public ConnectorDef withEnabled(boolean v) {
        return new ConnectorDef(id, name, kind, v, config);
    }

    public ConnectorDef withConfig(String v) {
        return new ConnectorDef(id, name, kind, enabled, v);
    }

    /** The config parsed (an object node); an empty object when it cannot be parsed. */
    public JsonNode configJson() {
        try {
            JsonNode n = MAPPER.readTree(config);
            return n != null && n.isObject() ? n : MAPPER.createObjectNode();
        } catch (Exception e) {
            return MAPPER.createObjectNode();
        }
    }

    /** The checks that need nothing but the definition. */
    void validate() {
        String where = "connector " + name;
        Names.check(name, where, "name");
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new ModelException(where, "kind", "'" + kind + "' is not a connector kind (e.g. mqtt, http)");
        }
        if (config.length() > MAX_CONFIG_CHARS) {
            throw new ModelException(where, "config", "must be at most " + MAX_CONFIG_CHARS + " characters");
        }
        JsonNode n;
        try {
            n = JsonValues.read(config);
        } catch (IllegalArgumentException e) {
            throw new ModelException(where, "config", "is not valid JSON (" + e.getMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new ModelException(where, "config", "must be a JSON object");
        }
    }

    /**
     * The connector a tag is bound to: the {@code connector} field of a {@link SourceKind#CONNECTOR}
     * tag's binding; null for other tags or when the binding names none.
     */
    public static UUID boundConnector(TagDef t) {
        if (t.source() != SourceKind.CONNECTOR || t.sourceConfig() == null || t.sourceConfig().isBlank()) {
            return null;
        }
        try {
            JsonNode c = MAPPER.readTree(t.sourceConfig()).get("connector");
            return c == null || !c.isTextual() ? null : UUID.fromString(c.asText().strip());
        } catch (Exception e) {
            return null;
        }
    }
}
