package org.peresvet.app.mnemonic;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import org.peresvet.screen.WidgetDef;

/** A static or bound text. */
final class TextSymbol extends SymbolNode {
    private final Label text = new Label();

    TextSymbol(WidgetDef def) {
        super(def);
        text.setPrefSize(w(), h());
        text.setFont(SymbolTexts.of(def, 14, false));
        text.setTextFill(Isa101.TEXT);
        text.setAlignment(switch (def.text("align")) {
            case "center" -> Pos.CENTER;
            case "right" -> Pos.CENTER_RIGHT;
            default -> Pos.CENTER_LEFT;
        });
        getChildren().add(text);
    }

    @Override
    protected void render(Props p) {
        text.setText(p.text("text"));
    }
}
