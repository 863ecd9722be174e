package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.io.JsonFields;
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

    // ---- strict reading: the model's field reader (JsonFields), problems as 400s ----

    /** Request fields: a 400 naming the JSON path ("$.min", "must be a number"). */
    public static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> ApiError.badRequest(
            JsonFields.path(parent, key), switch (problem) {
                case NOT_OBJECT -> "must be a JSON object";
                case UNKNOWN_KEY -> JsonFields.knownKeys(known);
                default -> reason;
            }));

    public static ObjectNode requireObject(JsonNode n, String p) {
        FIELDS.object(n, p);
        return (ObjectNode) n;
    }

    public static void checkKeys(JsonNode n, Set<String> known, String p) {
        FIELDS.checkKeys(n, p, known);
    }

    /** A string member; null when absent or null (or 400 "is required"). */
    public static String text(JsonNode n, String key, String p, boolean required) {
        return FIELDS.text(n, key, p, required);
    }

    /** A finite number; null when absent. */
    public static Double number(JsonNode n, String key, String p) {
        return FIELDS.number(n, key, p);
    }

    public static Boolean bool(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : FIELDS.bool(n, key, p, false);
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
