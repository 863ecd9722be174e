package org.peresvet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where a configuration holds secrets: every text field named {@code password} or
 * {@code bearerToken}, at any depth (a connector's {@code password}, its {@code tls.password}, an
 * HTTP connector's {@code auth.password}, an export target's token). A stored secret is sealed
 * ({@value #SEALED_PREFIX}…, see runtime.SecretBox); exports leave secrets out unless asked.
 */
public final class SecretFields {
    public static final Set<String> NAMES = Set.of("password", "bearerToken");
    public static final String SEALED_PREFIX = "enc:v1:";

    private SecretFields() {
    }

    public static boolean sealed(String v) {
        return v != null && v.startsWith(SEALED_PREFIX);
    }

    /** Replaces, in place, every non-empty secret text with {@code f} of it; returns how many there were. */
    public static int map(JsonNode n, UnaryOperator<String> f) {
        int count = 0;
        if (n instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                if (NAMES.contains(k) && v.isTextual() && !v.asText().isEmpty()) {
                    o.put(k, f.apply(v.asText()));
                    count++;
                } else {
                    count += map(v, f);
                }
            }
        } else if (n != null && n.isArray()) {
            for (JsonNode e : n) {
                count += map(e, f);
            }
        }
        return count;
    }

    /** Removes, in place, every non-empty secret text; returns how many were removed. */
    public static int strip(JsonNode n) {
        int count = 0;
        if (n instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (NAMES.contains(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
                    it.remove();
                    count++;
                } else {
                    count += strip(e.getValue());
                }
            }
        } else if (n != null && n.isArray()) {
            for (JsonNode e : n) {
                count += strip(e);
            }
        }
        return count;
    }
}
