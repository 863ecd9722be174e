package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.JsonFields;

/**
 * The keys of a data query (DESIGN.md, "Data contract"), read from URL parameters or from one
 * {@code q=<json>} parameter, with every tag resolved. Problems are 400 (404 for an unknown tag)
 * naming the parameter, or the JSON path inside {@code q}.
 *
 * @param values the raw {@code value} filter (Strings from the URL, JsonNodes from JSON), or null
 */
record DataQuery(List<TagRef> tags, Long start, Long finish, Integer count, Long timeStep, Integer maxCount,
                 boolean actual, List<Object> values, String valuesField, boolean format) {

    private static final JsonFields F = Json.FIELDS;
    static final Set<String> KEYS = Set.of("tagId", "start", "finish", "count", "timeStep", "maxCount", "actual",
            "value", "format");
    private static final Set<String> PARAMS;

    static {
        Set<String> p = new TreeSet<>(KEYS);
        p.add("q");
        PARAMS = Set.copyOf(p);
    }

    /** A requested tag: as the client named it (echoed in the answer) and as resolved. */
    record TagRef(String given, TagDef tag) {
    }

    /** Only the value at now: the engine's current value can answer. */
    boolean currentOnly() {
        return start == null && finish == null && count == null && timeStep == null && !actual && values == null;
    }

    static DataQuery fromParams(Call call, ModelSnapshot model) {
        call.checkParams(PARAMS);
        String q = call.param("q");
        if (q != null) {
            if (call.params().size() > 1) {
                String other = call.params().keySet().stream().filter(k -> !k.equals("q")).findFirst().orElse("q");
                throw ApiError.badRequest(other, "give the query either as q=<json> or as separate parameters, not both");
            }
            return fromJson(Json.parse(q, "q"), model, "$");
        }
        List<String> ids = call.params().get("tagId");
        if (ids == null || ids.isEmpty()) {
            throw ApiError.badRequest("tagId", "is required: a tag UUID or path (repeat tagId= for several tags)");
        }
        List<TagRef> tags = new ArrayList<>();
        for (String id : ids) {
            tags.add(new TagRef(id, Resolve.tag(model, id, "tagId")));
        }
        List<String> vals = call.params().get("value");
        return new DataQuery(tags, time(call.param("start"), "start"), time(call.param("finish"), "finish"),
                integer(call.param("count"), "count"), longValue(call.param("timeStep"), "timeStep"),
                integer(call.param("maxCount"), "maxCount"), call.flag("actual"),
                vals == null ? null : List.copyOf(vals), "value", call.flag("format"));
    }

    static DataQuery fromJson(JsonNode n, ModelSnapshot model, String p) {
        F.object(n, p, KEYS);
        JsonNode idNode = n.get("tagId");
        List<TagRef> tags = new ArrayList<>();
        if (idNode == null || idNode.isNull()) {
            throw ApiError.badRequest(p + ".tagId", "is required: a tag UUID or path, or a list of them");
        } else if (idNode.isTextual()) {
            tags.add(new TagRef(idNode.asText(), Resolve.tag(model, idNode.asText(), p + ".tagId")));
        } else if (idNode.isArray()) {
            if (idNode.isEmpty()) {
                throw ApiError.badRequest(p + ".tagId", "must name at least one tag");
            }
            for (int i = 0; i < idNode.size(); i++) {
                JsonNode e = idNode.get(i);
                String f = p + ".tagId[" + i + "]";
                if (!e.isTextual()) {
                    throw ApiError.badRequest(f, "must be a string");
                }
                tags.add(new TagRef(e.asText(), Resolve.tag(model, e.asText(), f)));
            }
        } else {
            throw ApiError.badRequest(p + ".tagId", "must be a string or a list of strings");
        }
        List<Object> values = null;
        JsonNode v = n.get("value");
        if (v != null && !v.isNull()) {
            values = new ArrayList<>();
            if (v.isArray()) {
                for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                    values.add(it.next());
                }
            } else {
                values.add(v);
            }
        }
        return new DataQuery(tags, F.time(n, "start", p), F.time(n, "finish", p), F.int32OrNull(n, "count", p),
                F.integerOrNull(n, "timeStep", p), F.int32OrNull(n, "maxCount", p), F.bool(n, "actual", p, false), values,
                p + ".value", F.bool(n, "format", p, false));
    }

    // ---- URL values ----

    /** Microseconds or ISO-8601 (no zone: UTC). A '+' of a zone offset left unencoded arrives as a space. */
    static Long time(String s, String field) {
        if (s == null) {
            return null;
        }
        try {
            return Micros.parse(s);
        } catch (IllegalArgumentException e) {
            if (s.indexOf(' ') > 0) {
                try {
                    return Micros.parse(s.strip().replace(' ', '+'));
                } catch (IllegalArgumentException again) {
                    // report the original
                }
            }
            throw ApiError.badRequest(field, "must be microseconds since the epoch or an ISO-8601 time, got '" + s + "'"
                    + (e.getMessage() != null && e.getMessage().contains("range") ? ": " + e.getMessage() : ""));
        }
    }

    private static Integer integer(String s, String field) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field, "must be an integer, got '" + s + "'");
        }
    }

    private static Long longValue(String s, String field) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field, "must be an integer number of microseconds, got '" + s + "'");
        }
    }
}
