package org.peresvet.connector.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import org.peresvet.model.Numbers;
import org.peresvet.model.io.StrictJson;

/**
 * Numbers from devices, one rule for every profile: {@link Numbers} (plain finite decimals). A
 * device's {@code nan}, {@code inf}, {@code 0x1p3}, {@code 1e309} or {@code 1e-400} is refused
 * with the reason (the tag gets quality 103), never stored as NaN, Infinity, 8.0 or 0.0.
 *
 * <p>JSON from devices is read with {@link StrictJson}'s rules, floats kept as written
 * ({@link BigDecimal}): a double would already have turned {@code 1e309} into Infinity and
 * {@code 1e-400} into 0 before anyone could look.
 */
public final class DeviceNumbers {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(StrictJson.MAX_DEPTH)
                .maxStringLength(StrictJson.MAX_STRING)
                .maxNumberLength(StrictJson.MAX_NUMBER)
                .build());
    }

    private DeviceNumbers() {
    }

    /** Reads a device's JSON text: strict, numbers as written. */
    public static JsonNode readJson(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    /** Reads a device's JSON text, or null when it is not one JSON document. */
    public static JsonNode readJsonOrNull(String text) {
        try {
            JsonNode n = text == null || text.isBlank() ? null : JSON.readTree(text);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** A finite double from a device's text; NumberFormatException says why not. */
    public static double parseDouble(String text) {
        return Numbers.parseDouble(text);
    }

    /**
     * A JSON number as a Long (whole and within a long) or a finite Double.
     *
     * @throws NumberFormatException with the reason (out of range, too small to tell from zero)
     */
    public static Number number(JsonNode n) {
        if (n.isIntegralNumber()) {
            if (n.canConvertToLong()) {
                return n.longValue();
            }
            return Numbers.parseDouble(n.bigIntegerValue().toString());
        }
        if (n.isBigDecimal()) {
            return Numbers.parseDouble(n.decimalValue().toString());
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new NumberFormatException("'" + d + "' is not a finite number");
        }
        return d;
    }

    /**
     * A JSON value in its natural Java form: null, Long, Double (finite), Boolean, String, or the
     * node itself for arrays and objects.
     *
     * @throws NumberFormatException when it is a number the rule refuses
     */
    public static Object natural(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return number(v);
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        return v;
    }
}
