package org.peresvet.app.mnemonic;

import javafx.scene.shape.Rectangle;
import org.peresvet.screen.WidgetDef;

/** A bar: a light track filled dark from the bottom (vertical) or the left, in proportion to min..max. */
final class BarSymbol extends SymbolNode {
    private final Rectangle fill = new Rectangle();
    private final boolean vertical;

    BarSymbol(WidgetDef def) {
        super(def);
        vertical = def.text("orientation").equals("vertical");
        Rectangle track = new Rectangle(0, 0, w(), h());
        track.setFill(Isa101.TRACK);
        track.setStroke(Isa101.MUTED);
        fill.setFill(Isa101.LEVEL);
        getChildren().addAll(track, fill);
    }

    @Override
    protected void render(Props p) {
        double min = p.number("min");
        double max = p.number("max");
        double v = p.number("value");
        double f = Double.isNaN(v) || max <= min ? 0 : Math.max(0, Math.min(1, (v - min) / (max - min)));
        if (vertical) {
            fill.setX(1);
            fill.setWidth(w() - 2);
            fill.setHeight(f * (h() - 2));
            fill.setY(h() - 1 - f * (h() - 2));
        } else {
            fill.setX(1);
            fill.setY(1);
            fill.setHeight(h() - 2);
            fill.setWidth(f * (w() - 2));
        }
    }
}
