package org.peresvet.app.mnemonic;

import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.peresvet.screen.WidgetDef;

/**
 * A tank: the vessel outline, the level as a grey fill from the bottom, the low and high limits as
 * marks on the right ("H", "L"), and the value with units. Beyond a limit the level turns amber and
 * the value says "HI" or "LO", so the state reads without colour.
 */
final class TankSymbol extends SymbolNode {
    private static final Color VALUE_BOX = Color.rgb(255, 255, 255, 0.8);
    private final Rectangle level = new Rectangle();
    private final Line high = new Line();
    private final Line low = new Line();
    private final Text highMark = mark("H");
    private final Text lowMark = mark("L");
    private final Rectangle valueBox = new Rectangle();
    private final Text value;
    private final Text caption;

    TankSymbol(WidgetDef def) {
        super(def);
        Rectangle vessel = new Rectangle(1, 1, w() - 2, h() - 2);
        vessel.setArcWidth(16);
        vessel.setArcHeight(16);
        vessel.setFill(Isa101.IDLE);
        vessel.setStroke(Isa101.OUTLINE);
        vessel.setStrokeWidth(2);
        level.setX(3);
        level.setWidth(w() - 6);
        level.setArcWidth(10);
        level.setArcHeight(10);
        for (Line l : new Line[] {high, low}) {
            l.setStroke(Isa101.OUTLINE);
            l.setStrokeWidth(2);
            l.setStartX(w() - 12);
            l.setEndX(w() + 4);
        }
        value = SymbolTexts.line(SymbolTexts.bold(12), Isa101.TEXT, TextAlignment.CENTER, 2, w() - 4, h() / 2);
        valueBox.setFill(VALUE_BOX);
        valueBox.setX(2);
        valueBox.setWidth(Math.max(1, w() - 4));
        valueBox.setY(h() / 2 - 8);
        valueBox.setHeight(16);
        caption = caption(w(), h() + 1);
        getChildren().addAll(vessel, level, high, low, highMark, lowMark, valueBox, value, caption);
    }

    private static Text mark(String s) {
        Text t = SymbolTexts.at(SymbolTexts.bold(9), Isa101.TEXT, 0, 0);
        t.setText(s);
        return t;
    }

    private double y(double v, double min, double max) {
        double f = max > min ? (v - min) / (max - min) : 0;
        f = Math.max(0, Math.min(1, f));
        return h() - 3 - f * (h() - 6);
    }

    @Override
    protected void render(Props p) {
        double min = p.number("min");
        double max = p.number("max");
        double v = p.number("value");
        double lo = p.number("lowLimit");
        double hi = p.number("highLimit");
        double top = Double.isNaN(v) ? h() - 3 : y(v, min, max);
        level.setY(top);
        level.setHeight(Math.max(0, h() - 3 - top));
        boolean above = !Double.isNaN(hi) && v > hi;
        boolean below = !Double.isNaN(lo) && v < lo;
        level.setFill(above || below ? Isa101.WARNING : Isa101.LEVEL);
        placeLimit(high, highMark, hi, min, max);
        placeLimit(low, lowMark, lo, min, max);
        String units = p.text("units");
        value.setText((above ? "HI " : below ? "LO " : "") + format(v, p) + (units.isEmpty() ? "" : " " + units));
        caption.setText(p.text("text"));
    }

    private void placeLimit(Line l, Text m, double limit, double min, double max) {
        boolean on = !Double.isNaN(limit);
        l.setVisible(on);
        m.setVisible(on);
        if (on) {
            double y = y(limit, min, max);
            l.setStartY(y);
            l.setEndY(y);
            m.setX(w() + 5);
            m.setY(y - 6);
        }
    }
}
