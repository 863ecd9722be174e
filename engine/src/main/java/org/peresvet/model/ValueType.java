package org.peresvet.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Value types of tags. Codes follow the Python platform (0 int, 1 float, 2 str, 4 json); bool,
 * which the platform lacked, takes 3.
 */
public enum ValueType {
    INT(0), DOUBLE(1), STRING(2), BOOL(3), JSON(4);

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private final int code;

    ValueType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isNumeric() {
        return this == INT || this == DOUBLE || this == BOOL;
    }

    public static ValueType fromCode(int code) {
        for (ValueType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown value type code " + code);
    }

    /** Accepts {@code int}, {@code double}, {@code bool}, {@code string}, {@code json} in any case. */
    public static ValueType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "int", "integer", "long" -> INT;
            case "double", "float", "real", "number" -> DOUBLE;
            case "bool", "boolean" -> BOOL;
            case "string", "str", "text" -> STRING;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(
                    "unknown value type '" + name + "' (expected int, double, bool, string or json)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Converts a value from JSON, CSV, the API or a device into this type's Java form (Long,
     * Double, Boolean, String, JsonNode). Null stays null.
     *
     * @throws IllegalArgumentException naming the value and the type when it does not fit
     */
    public Object coerce(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node && this != JSON) {
            if (node.isNull()) {
                return null;
            }
            value = node.isTextual() ? node.asText() : node.isBoolean() ? (Object) node.asBoolean()
                    : node.isNumber() ? node.numberValue() : node;
        }
        return switch (this) {
            case INT -> toLong(value);
            case DOUBLE -> toDouble(value);
            case BOOL -> toBool(value);
            case STRING -> value instanceof JsonNode n ? n.toString() : value.toString();
            case JSON -> toJson(value);
        };
    }

    private Object toLong(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return (long) d;
            }
            throw mismatch(v);
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw mismatch(v);
            }
        }
        throw mismatch(v);
    }

    private Object toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(v);
            }
        }
        throw mismatch(v);
    }

    private Object toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == 0 || d == 1) {
                return d == 1;
            }
            throw mismatch(v);
        }
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "on", "1", "yes":
                    return true;
                case "false", "off", "0", "no":
                    return false;
                default:
                    throw mismatch(v);
            }
        }
        throw mismatch(v);
    }

    private Object toJson(Object v) {
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof String s) {
            try {
                return JSON_MAPPER.readTree(s);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("value '" + abbreviate(s) + "' is not valid JSON");
            }
        }
        return JSON_MAPPER.valueToTree(v);
    }

    private IllegalArgumentException mismatch(Object v) {
        return new IllegalArgumentException("value '" + abbreviate(String.valueOf(v)) + "' is not a valid " + label());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
