package org.peresvet.screen;

import static org.peresvet.screen.PropertyDef.bool;
import static org.peresvet.screen.PropertyDef.choice;
import static org.peresvet.screen.PropertyDef.number;
import static org.peresvet.screen.PropertyDef.points;
import static org.peresvet.screen.PropertyDef.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of widget types: the standard ISA-101 symbol set (process symbols, indicators,
 * controls, shapes) with each property's type and default. A screen may use only types known here;
 * the JavaFX side has one node factory per type name.
 *
 * <p>Type names are the constants below. Properties a runtime binds are typically {@code value}
 * (a number or state), {@code running}, {@code fault}, {@code open}, {@code closed}, {@code flow}.
 */
public final class WidgetTypes {
    public static final String GROUP = "group";
    public static final String LABEL = "label";
    public static final String LINE = "line";
    public static final String POLYLINE = "polyline";
    public static final String RECTANGLE = "rectangle";
    public static final String ELLIPSE = "ellipse";
    public static final String IMAGE = "image";
    public static final String PUMP = "pump";
    public static final String MOTOR = "motor";
    public static final String VALVE = "valve";
    public static final String FAN = "fan";
    public static final String TANK = "tank";
    public static final String PIPE = "pipe";
    public static final String ANALOG = "analogIndicator";
    public static final String VALUE = "value";
    public static final String BAR = "bar";
    public static final String MULTI_STATE = "multiState";
    public static final String ALARM = "alarmIndicator";
    public static final String NAVIGATION = "navigationButton";
    public static final String COMMAND = "commandButton";
    public static final String SETPOINT = "setpointEntry";
    public static final String TOGGLE = "toggle";
    public static final String SPARKLINE = "sparkline";
    public static final String CAMERA = "camera";
    /** An instance of a library symbol: {@code symbol} names the definition, its macros are the parameter values. */
    public static final String SYMBOL = "symbol";

    private static final WidgetTypes STANDARD = new WidgetTypes(standardTypes());

    private final Map<String, WidgetType> types;

    private WidgetTypes(List<WidgetType> types) {
        Map<String, WidgetType> m = new LinkedHashMap<>();
        for (WidgetType t : types) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalArgumentException("widget type " + t.name() + " is repeated");
            }
        }
        this.types = Collections.unmodifiableMap(m);
    }

    /** The standard symbol set. */
    public static WidgetTypes standard() {
        return STANDARD;
    }

    /** The type called {@code name}, or null. */
    public WidgetType get(String name) {
        return types.get(name);
    }

    /** All types, in palette order. */
    public Collection<WidgetType> all() {
        return types.values();
    }

    /** The properties every widget has, first in each type. */
    static List<PropertyDef> common(double width, double height) {
        return List.of(number("x", 0.0), number("y", 0.0), number("width", width), number("height", height),
                number("rotation", 0.0), text("styleClass", ""), bool("visible", true), text("tooltip", ""));
    }

    private static WidgetType type(String name, String category, double w, double h, PropertyDef... own) {
        List<PropertyDef> all = new ArrayList<>(common(w, h));
        all.addAll(List.of(own));
        return new WidgetType(name, category, all, false);
    }

    private static List<WidgetType> standardTypes() {
        PropertyDef label = text("text", "");
        PropertyDef units = text("units", "");
        PropertyDef decimals = number("decimals", 1.0);
        PropertyDef min = number("min", 0.0);
        PropertyDef max = number("max", 100.0);
        PropertyDef orientation = choice("orientation", "horizontal", "horizontal", "vertical");
        List<PropertyDef> groupProps = new ArrayList<>(common(0, 0));
        // The font of a text-bearing widget: "" is the system font, no size the symbol's own (it
        // follows the widget's height), "auto" the symbol's own weight.
        PropertyDef fontFamily = text("fontFamily", "");
        PropertyDef fontSize = number("fontSize", null);
        PropertyDef fontWeight = choice("fontWeight", "auto", "auto", "normal", "bold");
        return List.of(
                new WidgetType(GROUP, "group", groupProps, true),
                // process symbols: state from booleans, so one tag per feedback signal
                type(PUMP, "process", 48, 48, label, bool("running", false), bool("fault", false), bool("auto", true)),
                type(MOTOR, "process", 48, 48, label, bool("running", false), bool("fault", false), bool("auto", true)),
                // valve state from limit switches: open only, closed only, neither (in transit), both or fault (failed)
                type(VALVE, "process", 48, 32, label, bool("open", false), bool("closed", true), bool("fault", false),
                        bool("auto", true), orientation),
                type(FAN, "process", 48, 48, label, bool("running", false), bool("fault", false)),
                type(TANK, "process", 80, 140, label, number("value", null), min, max, number("lowLimit", null),
                        number("highLimit", null), units, decimals),
                type(PIPE, "process", 0, 0, points("points"), number("lineWidth", 6.0), bool("flow", false), bool("animate", false)),
                // indicators: analog first (ISA-101 prefers them to bare numbers)
                type(ANALOG, "indicator", 160, 40, label, number("value", null), min, max, number("normalLow", null),
                        number("normalHigh", null), number("alarmLow", null), number("alarmHigh", null),
                        number("setpoint", null), units, decimals, orientation),
                type(VALUE, "indicator", 100, 24, label, number("value", null), units, decimals, fontFamily, fontSize, fontWeight),
                type(BAR, "indicator", 24, 100, number("value", null), min, max, choice("orientation", "vertical", "horizontal", "vertical")),
                // states as "value=text" pairs separated by ';', e.g. "0=Stopped;1=Running;2=Fault!" (a '!' marks abnormal)
                type(MULTI_STATE, "indicator", 120, 24, number("value", null), text("states", "0=Off;1=On"), fontFamily, fontSize,
                        fontWeight),
                // alarms of a tag or of every tag in an object's subtree
                type(ALARM, "indicator", 32, 32, text("source", "")),
                type(SPARKLINE, "indicator", 160, 40, text("tag", ""), number("seconds", 600.0), number("min", null), number("max", null)),
                // controls: each writes through the device-write path after a confirmation
                type(NAVIGATION, "control", 120, 32, label, text("target", ""), fontFamily, fontSize, fontWeight),
                type(COMMAND, "control", 120, 32, label, fontFamily, fontSize, fontWeight),
                type(SETPOINT, "control", 140, 28, label, number("value", null), number("min", null), number("max", null),
                        units, decimals, fontFamily, fontSize, fontWeight),
                type(TOGGLE, "control", 130, 28, label, bool("value", false), text("onText", "On"), text("offText", "Off"),
                        fontFamily, fontSize, fontWeight),
                // static shapes
                type(LABEL, "shape", 120, 24, label, fontFamily, number("fontSize", 14.0), fontWeight,
                        choice("align", "left", "left", "center", "right")),
                type(LINE, "shape", 0, 0, points("points"), number("lineWidth", 1.0), text("stroke", "")),
                type(POLYLINE, "shape", 0, 0, points("points"), number("lineWidth", 1.0), text("stroke", ""), bool("closed", false)),
                type(RECTANGLE, "shape", 100, 60, text("fill", ""), text("stroke", ""), number("lineWidth", 1.0), number("arc", 0.0)),
                type(ELLIPSE, "shape", 60, 60, text("fill", ""), text("stroke", ""), number("lineWidth", 1.0)),
                type(IMAGE, "shape", 100, 100, text("source", ""), bool("preserveRatio", true)),
                type(CAMERA, "shape", 320, 240, text("url", ""), label),
                // placed from the palette's library section; the runtime draws the definition's widgets
                type(SYMBOL, "library", 0, 0, text("symbol", "")));
    }
}
