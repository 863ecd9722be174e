package org.peresvet.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.peresvet.model.io.StrictJson;
import org.peresvet.model.io.StrictJsonException;

/**
 * Checks JSON values the model keeps (json tag values, source configs, connector configs), so
 * that what is stored can be written out again and read back the same: every number finite
 * (a literal such as {@code 1e309} reads as infinity, which JSON cannot write), every string and
 * key well-formed Unicode (an escaped lone surrogate {@code "\ud800"} cannot be written as UTF-8).
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** The first problem in the tree as "reason at /json/pointer", or null when it can be kept. */
    public static String problem(JsonNode node) {
        return problem(node, "");
    }

    /**
     * Reads JSON text the model keeps: strictly ({@link StrictJson}), then {@link #problem}.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static JsonNode read(String text) {
        JsonNode n;
        try {
            n = StrictJson.read(text);
        } catch (StrictJsonException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String bad = problem(n);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        return n;
    }

    private static String problem(JsonNode n, String at) {
        if (n.isNumber()) {
            if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
                return "a number out of the range of a double at " + where(at);
            }
            return null;
        }
        if (n.isTextual()) {
            return Names.invalidTextReason(n.textValue()) == null ? null : "a string that is not well-formed Unicode at " + where(at);
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String bad = problem(n.get(i), at + "/" + i);
                if (bad != null) {
                    return bad;
                }
            }
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (Names.invalidTextReason(e.getKey()) != null) {
                    return "a key that is not well-formed Unicode at " + where(at);
                }
                String bad = problem(e.getValue(), at + "/" + Quoted.escape(e.getKey(), Quoted.MAX_VALUE));
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static String where(String at) {
        return at.isEmpty() ? "the top" : at;
    }
}
