package org.peresvet.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.peresvet.model.JsonValues;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelException;
import org.peresvet.model.Names;
import org.peresvet.model.Quoted;

/**
 * The one reader of fields of a JSON object read from outside (documents, request bodies,
 * bindings, connector settings, device discovery): absent or null means the default, a wrong type
 * is refused naming the field. Parse the text with {@link StrictJson} first. Each caller says how
 * a problem is reported ({@link Report}); the checks and their order are the same everywhere.
 */
public final class JsonFields {

    /** What is wrong with a field; the standard reason (a call may add the value to it). */
    public enum Problem {
        REQUIRED("is required"),
        NOT_OBJECT("must be an object"),
        NOT_ARRAY("must be an array"),
        UNKNOWN_KEY("unknown key"),
        NOT_STRING("must be a string"),
        NOT_SCALAR("must be text or a number"),
        NOT_BOOLEAN("must be true or false"),
        NOT_INTEGER("must be an integer"),
        OUT_OF_RANGE("is out of range"),
        NOT_NUMBER("must be a number"),
        NOT_FINITE("must be a finite number"),
        NOT_UUID("is not a UUID"),
        NOT_TIME("must be whole microseconds since the epoch or an ISO-8601 time"),
        /** The value has the right type but the caller's rule refused it; the reason says why. */
        INVALID("is not valid");

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
         * @param key    the field (escaped for a message), or null for the object itself
         * @param reason the standard reason of the problem, with the value where it helps
         * @param known  the keys allowed, for {@link Problem#UNKNOWN_KEY}; else empty
         */
        RuntimeException problem(String parent, String key, Problem problem, String reason, Set<String> known);
    }

    /**
     * The model's documents (project, schedules, methods): a {@link ModelException} at the field's
     * JSON path ("$.a.b: must be a string"); an unknown key lists the known ones; text with NUL or a
     * lone surrogate is refused (the model's text rule).
     */
    public static final JsonFields MODEL = new JsonFields((parent, key, problem, reason, known) -> new ModelException(
            path(parent, key), null, problem == Problem.UNKNOWN_KEY ? knownKeys(known) : reason), Names::invalidTextReason);

    private final Report report;
    private final UnaryOperator<String> textRule;

    public JsonFields(Report report) {
        this(report, s -> null);
    }

    /**
     * @param textRule the reason a string value is refused, or null when it is fine (applied to
     *                 every string field this reader returns)
     */
    public JsonFields(Report report, UnaryOperator<String> textRule) {
        this.report = report;
        this.textRule = textRule;
    }

    /** The path of a field: {@code parent.key}, or the parent itself. */
    public static String path(String parent, String key) {
        return key == null ? parent : parent + "." + key;
    }

    /** The keys, sorted and joined with ", ". */
    public static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    /** The reason of an unknown key as the model and the API word it. */
    public static String knownKeys(Set<String> known) {
        return "unknown key (known keys: " + sorted(known) + ")";
    }

    /** A problem of the caller's own rule, reported the way this reader reports. */
    public RuntimeException invalid(String parent, String key, String reason) {
        return problem(parent, key, Problem.INVALID, reason, Set.of());
    }

    private RuntimeException fail(String parent, String key, Problem problem) {
        return problem(parent, key, problem, problem.reason(), Set.of());
    }

    /** Every problem passes here: the key is escaped, as it may come from outside. */
    private RuntimeException problem(String parent, String key, Problem problem, String reason, Set<String> known) {
        return report.problem(parent, key == null ? null : Quoted.escape(key, Quoted.MAX_VALUE), problem, reason, known);
    }

    // ---- structure ----

    /** Requires an object whose keys are all known. */
    public void object(JsonNode n, String p, Set<String> known) {
        object(n, p);
        checkKeys(n, p, known);
    }

    /** Requires an object, whatever its keys. */
    public void object(JsonNode n, String p) {
        if (n == null || !n.isObject()) {
            throw fail(p, null, Problem.NOT_OBJECT);
        }
    }

