package org.peresvet.app.mnemonic;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.peresvet.screen.WidgetDef;

/** A number with its label and units, right-aligned in a light box (quality is the frame's). */
final class ValueSymbol extends SymbolNode {
    private final Label text = new Label();

    ValueSymbol(WidgetDef def) {
        super(def);
        text.setPrefSize(w(), h());
        text.setAlignment(Pos.CENTER_RIGHT);
        text.setFont(Font.font("System", FontWeight.BOLD, Math.max(9, Math.min(h() * 0.6, 18))));
        text.setTextFill(Isa101.TEXT);
        text.setStyle("-fx-background-color: #EFEFEF; -fx-border-color: #9A9A9A; -fx-padding: 0 4 0 4;");
        text.getStyleClass().add("symbol-value");
        getChildren().add(text);
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
