package org.peresvet.app.mnemonic;

import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * Pump, motor and fan: a circle with the type's glyph (a discharge triangle, an "M", four blades).
 * Running is filled dark, stopped hollow light; a fault is red with an "F" badge; manual mode shows
 * an "M" badge (auto, the normal case, shows nothing). The state word is the tooltip's and the
 * faceplate's, the fill and badges read without colour.
 */
final class RotatingEquipment extends SymbolNode {
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass FAULT = PseudoClass.getPseudoClass("fault");
    private final Circle body = new Circle();
    private final Group glyph = new Group();
    private final Badge fault;
    private final Badge manual;
    private final Text caption;

    RotatingEquipment(WidgetDef def) {
        super(def);
        double w = w();
        double h = h();
        double r = Math.min(w, h) / 2 - 1.5;
        body.setCenterX(w / 2);
        body.setCenterY(h / 2);
        body.setRadius(r);
        body.setStroke(Isa101.OUTLINE);
        body.setStrokeWidth(2);
        switch (def.type()) {
            case WidgetTypes.PUMP -> {
                Polygon p = new Polygon(w / 2 - r * 0.45, h / 2 - r * 0.6, w / 2 - r * 0.45, h / 2 + r * 0.6, w / 2 + r * 0.65, h / 2);
                glyph.getChildren().add(p);
            }
            case WidgetTypes.MOTOR -> {
                Text m = new Text("M");
                m.setFont(Font.font("System", FontWeight.BOLD, r * 1.1));
                m.setX(w / 2 - m.getLayoutBounds().getWidth() / 2);
                m.setY(h / 2 + m.getLayoutBounds().getHeight() * 0.3);
                glyph.getChildren().add(m);
            }
            default -> {
                for (int i = 0; i < 4; i++) {
                    double a = Math.toRadians(45 + 90 * i);
                    Line l = new Line(w / 2, h / 2, w / 2 + Math.cos(a) * r * 0.8, h / 2 + Math.sin(a) * r * 0.8);
                    l.setStrokeWidth(Math.max(2, r * 0.22));
                    glyph.getChildren().add(l);
                }
            }
        }
        fault = new Badge(this, "F", w - 12, h - 12);
        manual = new Badge(this, "M", w - 12, -4);
        caption = caption(w, h + 1);
        getChildren().addAll(body, glyph, caption);
    }

    @Override
    protected void render(Props p) {
        boolean f = p.bool("fault");
        boolean run = p.bool("running");
        Color fill = f ? Isa101.FAULT : run ? Isa101.ACTIVE : Isa101.IDLE;
        Color ink = f || run ? Color.WHITE : Isa101.OUTLINE;
        body.setFill(fill);
        for (var n : glyph.getChildren()) {
            if (n instanceof Shape s) {
                s.setFill(ink);
                s.setStroke(n instanceof Line ? ink : null);
            }
        }
        fault.show(f);
        boolean hasAuto = def().widgetType().property("auto") != null;
        manual.show(hasAuto && !p.bool("auto"));
        caption.setText(p.text("text"));
        pseudoClassStateChanged(RUNNING, run);
        pseudoClassStateChanged(FAULT, f);
    }

    /** The state in words, for tests and the faceplate. */
    static String state(Props p) {
        return p.bool("fault") ? "faulted" : p.bool("running") ? "running" : "stopped";
    }
}
