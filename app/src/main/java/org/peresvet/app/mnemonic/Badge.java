package org.peresvet.app.mnemonic;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

/**
 * A small lettered badge on a symbol ("F" fault, "M" manual), made only when first shown: most
 * symbols never show theirs, and a screen of a thousand should not pay for hidden labels.
 */
final class Badge {
    private final Pane owner;
    private final String letter;
    private final double x;
    private final double y;
    private Label label;

    Badge(Pane owner, String letter, double x, double y) {
        this.owner = owner;
        this.letter = letter;
        this.x = x;
        this.y = y;
    }

    void show(boolean on) {
        if (label == null) {
            if (!on) {
                return;
            }
            label = create(letter);
            label.setLayoutX(x);
            label.setLayoutY(y);
            owner.getChildren().add(label);
        }
        label.setVisible(on);
    }

    boolean isShown() {
        return label != null && label.isVisible();
    }

    static Label create(String text) {
        Label l = new Label(text);
        l.setFont(SymbolTexts.bold(10));
        l.setMinSize(15, 15);
        l.setMaxSize(15, 15);
        l.setAlignment(Pos.CENTER);
        l.setStyle("-fx-background-color: white; -fx-border-color: #333333; -fx-border-width: 1;");
        l.setTextFill(Isa101.TEXT);
        l.getStyleClass().add("symbol-badge");
        return l;
    }
}
