package org.peresvet.app.mnemonic;

import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.peresvet.screen.WidgetDef;

/** A number with its label and units, right-aligned in a light box (quality is the frame's). */
final class ValueSymbol extends SymbolNode {
    private static final Color BOX = Color.web("#EFEFEF");
    private static final Color BOX_LINE = Color.web("#9A9A9A");
    private final Text text;

    ValueSymbol(WidgetDef def) {
        super(def);
        Rectangle box = new Rectangle(0.5, 0.5, Math.max(1, w() - 1), Math.max(1, h() - 1));
        box.setFill(BOX);
        box.setStroke(BOX_LINE);
        text = SymbolTexts.line(SymbolTexts.of(def, Math.max(9, Math.min(h() * 0.6, 18)), true), Isa101.TEXT, TextAlignment.RIGHT,
                4, w() - 8, h() / 2);
        getChildren().addAll(box, text);
    }

    @Override
    protected void render(Props p) {
        Object raw = p.get("value");
        String v = raw instanceof String s ? s : format(p.number("value"), p);
        String label = p.text("text");
        String units = p.text("units");
        text.setText((label.isEmpty() ? "" : label + " ") + v + (units.isEmpty() ? "" : " " + units));
    }

    String shown() {
        return text.getText();
    }
}
