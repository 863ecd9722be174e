package org.peresvet.model;

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
        if (v instanceof java.math.BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            throw mismatch(v);
        }
        if (v instanceof BigDecimal dec) {
            try {
                return dec.longValueExact();
            } catch (ArithmeticException e) {
                throw mismatch(v);
            }
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
                return Numbers.parseLong(s);
            } catch (NumberFormatException e) {
                throw mismatch(v);
            }
        }
        throw mismatch(v);
    }

    /** Finite only (the rule of {@link Numbers}); minus zero is zero, so it reads back the same from every format. */
    private Object toDouble(Object v) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw notFinite(v);
            }
        } else if (v instanceof Boolean b) {
            d = b ? 1.0 : 0.0;
        } else if (v instanceof String s) {
            try {
                d = Numbers.parseDouble(s);
            } catch (NumberFormatException e) {
                throw Numbers.isDecimal(s) ? notFinite(v) : mismatch(v);
            }
        } else {
            throw mismatch(v);
        }
        return d == 0 ? 0.0 : d;
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

    /** JSON values are kept only when they can be written out and read back the same (see {@link JsonValues}). */
    private Object toJson(Object v) {
        JsonNode n;
        if (v instanceof JsonNode node) {
            n = node;
        } else if (v instanceof String s) {
            try {
                return JsonValues.read(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("value " + Quoted.of(s) + " is not valid JSON: " + e.getMessage());
            }
        } else {
            n = JSON_MAPPER.valueToTree(v);
        }
        String bad = JsonValues.problem(n);
        if (bad != null) {
            throw new IllegalArgumentException("value " + Quoted.of(n.toString()) + " cannot be kept: " + bad);
        }
        return n;
    }

    private IllegalArgumentException mismatch(Object v) {
        return new IllegalArgumentException("value " + Quoted.of(String.valueOf(v)) + " is not a valid " + label());
    }

    private IllegalArgumentException notFinite(Object v) {
        return new IllegalArgumentException("value " + Quoted.of(String.valueOf(v)) + " is not a valid " + label()
                + ": only finite numbers are allowed");
    }
}
