package org.peresvet.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import org.peresvet.model.ModelException;

/**
 * The one reader of fields of a JSON object read from outside (documents, bindings, settings):
 * absent or null means the default, a wrong type is refused naming the field. Parse the text with
 * {@link StrictJson} first. Each caller says how a problem is reported ({@link Report}); the
 * checks and their order are the same everywhere.
 */
public final class JsonFields {

    /** What is wrong with a field, with the standard reason. */
    public enum Problem {
        REQUIRED("is required"),
        NOT_OBJECT("must be an object"),
        UNKNOWN_KEY("unknown key"),
        NOT_STRING("must be a string"),
        NOT_BOOLEAN("must be true or false"),
        NOT_INTEGER("must be an integer"),
        NOT_NUMBER("must be a number"),
        NOT_FINITE("must be a finite number");

        private final String reason;

        Problem(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Turns a problem into the caller's exception. */
    @FunctionalInterface
    public interface Report {
        /**
         * @param parent the JSON path of the object ("$.targets[0]")
         * @param key    the field, or null for the object itself
         * @param known  the keys allowed, for {@link Problem#UNKNOWN_KEY}; else empty
         */
        RuntimeException problem(String parent, String key, Problem problem, Set<String> known);
    }

    /**
     * The model's documents: a {@link ModelException} at the field's JSON path ("$.a.b: must be a
     * string"); an unknown key lists the known ones.
     */
    public static final JsonFields MODEL = new JsonFields((parent, key, problem, known) -> new ModelException(
            path(parent, key), null, problem == Problem.UNKNOWN_KEY ? "unknown key (known keys: " + sorted(known) + ")" : problem.reason()));

    private final Report report;

    public JsonFields(Report report) {
        this.report = report;
    }

    /** The path of a field: {@code parent.key}, or the parent itself. */
    public static String path(String parent, String key) {
        return key == null ? parent : parent + "." + key;
    }

    /** The keys, sorted and joined with ", ". */
    public static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    /** Requires an object whose keys are all known. */
    public void object(JsonNode n, String p, Set<String> known) {
        if (n == null || !n.isObject()) {
            throw report.problem(p, null, Problem.NOT_OBJECT, Set.of());
        }
        checkKeys(n, p, known);
    }

    /** Refuses the first key that is not known. */
    public void checkKeys(JsonNode n, String p, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw report.problem(p, k, Problem.UNKNOWN_KEY, known);
            }
        }
    }

    /** A string field; null when absent unless required. */
    public String text(JsonNode n, String key, String p, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw report.problem(p, key, Problem.REQUIRED, Set.of());
            }
            return null;
        }
        if (!v.isTextual()) {
            throw report.problem(p, key, Problem.NOT_STRING, Set.of());
        }
        return v.asText();
    }

    public String text(JsonNode n, String key, String p, String dflt) {
        String v = text(n, key, p, false);
        return v == null ? dflt : v;
    }

    public boolean bool(JsonNode n, String key, String p, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw report.problem(p, key, Problem.NOT_BOOLEAN, Set.of());
        }
        return v.asBoolean();
    }

    /** A whole number that fits a long (written without a fraction). */
    public long integer(JsonNode n, String key, String p, long dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw report.problem(p, key, Problem.NOT_INTEGER, Set.of());
        }
        return v.asLong();
    }

    /** A number; null when absent. */
    public Double number(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw report.problem(p, key, Problem.NOT_NUMBER, Set.of());
        }
        return v.asDouble();
    }

    /** A finite number (no overflow to infinity). */
    public double finite(JsonNode n, String key, String p, double dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw report.problem(p, key, Problem.NOT_FINITE, Set.of());
        }
        return v.doubleValue();
    }
}