    /** Refuses the first key that is not known (the key escaped: it comes from outside). */
    public void checkKeys(JsonNode n, String p, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw problem(p, k, Problem.UNKNOWN_KEY, Problem.UNKNOWN_KEY.reason(),
                        known);
            }
        }
    }

    /** An array field; null when absent or null. */
    public JsonNode array(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw fail(p, key, Problem.NOT_ARRAY);
        }
        return v;
    }

    // ---- text ----

    /** A string field; null when absent unless required. */
    public String text(JsonNode n, String key, String p, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw fail(p, key, Problem.REQUIRED);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw fail(p, key, Problem.NOT_STRING);
        }
        return checked(v.textValue(), p, key);
    }

    public String text(JsonNode n, String key, String p, String dflt) {
        String v = text(n, key, p, false);
        return v == null ? dflt : v;
    }

    /**
     * A scalar field read as text, as devices write it: a number or true/false is taken in its JSON
     * spelling ({@code 1}, {@code true}); an object or a list is refused. {@code dflt} when absent.
     */
    public String scalarText(JsonNode n, String key, String p, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isValueNode()) {
            throw fail(p, key, Problem.NOT_SCALAR);
        }
        return checked(v.asText(), p, key);
    }

    /**
     * A string field turned into a value by {@code parse} (an enum label, a formula trigger…); an
     * {@link IllegalArgumentException} from it is reported at the field with its message. Null
     * when absent unless required.
     */
    public <T> T parsed(JsonNode n, String key, String p, boolean required, Function<String, T> parse) {
        String s = text(n, key, p, required);
        if (s == null) {
            return null;
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw invalid(p, key, e.getMessage());
        }
    }

    /** A UUID field; null when absent. */
    public UUID uuid(JsonNode n, String key, String p) {
        return uuid(n, key, p, "UUID");
    }

    /** A UUID field; null when absent; a bad one is "'x' is not a {what}". */
    public UUID uuid(JsonNode n, String key, String p, String what) {
        String s = text(n, key, p, false);
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw problem(p, key, Problem.NOT_UUID, Quoted.of(s) + " is not a " + what, Set.of());
        }
    }

    /**
     * A JSON object kept as text (a source or connector config): written inline, or as a string
     * holding JSON; null when absent or blank. Returned in one compact form, so a document exported
     * and imported again is the same.
     */
    public String jsonObjectText(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode obj = v;
        if (v.isTextual()) {
            if (v.textValue().isBlank()) {
                return null;
            }
            try {
                obj = JsonValues.read(v.textValue());
            } catch (IllegalArgumentException e) {
                throw invalid(p, key, "is not valid JSON (" + e.getMessage() + ")");
            }
        } else {
            String bad = JsonValues.problem(v);
            if (bad != null) {
                throw invalid(p, key, "cannot be kept: " + bad);
            }
        }
        if (!obj.isObject()) {
            throw invalid(p, key, "must be a JSON object");
        }
        return obj.toString();
    }

    private String checked(String s, String p, String key) {
        String bad = textRule.apply(s);
        if (bad != null) {
            throw invalid(p, key, bad);
        }
        return s;
    }

    // ---- true/false ----

    public boolean bool(JsonNode n, String key, String p, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw fail(p, key, Problem.NOT_BOOLEAN);
        }
        return v.asBoolean();
    }

    // ---- numbers ----

    /** A whole number that fits a long (written without a fraction). */
    public long integer(JsonNode n, String key, String p, long dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(p, key, Problem.NOT_INTEGER);
        }
        return v.asLong();
    }

    /** A whole number that fits a long; null when absent. */
    public Long integerOrNull(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : integer(n, key, p, 0);
    }

    /** A whole number between min and max (never wrapped): "must be a whole number between 0 and 10". */
    public long integer(JsonNode n, String key, String p, long dflt, long min, long max) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw problem(p, key, Problem.OUT_OF_RANGE, "must be a whole number between " + min + " and " + max,
                    Set.of());
        }
        return v.asLong();
    }

    /** An int (a whole number that fits 32 bits); null when absent. */
    public Integer int32OrNull(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(p, key, Problem.NOT_INTEGER);
        }
        return v.asInt();
    }

    /**
     * A whole number as devices and hand-written settings give it: a JSON integer, or text of up to
     * nine digits ({@code "30"}); "'x' is not a whole number" otherwise.
     */
    public int integerOrDigits(JsonNode n, String key, String p, int dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(v.asText().trim());
        }
        throw problem(p, key, Problem.NOT_INTEGER, Quoted.of(v.asText()) + " is not a whole number", Set.of());
    }

    /**
     * A finite number; null when absent. Minus zero reads as zero (every format writes it back
     * the same). A literal out of the range of a double is refused, naming it.
     */
    public Double number(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw fail(p, key, Problem.NOT_NUMBER);
        }
        return finiteValue(v, key, p);
    }

    /** A finite number (no overflow to infinity); a value that is no number is refused as not finite. */
    public double finite(JsonNode n, String key, String p, double dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw fail(p, key, Problem.NOT_FINITE);
        }
        return finiteValue(v, key, p);
    }

    private double finiteValue(JsonNode v, String key, String p) {
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw problem(p, key, Problem.NOT_FINITE, Problem.NOT_FINITE.reason() + "; " + Quoted.of(v.asText())
                    + " is out of the range of a double", Set.of());
        }
        return d == 0 ? 0.0 : d;
    }

    /**
     * A number, or text holding one, converted by the caller's rule (a device's decimal rules);
     * a {@link NumberFormatException} from it is reported with its message. Null when absent.
     */
    public Double numberOrText(JsonNode n, String key, String p, Function<JsonNode, Double> convert) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() && !v.isTextual()) {
            throw fail(p, key, Problem.NOT_NUMBER);
        }
        try {
            return convert.apply(v);
        } catch (NumberFormatException e) {
            throw invalid(p, key, e.getMessage());
        }
    }

    // ---- time ----

    /**
     * A point in time: whole microseconds since the epoch, or ISO-8601 text (no zone: UTC), by
     * {@link Micros#parse}; null when absent.
     */
    public Long time(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw problem(p, key, Problem.NOT_TIME, "must be a time within the range of microseconds in a long",
                        Set.of());
            }
            return v.asLong();
        }
        if (!v.isTextual()) {
            throw fail(p, key, Problem.NOT_TIME);
        }
        String text = checked(v.textValue(), p, key);
        try {
            return Micros.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(p, key, Problem.NOT_TIME, e.getMessage(), Set.of());
        }
    }
}
