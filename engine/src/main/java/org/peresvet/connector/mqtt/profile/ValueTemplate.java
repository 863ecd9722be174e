package org.peresvet.connector.mqtt.profile;

import com.fasterxml.jackson.databind.JsonNode;
import org.peresvet.connector.payload.DeviceNumbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simple forms of Home Assistant's Jinja {@code value_template} that firmware publishes:
 * {@code {{ value }}}, {@code {{ value_json.X }}}, {@code {{ value_json.X.Y }}},
 * {@code {{ value_json['a b'] }}}, {@code {{ value_json.list[0] }}}, each followed by filters
 * {@code float}, {@code float(d)}, {@code int}, {@code int(d)}, {@code round(n)},
 * {@code round(n, 'floor'|'ceil'|'common')}, {@code default(d)}, {@code string}, {@code lower},
 * {@code upper}, {@code trim}. Anything else ({@code {% if %}}, arithmetic, other functions) is
 * refused at parse time with the reason, so the entity shows a clear error rather than wrong values.
 *
 * <p>Bounded: a template longer than {@link #MAX_SOURCE} characters or rounding to more than
 * {@link #MAX_ROUND_PLACES} places (a device's {@code round(3000000)} cost seconds and hundreds
 * of MB per message) is refused at parse time; an application is linear in the payload, and a
 * result longer than {@link #MAX_OUTPUT} characters is refused. Numbers follow
 * {@link DeviceNumbers}.
 */
public final class ValueTemplate {
    /** Longest template accepted: firmware's are a few dozen characters. */
    public static final int MAX_SOURCE = 1024;
    /** A double carries 15–17 significant digits: more places change nothing but the cost. */
    public static final int MAX_ROUND_PLACES = 15;
    /** Longest result accepted, in characters. */
    public static final int MAX_OUTPUT = 64 * 1024;

    private final String source;
    private final boolean json;
    private final List<Object> path;        // String keys and Integer indexes under value_json
    private final List<Filter> filters;

    private record Filter(String name, List<Object> args) {
    }

    /**
     * The result of applying a template: the text the entity's state would be, or why there is none.
     *
     * @param absent the payload does not hold the key the template reads: it carries other readings
     *               (Tasmota publishes different subsets on one {@code SENSOR} topic), so the entity's
     *               value stays as it is rather than turning bad
     */
    public record Result(String text, String rejection, boolean absent) {
        static Result ok(String t) {
            return new Result(t, null, false);
        }

        static Result rejected(String why) {
            return new Result(null, why, false);
        }

        static Result absent(String why) {
            return new Result(null, why, true);
        }

        public boolean ok() {
            return rejection == null;
        }
    }

    private ValueTemplate(String source, boolean json, List<Object> path, List<Filter> filters) {
        this.source = source;
        this.json = json;
        this.path = List.copyOf(path);
        this.filters = List.copyOf(filters);
    }

    /** The identity template ({@code {{ value }}}). */
    public static final ValueTemplate IDENTITY = new ValueTemplate("{{ value }}", false, List.of(), List.of());

    /**
     * Parses a template. Null or blank means the identity.
     *
     * @throws IllegalArgumentException naming what is not supported
     */
    public static ValueTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            return IDENTITY;
        }
        String t = template.strip();
        if (t.length() > MAX_SOURCE) {
            throw new IllegalArgumentException("value_template of " + t.length() + " characters is longer than the limit of "
                    + MAX_SOURCE);
        }
        if (!t.startsWith("{{") || !t.endsWith("}}") || t.indexOf("{{", 2) >= 0 || t.indexOf("{%") >= 0) {
            throw new IllegalArgumentException("value_template '" + abbreviate(template)
                    + "' is not supported: only one {{ ... }} expression (value or value_json with filters) is understood");
        }
        Parser p = new Parser(t.substring(2, t.length() - 2), template);
        return p.parse();
    }

    public String source() {
        return source;
    }

    /** True when the template reads JSON ({@code value_json}). */
    public boolean readsJson() {
        return json;
    }

    public boolean isIdentity() {
        return !json && filters.isEmpty();
    }

    /** Applies the template to a payload's text; never throws. */
    public Result apply(String payload) {
        try {
            Object v;
            if (json) {
                JsonNode root;
                try {
                    root = DeviceNumbers.readJson(payload);
                } catch (Exception e) {
                    return Result.rejected("payload is not valid JSON for " + source);
                }
                if (root == null || root.isMissingNode()) {
                    return Result.rejected("payload is empty, " + source + " needs JSON");
                }
                JsonNode n = root;
                StringBuilder where = new StringBuilder("value_json");
                for (Object step : path) {
                    where.append(step instanceof Integer i ? "[" + i + "]" : "." + step);
                    n = step instanceof Integer i ? n.get(i) : n.get((String) step);
                    if (n == null) {
                        break;
                    }
                }
                v = n == null || n.isMissingNode() ? Undefined.INSTANCE : n;
                if (v == Undefined.INSTANCE && !hasDefault()) {
                    return Result.absent(where + " is not in the payload");
                }
            } else {
                v = payload;
            }
            for (Filter f : filters) {
                v = applyFilter(f, v);
                if (v instanceof Result r) {
                    return r;
                }
            }
            String out = render(v);
            if (out.length() > MAX_OUTPUT) {
                return Result.rejected(source + " gives " + out.length() + " characters, more than the limit of " + MAX_OUTPUT);
            }
            return Result.ok(out);
        } catch (RuntimeException e) {
            return Result.rejected(source + " failed: " + e.getMessage());
        }
    }

    private boolean hasDefault() {
        return filters.stream().anyMatch(f -> f.name.equals("default"));
    }

    private enum Undefined { INSTANCE }

    private static Object applyFilter(Filter f, Object v) {
        switch (f.name) {
            case "default":
                return v == Undefined.INSTANCE ? f.args.get(0) : v;
            case "float": {
                Double d = toNumber(v);
                if (d == null) {
                    return f.args.isEmpty() ? Result.rejected("'" + abbreviate(text(v)) + "' is not a number (| float)")
                            : toNumber(f.args.get(0));
                }
                return d;
            }
            case "int": {
                Double d = toNumber(v);
                if (d == null) {
                    return f.args.isEmpty() ? Result.rejected("'" + abbreviate(text(v)) + "' is not a number (| int)")
                            : (long) (double) toNumber(f.args.get(0));
                }
                return (long) (double) d;
            }
            case "round": {
                Double d = toNumber(v);
                if (d == null || d.isNaN() || d.isInfinite()) {
                    return Result.rejected("'" + abbreviate(text(v)) + "' is not a number (| round)");
                }
                int places = f.args.isEmpty() ? 0 : ((Number) f.args.get(0)).intValue();
                String method = f.args.size() > 1 ? (String) f.args.get(1) : "common";
                RoundingMode mode = switch (method) {
                    case "floor" -> RoundingMode.FLOOR;
                    case "ceil" -> RoundingMode.CEILING;
                    default -> RoundingMode.HALF_UP;
                };
                return new BigDecimal(Double.toString(d)).setScale(places, mode).doubleValue();
            }
            case "string":
                return text(v);
            case "lower":
                return text(v).toLowerCase(Locale.ROOT);
            case "upper":
                return text(v).toUpperCase(Locale.ROOT);
            case "trim":
                return text(v).strip();
            default:
                throw new IllegalStateException("filter " + f.name);
        }
    }

    /** A finite number, or null (not a number, or one the number rule refuses). */
    private static Double toNumber(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (v instanceof JsonNode n) {
            if (n.isNumber()) {
                try {
                    return DeviceNumbers.number(n).doubleValue();
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (n.isBoolean()) {
                return n.booleanValue() ? 1.0 : 0.0;
            }
            if (n.isTextual()) {
                return toNumber(n.textValue());
            }
            return null;
        }
        if (v instanceof String s) {
            try {
                return DeviceNumbers.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(Object v) {
        if (v == Undefined.INSTANCE) {
            return "";
        }
        if (v instanceof JsonNode n) {
            return n.isTextual() ? n.textValue() : n.toString();
        }
        return String.valueOf(v);
    }

    /** Like Jinja's output: whole doubles keep ".0", JSON values print as JSON. */
    private static String render(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return text(v);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    @Override
    public String toString() {
        return source;
    }

    /** A small recursive-descent parser for "value[_json accessors] (| filter[(args)])*". */
    private static final class Parser {
        private final String s;
        private final String original;
        private int i;

        Parser(String s, String original) {
            this.s = s;
            this.original = original;
        }

        ValueTemplate parse() {
            skip();
            String head = ident();
            boolean json;
            List<Object> path = new ArrayList<>();
            if (head.equals("value")) {
                json = false;
            } else if (head.equals("value_json")) {
                json = true;
                while (true) {
                    skip();
                    if (peek('.')) {
                        i++;
                        skip();
                        path.add(ident());
                    } else if (peek('[')) {
                        i++;
                        skip();
                        if (peek('\'') || peek('"')) {
                            path.add(string());
                        } else {
                            path.add(integer());
                        }
                        skip();
                        expect(']');
                    } else {
                        break;
                    }
                }
            } else {
                throw unsupported("'" + head + "' (only value and value_json are known)");
            }
            List<Filter> filters = new ArrayList<>();
            skip();
            while (peek('|')) {
                i++;
                skip();
                String name = ident();
                List<Object> args = new ArrayList<>();
                skip();
                if (peek('(')) {
                    i++;
                    skip();
                    while (!peek(')')) {
                        args.add(literal());
                        skip();
                        if (peek(',')) {
                            i++;
                            skip();
                        } else if (!peek(')')) {
                            throw unsupported("filter arguments of " + name);
                        }
                    }
                    i++;
                }
                checkFilter(name, args);
                filters.add(new Filter(name, args));
                skip();
            }
            if (i < s.length()) {
                throw unsupported("'" + s.substring(i).strip() + "'");
            }
            return new ValueTemplate(original.strip(), json, path, filters);
        }

        private void checkFilter(String name, List<Object> args) {
            boolean ok = switch (name) {
                case "float", "int" -> args.isEmpty() || args.size() == 1 && args.get(0) instanceof Number;
                case "round" -> args.isEmpty() || args.get(0) instanceof Long places && places >= 0
                        && places <= MAX_ROUND_PLACES && (args.size() == 1
                        || args.size() == 2 && List.of("common", "floor", "ceil").contains(args.get(1)));
                case "default" -> args.size() == 1;
                case "string", "lower", "upper", "trim" -> args.isEmpty();
                default -> throw unsupported("the filter '" + name + "'");
            };
            if (!ok) {
                if (name.equals("round") && !args.isEmpty() && args.get(0) instanceof Number) {
                    throw unsupported("round(" + args.get(0) + "): at most " + MAX_ROUND_PLACES + " decimal places");
                }
                throw unsupported("the arguments of the filter '" + name + "'");
            }
        }

        private Object literal() {
            if (peek('\'') || peek('"')) {
                return string();
            }
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || "+-.eE".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            String num = s.substring(start, i);
            try {
                return num.contains(".") || num.contains("e") || num.contains("E") ? (Object) Double.parseDouble(num)
                        : (Object) Long.parseLong(num);
            } catch (NumberFormatException e) {
                throw unsupported("the argument '" + num + "'");
            }
        }

        private String ident() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw unsupported(i < s.length() ? "'" + s.substring(i).strip() + "'" : "an empty expression");
            }
            return s.substring(start, i);
        }

        private int integer() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw unsupported("an index that is not a number or a quoted key");
            }
            return Integer.parseInt(s.substring(start, i));
        }

        private String string() {
            char q = s.charAt(i++);
            int end = s.indexOf(q, i);
            if (end < 0) {
                throw unsupported("an unclosed string");
            }
            String v = s.substring(i, end);
            i = end + 1;
            return v;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw unsupported("a missing '" + c + "'");
            }
            i++;
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("value_template '" + abbreviate(original) + "' is not supported: " + what);
        }
    }
}
