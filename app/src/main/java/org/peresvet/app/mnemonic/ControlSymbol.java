package org.peresvet.app.mnemonic;

import javafx.scene.control.Button;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The operator's controls, each a button: navigation ("target ›"), a command, a setpoint entry
 * (label, current value and units, and a pencil: pressing it asks for the new value) and a toggle
 * (its state word; pressing it asks to switch). What pressing does is the runtime's
 * ({@link #setOnActivate}); the editor leaves it inert.
 */
final class ControlSymbol extends SymbolNode {
    private final Button button = new Button();
    /** The widget's chosen font as a style (a style sheet would win over a set font). */
    private final String fontStyle;

    ControlSymbol(WidgetDef def) {
        super(def);
        button.setPrefSize(w(), h());
        button.setMinSize(w(), h());
        button.setFocusTraversable(true);
        button.getStyleClass().add("screen-control");
        fontStyle = SymbolTexts.css(def);
        button.setStyle(fontStyle);
        button.setOnAction(e -> activate());
        getChildren().add(button);
    }

    @Override
    public boolean isControl() {
        return true;
    }

    Button button() {
        return button;
    }

    @Override
    protected void render(Props p) {
        String label = p.text("text");
        switch (def().type()) {
            case WidgetTypes.NAVIGATION -> button.setText((label.isEmpty() ? p.text("target") : label) + "  \u203A");
            case WidgetTypes.SETPOINT -> {
                String units = p.text("units");
                button.setText((label.isEmpty() ? "" : label + "  ") + format(p.number("value"), p)
                        + (units.isEmpty() ? "" : " " + units) + "  \u270E");
            }
            case WidgetTypes.TOGGLE -> {
                boolean on = p.bool("value");
                button.setText((label.isEmpty() ? "" : label + ": ") + (on ? p.text("onText") : p.text("offText")));
                button.setStyle(fontStyle + (on ? "-fx-background-color: #3C3C3C; -fx-text-fill: white;" : ""));
            }
            default -> button.setText(label);
        }
    }
}
