package org.peresvet.app.mnemonic;

import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.peresvet.screen.WidgetDef;

/**
 * A library symbol instance whose definition is missing (deleted, or it contains itself): a dashed
 * box with a question mark where the drawing would be, so the gap is seen; the screen check says why.
 */
final class MissingSymbol extends SymbolNode {
    MissingSymbol(WidgetDef def) {
        super(def);
        double w = Math.max(24, w());
        double h = Math.max(24, h());
        Rectangle r = new Rectangle(0, 0, w, h);
        r.setFill(null);
        r.setStroke(Isa101.BAD_QUALITY);
        r.getStrokeDashArray().addAll(5.0, 4.0);
        Text t = SymbolTexts.line(SymbolTexts.bold(16), Isa101.BAD_QUALITY, TextAlignment.CENTER, 0, w, h / 2);
        t.setText("?");
        getChildren().addAll(r, t);
    }

    @Override
    protected void render(Props p) {
        // nothing changes: there is nothing to show live
    }
}
