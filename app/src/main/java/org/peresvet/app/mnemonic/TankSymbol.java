package org.peresvet.app.mnemonic;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.peresvet.screen.WidgetDef;

/**
 * A tank: the vessel outline, the level as a grey fill from the bottom, the low and high limits as
 * marks on the right ("H", "L"), and the value with units. Beyond a limit the level turns amber and
 * the value says "HI" or "LO", so the state reads without colour.
 */
final class TankSymbol extends SymbolNode {
    private final Rectangle level = new Rectangle();
    private final Line high = new Line();
    private final Line low = new Line();
    private final Label highMark = mark("H");
    private final Label lowMark = mark("L");
    private final Label value = new Label();
    private final Label caption;

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
        value.setFont(Font.font("System", FontWeight.BOLD, 12));
        value.setAlignment(Pos.CENTER);
        value.setPrefWidth(w());
        value.setLayoutY(h() / 2 - 9);
        value.setStyle("-fx-background-color: rgba(255,255,255,0.8); -fx-padding: 0 2 0 2;");
        value.getStyleClass().add("symbol-value");
        value.setMaxWidth(w() - 4);
        value.setLayoutX(2);
        value.setPrefWidth(w() - 4);
        caption = caption(w(), h() + 1);
        getChildren().addAll(vessel, level, high, low, highMark, lowMark, value, caption);
    }

    private static Label mark(String s) {
        Label l = new Label(s);
        l.setFont(Font.font("System", FontWeight.BOLD, 9));
        l.setTextFill(Isa101.TEXT);
        return l;
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

    private void placeLimit(Line l, Label m, double limit, double min, double max) {
        boolean on = !Double.isNaN(limit);
        l.setVisible(on);
        m.setVisible(on);
        if (on) {
            double y = y(limit, min, max);
            l.setStartY(y);
            l.setEndY(y);
            m.setLayoutX(w() + 5);
            m.setLayoutY(y - 7);
        }
    }
}
