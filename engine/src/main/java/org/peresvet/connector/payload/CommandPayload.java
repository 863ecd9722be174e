package org.peresvet.connector.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.peresvet.connector.Binding;
import org.peresvet.model.ValueType;

/**
 * Renders a command template for a write. Placeholders:
 * <ul>
 * <li>{@code {value}} the value as text (int without decimals, bool as true/false, JSON compact);</li>
 * <li>{@code {raw}} the device form: the map reversed (1 → "ON") or the scaling undone ((v − offset) / scale);</li>
 * <li>{@code {on_off}} ON / OFF, {@code {on_off_lower}} on / off (ESPHome URLs: {@code turn_{on_off_lower}});</li>
 * <li>{@code {true_false}} true / false.</li>
 * </ul>
 * Unknown text in braces is kept as it is (JSON payloads contain braces).
 */
public final class CommandPayload {

    private CommandPayload() {
    }

    /** Without a binding: {@code {raw}} is the same as {@code {value}}. */
    public static String render(String template, Object value, ValueType type) {
        String v = text(value, type);
        return substitute(template, value, v, v);
    }

    /** With the binding's map and scaling for {@code {raw}}; a null template means {@code "{raw}"}. */
    public static String render(Binding binding, Object value, ValueType type) {
        String template = binding.commandPayload() == null ? "{raw}" : binding.commandPayload();
        return substitute(template, value, text(value, type), raw(binding, value, type));
    }

    /** Another template (a topic) with the binding's {@code {raw}}. */
    public static String render(Binding binding, String template, Object value, ValueType type) {
        return substitute(template, value, text(value, type), raw(binding, value, type));
    }

    /**
     * A template whose substituted values need escaping (an HTTP request line: a text value with a
     * space or an {@code &} must not change the URL). The template's own text is kept as written.
     */
    public static String render(Binding binding, String template, Object value, ValueType type, UnaryOperator<String> escape) {
        return substitute(template, value, escape.apply(text(value, type)), escape.apply(raw(binding, value, type)));
    }

    private static String substitute(String template, Object value, String v, String raw) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        String out = template;
        if (out.contains("{value}")) {
            out = out.replace("{value}", v);
        }
        if (out.contains("{raw}")) {
            out = out.replace("{raw}", raw);
        }
        if (out.contains("{on_off}") || out.contains("{on_off_lower}") || out.contains("{true_false}")) {
            boolean on = truthy(value);
            out = out.replace("{on_off}", on ? "ON" : "OFF").replace("{on_off_lower}", on ? "on" : "off")
                    .replace("{true_false}", on ? "true" : "false");
        }
        return out;
    }

    /** The device form of the value: the first map key whose value equals it, else the scaling undone. */
    static String raw(Binding b, Object value, ValueType type) {
        for (Map.Entry<String, Object> e : b.map().entrySet()) {
            if (sameValue(e.getValue(), value)) {
                return e.getKey();
            }
        }
        if (b.scaled() && value instanceof Number n && !(value instanceof Double d && !Double.isFinite(d))) {
            double r = (n.doubleValue() - b.offset()) / b.scale();
            return number(r);
        }
        return text(value, type);
    }

    private static boolean sameValue(Object mapped, Object value) {
        if (mapped == null || value == null) {
            return false;
        }
        if (mapped instanceof Number a && (value instanceof Number || value instanceof Boolean)) {
            double b = value instanceof Boolean bo ? (bo ? 1 : 0) : ((Number) value).doubleValue();
            return a.doubleValue() == b;
        }
        if (mapped instanceof Boolean a) {
            return value instanceof Boolean b ? a.equals(b) : value instanceof Number n && n.doubleValue() == (a ? 1 : 0);
        }
        return mapped.toString().equals(value.toString());
    }

    /** The value as text in its tag's type. */
    public static String text(Object value, ValueType type) {
        if (value == null) {
            return "";
        }
        Object v = value;
        try {
            v = type == null ? value : type.coerce(value);
        } catch (IllegalArgumentException e) {
            // Rendered as given: the write path has checked the type already.
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof JsonNode n) {
            return n.isTextual() ? n.asText() : n.toString();
        }
        return v.toString();
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v == null) {
            return false;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        return s.equals("on") || s.equals("true") || s.equals("1") || s.equals("yes");
    }
}
