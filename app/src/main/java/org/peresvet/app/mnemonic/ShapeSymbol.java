package org.peresvet.app.mnemonic;

import javafx.scene.paint.Color;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/** A rectangle or ellipse; fill and stroke are bindable (an expression may pick a colour). */
final class ShapeSymbol extends SymbolNode {
    private final Shape shape;

    ShapeSymbol(WidgetDef def) {
        super(def);
        if (def.type().equals(WidgetTypes.ELLIPSE)) {
            shape = new Ellipse(w() / 2, h() / 2, w() / 2, h() / 2);
        } else {
            Rectangle r = new Rectangle(0, 0, w(), h());
            r.setArcWidth(def.number("arc", 0));
            r.setArcHeight(def.number("arc", 0));
            shape = r;
        }
        shape.setStrokeWidth(def.number("lineWidth", 1));
        getChildren().add(shape);
    }

    @Override
    protected void render(Props p) {
        shape.setFill(Isa101.color(p.text("fill"), Color.TRANSPARENT));
        shape.setStroke(Isa101.color(p.text("stroke"), Isa101.OUTLINE));
    }
}
