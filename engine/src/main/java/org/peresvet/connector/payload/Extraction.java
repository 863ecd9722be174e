package org.peresvet.connector.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.peresvet.connector.Binding;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Turns a device payload into a tag value with the tag's binding: UTF-8 text → JSON path → map
 * (ON/OFF...) → linear scaling → the tag's type → its engineering range. Either a value or a
 * rejection with a clear reason (the caller writes quality 103). Numbers follow
 * {@link DeviceNumbers} (plain finite decimals: no NaN, Infinity, hex floats, overflow or
 * underflow). Pure and thread-safe; never throws.
 */
public final class Extraction {
    /** Larger payloads are refused before any parsing, so a runaway device cannot exhaust memory. */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final Binding binding;
    private final ValueType type;
    private final Double min;
    private final Double max;
    private final JsonPath path;

    private Extraction(Binding binding, ValueType type, Double min, Double max) {
        this.binding = binding;
        this.type = type;
        this.min = min;
        this.max = max;
        this.path = binding.json() == null ? null : JsonPath.compile(binding.json());
    }

    /** Without a range check. @throws IllegalArgumentException when the binding's JSON path is invalid */
    public static Extraction of(Binding binding, ValueType type) {
        return new Extraction(binding, type, null, null);
    }

    /** With the tag's type and engineering min/max. */
    public static Extraction of(Binding binding, TagDef tag) {
        return new Extraction(binding, tag.type(), tag.min(), tag.max());
    }

    public Binding binding() {
        return binding;
    }

    public ValueType type() {
        return type;
    }

    /** A value in the tag's Java form, or the reason the payload was rejected. */
    public record Parsed(Object value, String rejection) {
        public static Parsed value(Object v) {
            return new Parsed(v, null);
        }

        public static Parsed rejected(String reason) {
            return new Parsed(null, reason);
        }

        public boolean ok() {
            return rejection == null;
        }
    }

    public Parsed extract(byte[] payload) {
        try {
            return extractOrFail(payload);
        } catch (RuntimeException e) {
            // Pure code should not get here; a device must never break the connector.
            return Parsed.rejected("cannot read the payload: " + e);
        }
    }

    /** Extracts from text already decoded (e.g. an HTTP body or a server-sent event). */
    public Parsed extract(String text) {
        return text == null ? Parsed.rejected("empty payload") : extract(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    private Parsed extractOrFail(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Parsed.rejected("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return Parsed.rejected("payload of " + payload.length + " bytes is larger than the limit of " + MAX_PAYLOAD_BYTES);
        }
        String text;
        if (isAscii(payload)) {
            // Most payloads ("21.5", small JSON): one copy, no decoder and buffers per message.
            text = new String(payload, StandardCharsets.US_ASCII);
        } else {
            try {
                CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
                CharBuffer cb = dec.decode(ByteBuffer.wrap(payload));
                text = cb.toString();
            } catch (CharacterCodingException e) {
                return Parsed.rejected("payload is not UTF-8 text");
            }
        }
        Object raw;
        if (path != null) {
            JsonNode root;
            try {
                root = DeviceNumbers.readJson(text);
            } catch (JsonProcessingException e) {
                return Parsed.rejected("malformed JSON: " + abbreviate(e.getOriginalMessage()));
            }
            if (root == null || root.isMissingNode()) {
                return Parsed.rejected("empty payload");
            }
            JsonNode node = path.find(root);
            if (node == null) {
                return Parsed.rejected("JSON path " + path + " not found in " + abbreviate(text));
            }
            if (node.isNull()) {
                return Parsed.rejected("the device reports null at " + path);
            }
            if (type == ValueType.JSON) {
                return Parsed.value(node);
            }
            if (node.isContainerNode() && type != ValueType.STRING) {
                return Parsed.rejected("JSON path " + path + " is " + (node.isArray() ? "an array" : "an object")
                        + ", not a " + type.label());
            }
            if (node.isNumber()) {
                try {
                    raw = DeviceNumbers.number(node);
                } catch (NumberFormatException e) {
                    return Parsed.rejected("JSON path " + path + ": " + e.getMessage());
                }
            } else {
                raw = node.isBoolean() ? (Object) node.booleanValue() : node.isTextual() ? node.asText() : node.toString();
            }
        } else if (type == ValueType.JSON) {
            try {
                JsonNode root = DeviceNumbers.readJson(text);
                if (root == null || root.isMissingNode()) {
                    return Parsed.rejected("empty payload");
                }
                return Parsed.value(root);
            } catch (JsonProcessingException e) {
                return Parsed.rejected("malformed JSON: " + abbreviate(e.getOriginalMessage()));
            }
        } else {
            raw = type == ValueType.STRING ? text : text.strip();
            if (type != ValueType.STRING && ((String) raw).isEmpty()) {
                return Parsed.rejected("empty payload");
            }
        }
        return convert(raw);
    }

    /** Map, scale, coerce and range-check a raw device value. */
    private Parsed convert(Object raw) {
        Object v = raw;
        boolean mapped = false;
        if (!binding.map().isEmpty()) {
            Object m = lookup(binding.map(), String.valueOf(raw));
            if (m != null) {
                v = m;
                mapped = true;
            }
        }
        boolean numeric = type == ValueType.INT || type == ValueType.DOUBLE;
        if (numeric && v instanceof String text) {
            // the one rule for numbers from devices, before the type's own (more lenient) conversion
            try {
                v = type == ValueType.DOUBLE || binding.scaled() ? (Object) DeviceNumbers.parseDouble(text)
                        : (Object) org.peresvet.model.Numbers.parseLong(text);
            } catch (NumberFormatException e) {
                return Parsed.rejected(notANumber(raw, e));
            }
        }
        if (!mapped && binding.scaled() && numeric) {
            Double d = asNumber(v);
            if (d == null) {
                return Parsed.rejected(notA(raw));
            }
            double scaled = d * binding.scale() + binding.offset();
            v = type == ValueType.INT ? (Object) Math.round(scaled) : (Object) scaled;
        }
        Object value;
        try {
            value = type.coerce(v);
        } catch (IllegalArgumentException e) {
            return Parsed.rejected(notA(raw));
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return Parsed.rejected("'" + abbreviate(String.valueOf(raw)) + "' is not a finite number");
        }
        if ((min != null || max != null) && (value instanceof Number n)) {
            double d = n.doubleValue();
            if (min != null && d < min) {
                return Parsed.rejected(fmt(d) + " is below the tag's min " + fmt(min));
            }
            if (max != null && d > max) {
                return Parsed.rejected(fmt(d) + " is above the tag's max " + fmt(max));
            }
        }
        return Parsed.value(value);
    }

    private String notANumber(Object raw, NumberFormatException e) {
        String why = e.getMessage();
        String text = why == null || why.contains("is not a decimal number") || why.equals("no number")
                ? "'" + abbreviate(String.valueOf(raw)) + "' is not a valid " + type.label()
                        + " (numbers from devices are plain finite decimals)"
                : why;
        return binding.map().isEmpty() ? text : text + " and not in the map " + binding.map().keySet();
    }

    private String notA(Object raw) {
        String text = "'" + abbreviate(String.valueOf(raw)) + "' is not a valid " + type.label();
        return binding.map().isEmpty() ? text : text + " and not in the map " + binding.map().keySet();
    }

    /** Exact key first, then ignoring case (devices differ: ON / on / On). */
    static Object lookup(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v != null) {
            return v;
        }
        String k = key.strip();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(k)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Double asNumber(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            try {
                return DeviceNumbers.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
