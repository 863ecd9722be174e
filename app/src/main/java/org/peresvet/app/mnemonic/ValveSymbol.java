package org.peresvet.app.mnemonic;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;
import org.peresvet.screen.WidgetDef;

/**
 * A valve: a bow-tie of two triangles with a stem and actuator. State from the limit switches:
 * open (only "open") both halves filled dark, closed (only "closed") both hollow, in transit
 * (neither) one filled and one hollow, failed (both, or "fault") red with an "F" badge. Manual
 * shows an "M" badge. Vertical valves are the same drawing turned.
 */
final class ValveSymbol extends SymbolNode {
    enum State { OPEN, CLOSED, TRANSIT, FAILED }

    private final Polygon left;
    private final Polygon right;
    private final Badge fault;
    private final Badge manual;
    private final Text caption;

    ValveSymbol(WidgetDef def) {
        super(def);
        boolean vertical = def.text("orientation").equals("vertical");
        double w = vertical ? h() : w();
        double h = vertical ? w() : h();
        double top = h * 0.35;
        left = new Polygon(1, top, 1, h - 1, w / 2, (top + h) / 2);
        right = new Polygon(w - 1, top, w - 1, h - 1, w / 2, (top + h) / 2);
        Line stem = new Line(w / 2, (top + h) / 2, w / 2, top * 0.5);
        Rectangle actuator = new Rectangle(w / 2 - w * 0.18, 1, w * 0.36, top * 0.5);
        for (var s : new Shape[] {left, right, stem, actuator}) {
            s.setStroke(Isa101.OUTLINE);
            s.setStrokeWidth(2);
        }
        actuator.setFill(Isa101.IDLE);
        Group drawing = new Group(stem, actuator, left, right);
        if (vertical) {
            // turn the horizontal drawing a quarter round inside the widget's box
            drawing.setRotate(90);
            drawing.setLayoutX((w() - w) / 2);
            drawing.setLayoutY((h() - h) / 2);
        }
        fault = new Badge(this, "F", w() - 12, h() - 12);
        manual = new Badge(this, "M", w() - 12, -4);
        caption = caption(w(), h() + 1);
        getChildren().addAll(drawing, caption);
    }

    static State state(Props p) {
        boolean open = p.bool("open");
        boolean closed = p.bool("closed");
        if (p.bool("fault") || open && closed) {
            return State.FAILED;
        }
        return open ? State.OPEN : closed ? State.CLOSED : State.TRANSIT;
    }

    @Override
    protected void render(Props p) {
        State s = state(p);
        Color l = switch (s) {
            case OPEN, TRANSIT -> Isa101.ACTIVE;
            case CLOSED -> Isa101.IDLE;
            case FAILED -> Isa101.FAULT;
        };
        left.setFill(l);
        right.setFill(s == State.TRANSIT ? Isa101.IDLE : l);
        fault.show(s == State.FAILED);
        manual.show(!p.bool("auto"));
        caption.setText(p.text("text"));
    }
}
