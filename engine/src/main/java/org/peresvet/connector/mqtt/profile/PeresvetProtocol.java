package org.peresvet.connector.mqtt.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.peresvet.connector.payload.DeviceNumbers;
import org.peresvet.model.Micros;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * The Peresvet connector protocol of the Python platform, platform side. Connectors publish
 * configuration requests, log lines and command output to {@code conn2prs/<id>}, data to
 * {@code prsTag/app_api_client/data_set/*}, and leave a last will on
 * {@code prsConnector/connection_lost/<id>}; the platform answers on {@code prs2conn/<id>}.
 * Pure: parsing and message building, never throws on bad input.
 */
public final class PeresvetProtocol {
    public static final String TO_PLATFORM = "conn2prs/";
    public static final String TO_CONNECTOR = "prs2conn/";
    public static final String DATA_FILTER = "prsTag/app_api_client/data_set/#";
    public static final String DATA_PREFIX = "prsTag/app_api_client/data_set/";
    public static final String LOST_PREFIX = "prsConnector/connection_lost/";
    public static final String LOG_LINE = "prsConnector.log_line";
    public static final String COMMAND_OUTPUT = "prsConnector.command_output";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PeresvetProtocol() {
    }

    /** What a connector said on {@code conn2prs/<id>}. */
    public sealed interface ConnectorMessage permits ConfigRequest, LogLine, CommandOutput, Rejected {
    }

    public record ConfigRequest(String connectorId, String action) implements ConnectorMessage {
    }

    public record LogLine(String connectorId, String level, String message, String ts) implements ConnectorMessage {
    }

    public record CommandOutput(String connectorId, String command, String status, Integer exitCode, String stdout,
                                String stderr, String errorMessage, String ts) implements ConnectorMessage {
    }

    public record Rejected(String reason) implements ConnectorMessage {
    }

    /**
     * Data: the samples read, and the problems found (one line each), never an exception. A point
     * whose value breaks the number rule ({@link DeviceNumbers}: NaN, Infinity, {@code 1e309}...)
     * is a sample with no value and quality 103 at its time, and a problem line with the reason.
     */
    public record Data(List<TagSample> samples, List<String> problems) {
    }

    /** A tag as the connector is told about it. */
    public record TagConfig(UUID id, boolean active, ValueType type, JsonNode source, double maxDev) {
    }

    public static String connectorTopic(String id) {
        return TO_CONNECTOR + id;
    }

    /** The connector id of a {@code conn2prs/<id>} or {@code prsConnector/connection_lost/<id>} topic. */
    public static String idOf(String topic) {
        if (topic.startsWith(TO_PLATFORM)) {
            return topic.substring(TO_PLATFORM.length());
        }
        if (topic.startsWith(LOST_PREFIX)) {
            return topic.substring(LOST_PREFIX.length());
        }
        return null;
    }

    public static ConnectorMessage parseConnectorMessage(String topic, byte[] payload) {
        String id = idOf(topic);
        String text = Utf8.decode(payload);
        if (text == null) {
            return new Rejected("message is not UTF-8");
        }
        if (text.isBlank()) {
            return new Rejected("empty message");
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (Exception e) {
            return new Rejected("message is not valid JSON");
        }
        if (n == null || !n.isObject() || !n.path("action").isTextual()) {
            return new Rejected("message needs {\"action\": ..., \"data\": ...}");
        }
        String action = n.get("action").asText();
        JsonNode d = n.path("data");
        String dataId = d.path("id").isTextual() ? d.get("id").asText() : id;
        if (action.equals(LOG_LINE)) {
            return new LogLine(dataId, str(d, "level", "INFO"), str(d, "message", ""), str(d, "ts", null));
        }
        if (action.equals(COMMAND_OUTPUT)) {
            Integer exit = d.path("exitCode").canConvertToInt() && d.path("exitCode").isNumber() ? d.get("exitCode").asInt() : null;
            return new CommandOutput(dataId, str(d, "command", null), str(d, "status", null), exit, str(d, "stdout", ""),
                    str(d, "stderr", ""), str(d, "errorMessage", null), str(d, "ts", null));
        }
        // getConfig, prsConnector.get_configuration and anything else: a configuration request
        return new ConfigRequest(dataId, action);
    }

    private static String str(JsonNode d, String key, String dflt) {
        JsonNode v = d.get(key);
        return v == null || v.isNull() ? dflt : v.isTextual() ? v.asText() : v.toString();
    }

    /**
     * {@code {"data":[{"tagId":"…","data":[[x,y,q],…]}]}}; x microseconds or ISO-8601 (no zone =
     * UTC), {@code [x, y]} means q null, {@code [y]} means x = now. Values come back in their natural
     * Java form (Long, Double, Boolean, String, JsonNode); the engine coerces to the tag type.
     */
    public static Data parseData(byte[] payload, long nowMicros) {
        List<TagSample> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String text = Utf8.decode(payload);
        if (text == null) {
            return new Data(out, List.of("data message is not UTF-8"));
        }
        JsonNode root;
        try {
            root = DeviceNumbers.readJson(text);
        } catch (Exception e) {
            return new Data(out, List.of("data message is not valid JSON"));
        }
        if (root == null || !root.path("data").isArray()) {
            return new Data(out, List.of("data message needs {\"data\": [{\"tagId\": ..., \"data\": [[x, y, q], ...]}]}"));
        }
        for (JsonNode item : root.get("data")) {
            UUID tagId;
            try {
                tagId = UUID.fromString(item.path("tagId").asText(""));
            } catch (IllegalArgumentException e) {
                problems.add("tagId " + abbreviate(item.path("tagId").toString()) + " is not a UUID");
                continue;
            }
            JsonNode points = item.get("data");
            if (points == null || !points.isArray()) {
                problems.add("tag " + tagId + ": 'data' must be a list of [x, y, q]");
                continue;
            }
            for (JsonNode p : points) {
                try {
                    out.add(new TagSample(tagId, point(p, nowMicros, tagId, problems)));
                } catch (IllegalArgumentException e) {
                    problems.add("tag " + tagId + ": " + e.getMessage());
                }
            }
        }
        return new Data(out, problems);
    }

    private static Sample point(JsonNode p, long now, UUID tagId, List<String> problems) {
        if (!p.isArray() || p.isEmpty() || p.size() > 3) {
            throw new IllegalArgumentException("point " + abbreviate(p.toString()) + " must be [x, y, q], [x, y] or [y]");
        }
        if (p.size() == 1) {
            return valued(now, p.get(0), null, tagId, problems);
        }
        long x;
        JsonNode xn = p.get(0);
        if (xn.isIntegralNumber() && xn.canConvertToLong()) {
            x = xn.longValue();
        } else if (xn.isNumber()) {
            x = (long) xn.doubleValue();
        } else if (xn.isTextual()) {
            try {
                x = Micros.parse(xn.asText());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("time '" + abbreviate(xn.asText()) + "' is neither microseconds nor ISO-8601");
            }
        } else if (xn.isNull()) {
            x = now;
        } else {
            throw new IllegalArgumentException("time " + abbreviate(xn.toString()) + " is not a number or a date");
        }
        Integer q = null;
        if (p.size() == 3 && !p.get(2).isNull()) {
            if (!p.get(2).canConvertToInt() || !p.get(2).isIntegralNumber()) {
                throw new IllegalArgumentException("quality " + abbreviate(p.get(2).toString()) + " is not a whole number");
            }
            q = p.get(2).intValue();
        }
        return valued(x, p.get(1), q, tagId, problems);
    }

    /** The sample, or at its time no value with quality 103 when the value breaks the number rule. */
    private static Sample valued(long x, JsonNode y, Integer q, UUID tagId, List<String> problems) {
        try {
            return new Sample(x, natural(y), q);
        } catch (NumberFormatException e) {
            problems.add("tag " + tagId + ": " + e.getMessage() + " (quality 103)");
            return new Sample(x, null, Quality.BAD_DATA);
        }
    }

    /** A JSON value in its natural Java form; NumberFormatException for a number the rule refuses. */
    static Object natural(JsonNode v) {
        return DeviceNumbers.natural(v);
    }

    /** The connector id in a last-will message (topic or payload {@code {"id"}}), or null. */
    public static String lostId(String topic, byte[] payload) {
        if (!topic.startsWith(LOST_PREFIX)) {
            return null;
        }
        String id = topic.substring(LOST_PREFIX.length());
        if (!id.isEmpty()) {
            return id;
        }
        String t = Utf8.decode(payload);
        try {
            JsonNode n = t == null ? null : MAPPER.readTree(t);
            return n != null && n.path("id").isTextual() ? n.get("id").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    // ---- platform → connector ----

    public static byte[] fullConfiguration(JsonNode connectorSource, String logLevel, Collection<TagConfig> tags) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("prsActive", true);
        data.putNull("prsEntityTypeCode");
        data.set("prsJsonConfigString", connectorConfig(connectorSource, logLevel));
        data.set("tags", tagsObject(tags));
        return message("prsConnector.full_configuration", data);
    }

    public static byte[] connectorConfiguration(JsonNode connectorSource, String logLevel) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("prsActive", true);
        data.set("prsJsonConfigString", connectorConfig(connectorSource, logLevel));
        return message("prsConnector.connector_configuration", data);
    }

    public static byte[] tagsConfiguration(Collection<TagConfig> tags) {
        ObjectNode data = MAPPER.createObjectNode();
        data.set("tags", tagsObject(tags));
        return message("prsConnector.tags_configuration", data);
    }

    public static byte[] tagsDeleted(Collection<UUID> ids) {
        ObjectNode data = MAPPER.createObjectNode();
        ArrayNode list = data.putArray("tags");
        ids.forEach(id -> list.add(id.toString()));
        return message("prsConnector.tags_deleted", data);
    }

    public static byte[] deleted(String connectorId) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", connectorId);
        return message("prsConnector.deleted", data);
    }

    private static ObjectNode connectorConfig(JsonNode source, String logLevel) {
        ObjectNode cfg = MAPPER.createObjectNode();
        cfg.set("source", source == null ? MAPPER.createObjectNode() : source);
        cfg.putObject("log").put("level", logLevel == null ? "INFO" : logLevel);
        return cfg;
    }

    private static ObjectNode tagsObject(Collection<TagConfig> tags) {
        ObjectNode o = MAPPER.createObjectNode();
        for (TagConfig t : tags) {
            ObjectNode tag = o.putObject(t.id().toString());
            tag.put("prsActive", t.active());
            // the platform knew no bool: a bool tag is an int 0/1 to an old connector
            tag.put("prsValueTypeCode", t.type() == ValueType.BOOL ? ValueType.INT.code() : t.type().code());
            ObjectNode cfg = tag.putObject("prsJsonConfigString");
            cfg.set("source", t.source() == null ? MAPPER.createObjectNode() : t.source());
            cfg.put("maxDev", t.maxDev());
        }
        return o;
    }

    private static byte[] message(String action, JsonNode data) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("action", action);
        m.set("data", data);
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
