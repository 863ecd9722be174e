package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.peresvet.model.SecretFields;

/**
 * Secrets in API answers: a connector's (or any config's) password or token is shown as
 * {@value #MASK}, never as its sealed text nor in clear; a PUT or PATCH that sends the mask back
 * keeps the stored secret at that place.
 */
final class SecretMask {
    /** What an answer shows for a stored secret. */
    static final String MASK = "(set)";

    private SecretMask() {
    }

    /** Replaces, in place, every non-empty secret with the mask. */
    static <T extends JsonNode> T mask(T n) {
        SecretFields.map(n, v -> MASK);
        return n;
    }

    /**
     * Puts back, in place, the stored secret wherever {@code given} holds the mask at the same
     * place in {@code stored}.
     *
     * @throws ApiError 400 when the mask stands where nothing is stored
     */
    static void restore(JsonNode given, JsonNode stored, String path) {
        if (given instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                JsonNode old = stored == null ? null : stored.get(k);
                if (SecretFields.NAMES.contains(k) && v.isTextual() && v.asText().equals(MASK)) {
                    if (old == null || !old.isTextual() || old.asText().isEmpty()) {
                        throw ApiError.badRequest(path + "." + k, "'" + MASK + "' keeps the stored secret, but none is stored here:"
                                + " send the secret itself");
                    }
                    o.put(k, old.asText());
                } else {
                    restore(v, old, path + "." + k);
                }
            }
        } else if (given instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                restore(a.get(i), stored != null && stored.isArray() ? stored.get(i) : null, path + "[" + i + "]");
            }
        }
    }
}
