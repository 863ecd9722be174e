package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;

/**
 * The API's JSON: one mapper, and strict readers in the style of the project document
 * ({@code ProjectJson}): unknown keys and wrong types are refused, naming the JSON path.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses a request body or a {@code q} parameter with the strict reader ({@link StrictJson}:
     * well-formed UTF-8, nothing after the document, no duplicate keys, no NaN, bounded depth and
     * strings); anything else is a 400 naming {@code field} and where.
     */
    public static JsonNode parse(byte[] body, String field) {
        if (body.length == 0) {
            throw ApiError.badRequest(field, "the request needs a JSON body");
        }
        try {
            return StrictJson.read(body);
        } catch (StrictJsonException e) {
            throw ApiError.badRequest(field, e.getMessage());
        }
    }

    public static JsonNode parse(String text, String field) {
        try {
            return StrictJson.read(text);
        } catch (StrictJsonException e) {
            throw ApiError.badRequest(field, e.getMessage());
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- strict reading ----

    public static ObjectNode requireObject(JsonNode n, String p) {
        if (n == null || !n.isObject()) {
            throw ApiError.badRequest(p, "must be a JSON object");
        }
        return (ObjectNode) n;
    }

    public static void checkKeys(JsonNode n, Set<String> known, String p) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw ApiError.badRequest(p + "." + k, "unknown key (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** A string member; null when absent or null (or 400 "is required"). */
    public static String text(JsonNode n, String key, String p, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiError.badRequest(p + "." + key, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(p + "." + key, "must be a string");
        }
        return v.asText();
    }

    public static Double number(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw ApiError.badRequest(p + "." + key, "must be a number");
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw ApiError.badRequest(p + "." + key, "is out of range: " + v.asText());
        }
        return d;
    }

    public static Boolean bool(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiError.badRequest(p + "." + key, "must be true or false");
        }
        return v.asBoolean();
    }

    public static UUID uuid(String s, String field) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(field, "'" + s + "' is not a UUID");
        }
    }

    /** True when the text has the form of a UUID (so it is an id, not a path). */
    public static boolean looksLikeUuid(String s) {
        return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
    }
}
