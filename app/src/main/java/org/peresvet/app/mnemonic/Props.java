package org.peresvet.app.mnemonic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.peresvet.screen.WidgetDef;

/**
 * The values a symbol shows: its definition's properties, overridden by live values of bound
 * properties. The editor shows a definition as it is; the runtime puts live values over it.
 * FX thread only.
 */
public final class Props {
    private final WidgetDef def;
    private final Map<String, Object> live = new HashMap<>();

    public Props(WidgetDef def) {
        this.def = def;
    }

    /** Runtime facts a symbol may show besides its properties. */
    static final String ALARM_PRIORITY = "_alarmPriority";
    static final String ALARM_COUNT = "_alarmCount";
    static final String ALARM_UNACKED = "_alarmUnacked";

    public WidgetDef def() {
        return def;
    }

    /** Sets a live value (null: not known, the symbol shows "no value"); true when it changed. */
    public boolean put(String property, Object value) {
        boolean had = live.containsKey(property);
        Object old = live.put(property, value);
        return !had || !Objects.equals(old, value);
    }

    /** Whether {@code property} has a live value (possibly null). */
    public boolean isLive(String property) {
        return live.containsKey(property);
    }

    public Object get(String property) {
        if (live.containsKey(property)) {
            return live.get(property);
        }
        // keys that are not properties carry runtime facts (an alarm's priority); absent means none
        return def.widgetType().property(property) == null ? null : def.get(property);
    }

    /** A number, or NaN when not set or not a number (a boolean counts 1 or 0). */
    public double number(String property) {
        Object v = get(property);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A boolean: true, a non-zero number, or "true"/"1"; a missing value is false. */
    public boolean bool(String property) {
        Object v = get(property);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return v instanceof String s && (s.equalsIgnoreCase("true") || s.equals("1"));
    }

    public String text(String property) {
        Object v = get(property);
        return v == null ? "" : v.toString();
    }

    /** The widget's own points (not bindable to live values). */
    public List<Double> points(String property) {
        return def.points(property);
    }

    public double width() {
        return def.number("width", 0);
    }

    public double height() {
        return def.number("height", 0);
    }
}
