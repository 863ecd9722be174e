package org.peresvet.app.mnemonic;

import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.peresvet.screen.WidgetDef;

/**
 * The ISA-101 moving analog indicator: a light track over min..max, the normal band darker, the
 * alarm limits as red marks, the setpoint as a hollow triangle and the value as a solid pointer,
 * with the label, value and units above. Beyond an alarm limit the pointer turns amber and the
 * value says "HI"/"LO". Horizontal, or vertical with the same parts along the height.
 */
final class AnalogIndicator extends SymbolNode {
    private final boolean vertical;
    private final Rectangle track = new Rectangle();
    private final Rectangle band = new Rectangle();
    private final Line alarmLow = new Line();
    private final Line alarmHigh = new Line();
    private final Polygon pointer = new Polygon();
    private final Polygon setpoint = new Polygon();
    private final Text value;

    AnalogIndicator(WidgetDef def) {
        super(def);
        vertical = def.text("orientation").equals("vertical");
        track.setFill(Isa101.TRACK);
        track.setStroke(Isa101.MUTED);
        band.setFill(Isa101.NORMAL_BAND);
        for (Line l : new Line[] {alarmLow, alarmHigh}) {
            l.setStroke(Isa101.FAULT);
            l.setStrokeWidth(3);
        }
        pointer.setStroke(Isa101.OUTLINE);
        setpoint.setFill(Color.WHITE);
        setpoint.setStroke(Isa101.OUTLINE);
        setpoint.setStrokeWidth(1.5);
        value = SymbolTexts.at(SymbolTexts.bold(11), Isa101.TEXT, 0, 0);
        if (vertical) {
            track.setX(w() / 2 - 6);
            track.setY(4);
            track.setWidth(12);
            track.setHeight(h() - 24);
            value.setY(h() - 18);
        } else {
            track.setX(6);
            track.setY(h() * 0.55);
            track.setWidth(w() - 12);
            track.setHeight(Math.max(6, h() * 0.22));
            value.setY(0);
        }
        band.setX(track.getX());
        band.setY(track.getY());
        band.setWidth(track.getWidth());
        band.setHeight(track.getHeight());
        getChildren().addAll(track, band, alarmLow, alarmHigh, setpoint, pointer, value);
    }

    /** Position along the track of {@code v}, clamped to the ends. */
    private double pos(double v, double min, double max) {
        double f = max > min ? (v - min) / (max - min) : 0;
        f = Math.max(0, Math.min(1, f));
        return vertical ? track.getY() + track.getHeight() * (1 - f) : track.getX() + track.getWidth() * f;
    }

    @Override
    protected void render(Props p) {
        double min = p.number("min");
        double max = p.number("max");
        double v = p.number("value");
        double nl = p.number("normalLow");
        double nh = p.number("normalHigh");
        boolean hasBand = !Double.isNaN(nl) || !Double.isNaN(nh);
        band.setVisible(hasBand);
        if (hasBand) {
            double a = pos(Double.isNaN(nl) ? min : nl, min, max);
            double b = pos(Double.isNaN(nh) ? max : nh, min, max);
            if (vertical) {
                band.setY(b);
                band.setHeight(Math.abs(a - b));
            } else {
                band.setX(a);
                band.setWidth(Math.abs(b - a));
            }
        }
        double al = p.number("alarmLow");
        double ah = p.number("alarmHigh");
        limit(alarmLow, al, min, max);
        limit(alarmHigh, ah, min, max);
        boolean high = !Double.isNaN(ah) && v >= ah;
        boolean low = !Double.isNaN(al) && v <= al;
        pointer.setVisible(!Double.isNaN(v));
        if (!Double.isNaN(v)) {
            triangle(pointer, pos(v, min, max), false);
            pointer.setFill(high || low ? Isa101.WARNING : Isa101.ACTIVE);
        }
        double sp = p.number("setpoint");
        setpoint.setVisible(!Double.isNaN(sp));
        if (!Double.isNaN(sp)) {
            triangle(setpoint, pos(sp, min, max), true);
        }
        String units = p.text("units");
        String label = p.text("text");
        value.setText((label.isEmpty() ? "" : label + "  ") + (high ? "HI " : low ? "LO " : "") + format(v, p)
                + (units.isEmpty() ? "" : " " + units));
    }

    private void limit(Line l, double at, double min, double max) {
        l.setVisible(!Double.isNaN(at));
        if (Double.isNaN(at)) {
            return;
        }
        double q = pos(at, min, max);
        if (vertical) {
            l.setStartX(track.getX() - 3);
            l.setEndX(track.getX() + track.getWidth() + 3);
            l.setStartY(q);
            l.setEndY(q);
        } else {
            l.setStartX(q);
            l.setEndX(q);
            l.setStartY(track.getY() - 3);
            l.setEndY(track.getY() + track.getHeight() + 3);
        }
    }

    /** A pointer below (value) or above (setpoint) the track, its tip on the track at {@code q}. */
    private void triangle(Polygon t, double q, boolean above) {
        double s = 7;
        if (vertical) {
            double x = above ? track.getX() : track.getX() + track.getWidth();
            double d = above ? -s * 1.4 : s * 1.4;
            t.getPoints().setAll(x, q, x + d, q - s, x + d, q + s);
        } else {
            double y = above ? track.getY() : track.getY() + track.getHeight();
            double d = above ? -s * 1.4 : s * 1.4;
            t.getPoints().setAll(q, y, q - s, y + d, q + s, y + d);
        }
    }
}
