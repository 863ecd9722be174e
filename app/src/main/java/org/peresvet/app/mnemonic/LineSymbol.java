package org.peresvet.app.mnemonic;

import java.util.List;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * Pipes, lines and polylines through the widget's points (relative to its x, y). A pipe with flow
 * is dark and solid, without flow light grey and dashed (so it reads without colour); it is not
 * animated.
 */
final class LineSymbol extends SymbolNode {
    private final Polyline line = new Polyline();

    LineSymbol(WidgetDef def) {
        super(def);
        List<Double> pts = def.points("points");
        line.getPoints().addAll(pts);
        if (def.type().equals(WidgetTypes.POLYLINE) && def.bool("closed") && pts.size() >= 2) {
            line.getPoints().addAll(pts.get(0), pts.get(1));
        }
        line.setStrokeLineCap(StrokeLineCap.ROUND);
        line.setStrokeLineJoin(StrokeLineJoin.ROUND);
        line.setStrokeWidth(def.number("lineWidth", 1));
        getChildren().add(line);
    }

    @Override
    protected void render(Props p) {
        if (def().type().equals(WidgetTypes.PIPE)) {
            boolean flow = p.bool("flow");
            line.setStroke(flow ? Isa101.ACTIVE : Isa101.NO_FLOW);
            double lw = def().number("lineWidth", 6);
            if (flow) {
                line.getStrokeDashArray().clear();
            } else if (line.getStrokeDashArray().isEmpty()) {
                line.getStrokeDashArray().addAll(lw * 2, lw * 1.5);
            }
        } else {
            String stroke = p.text("stroke");
            line.setStroke(Isa101.color(stroke, Isa101.OUTLINE));
        }
    }
}
