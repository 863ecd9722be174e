package org.peresvet.grafana;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** How the overview shows a tag: a curve, its state now, or a running total. */
enum PanelKind {
    /** Level, pressure, flow, current: a time series. */
    TREND,
    /** A pump running, a mode, a setpoint: a stat panel with the value now. */
    STATE,
    /** Run hours, starts, energy, a totalizer: a stat panel with the value now and its curve behind. */
    TOTAL;

    private static final Set<String> TOTAL_UNITS = Set.of("h", "kwh", "mwh", "wh", "m3", "m³", "l", "gal", "starts");
    private static final Pattern TOTAL_NAME = Pattern.compile("(?i).*(total|hours|energy|count|starts|runs).*");

    static PanelKind of(TagDef t) {
        if (t.type() == ValueType.BOOL) {
            return STATE;
        }
        if (TOTAL_UNITS.contains(t.units().strip().toLowerCase(Locale.ROOT)) || TOTAL_NAME.matcher(t.name()).matches()) {
            return TOTAL;
        }
        // An int is a mode or a count, a step tag a setpoint or a position: the value now says it.
        return t.type() == ValueType.INT || t.step() ? STATE : TREND;
    }
}
