package org.peresvet.app.mnemonic;

import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** One node factory per widget type of {@link WidgetTypes#standard()}. */
public final class Symbols {
    private Symbols() {
    }

    /** A new node for {@code def} showing its defined (not live) values. */
    public static SymbolNode create(WidgetDef def) {
        SymbolNode n = switch (def.type()) {
            case WidgetTypes.PUMP, WidgetTypes.MOTOR, WidgetTypes.FAN -> new RotatingEquipment(def);
            case WidgetTypes.VALVE -> new ValveSymbol(def);
            case WidgetTypes.TANK -> new TankSymbol(def);
            case WidgetTypes.PIPE, WidgetTypes.LINE, WidgetTypes.POLYLINE -> new LineSymbol(def);
            case WidgetTypes.ANALOG -> new AnalogIndicator(def);
            case WidgetTypes.VALUE -> new ValueSymbol(def);
            case WidgetTypes.BAR -> new BarSymbol(def);
            case WidgetTypes.MULTI_STATE -> new MultiStateSymbol(def);
            case WidgetTypes.ALARM -> new AlarmIndicator(def);
            case WidgetTypes.SPARKLINE -> new Sparkline(def);
            case WidgetTypes.NAVIGATION, WidgetTypes.COMMAND, WidgetTypes.SETPOINT, WidgetTypes.TOGGLE -> new ControlSymbol(def);
            case WidgetTypes.LABEL -> new TextSymbol(def);
            case WidgetTypes.RECTANGLE, WidgetTypes.ELLIPSE -> new ShapeSymbol(def);
            case WidgetTypes.IMAGE -> new ImageSymbol(def);
            case WidgetTypes.CAMERA -> new CameraView(def);
            case WidgetTypes.GROUP -> new GroupSymbol(def);
            // an instance left unexpanded: its library symbol is missing
            case WidgetTypes.SYMBOL -> new MissingSymbol(def);
            default -> throw new IllegalArgumentException("no symbol for widget type " + def.type());
        };
        n.show(new Props(def));
        return n;
    }
}
