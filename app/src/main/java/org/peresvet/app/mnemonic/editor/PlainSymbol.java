package org.peresvet.app.mnemonic.editor;

import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.peresvet.screen.WidgetDef;

/**
 * A stand-in drawing of a widget (outline and type name) for when no symbol factory is given:
 * tests of the editor's own logic and a build without the symbol library.
 */
final class PlainSymbol {
    private PlainSymbol() {
    }

    static Node of(WidgetDef w) {
        if (Layout.hasPoints(w)) {
            Polyline p = new Polyline();
            List<Double> pts = w.points("points");
            p.getPoints().addAll(pts);
            p.setStroke(Color.web("#555555"));
            p.setStrokeWidth(Math.max(1, w.number("lineWidth", 1)));
            return p;
        }
        Rectangle r = new Rectangle(w.number("width", 0), w.number("height", 0));
        r.setFill(Color.web("#C8C8C8"));
        r.setStroke(Color.web("#555555"));
        Text t = new Text(3, 12, w.type());
        t.setFont(Font.font(10));
        return new Group(r, t);
    }
}
