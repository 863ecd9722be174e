package org.peresvet.app.mnemonic;

import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.peresvet.model.AlarmPriority;
import org.peresvet.screen.WidgetDef;

/**
 * A symbol placed on a screen with what the runtime lays over it: the alarm border (the priority's
 * colour, a line style per priority and its numbered shape, blinking while unacknowledged) and the
 * quality mark (a dashed violet outline, the symbol faded and a text like "LOST" or "BAD": shape
 * and text, not colour alone). A group's frame also holds its children's frames. FX thread only.
 */
public final class WidgetFrame extends Pane {
    private static final double PAD = 4;
    private final SymbolNode symbol;
    private final Props props;
    private final Rectangle alarmBorder = new Rectangle();
    private final Rectangle qualityBorder = new Rectangle();
    private final Label qualityText = new Label();
    private Shape alarmShape;
    private AlarmPriority alarm;
    private boolean unacked;
    private String quality;

    WidgetFrame(WidgetDef def) {
        this.props = new Props(def);
        this.symbol = Symbols.create(def);
        getStyleClass().add("widget-frame");
        setLayoutX(def.number("x", 0));
        setLayoutY(def.number("y", 0));
        setRotate(def.number("rotation", 0));
        setVisible(def.bool("visible"));
        setPickOnBounds(false);
        double w = Math.max(def.number("width", 0), 8);
        double h = Math.max(def.number("height", 0), 8);
        for (Rectangle r : new Rectangle[] {alarmBorder, qualityBorder}) {
            r.setX(-PAD);
            r.setY(-PAD);
            r.setWidth(w + 2 * PAD);
            r.setHeight(h + 2 * PAD);
            r.setFill(null);
            r.setMouseTransparent(true);
            r.setVisible(false);
        }
        alarmBorder.setStrokeWidth(3);
        qualityBorder.setStroke(Isa101.BAD_QUALITY);
        qualityBorder.setStrokeWidth(2);
        qualityBorder.getStrokeDashArray().addAll(5.0, 4.0);
        qualityText.setFont(Font.font("System", FontWeight.BOLD, 10));
        qualityText.setStyle("-fx-background-color: white; -fx-border-color: #8E24AA; -fx-padding: 0 2 0 2;");
        qualityText.setTextFill(Isa101.BAD_QUALITY);
        qualityText.setLayoutX(-PAD);
        qualityText.setLayoutY(-PAD - 15);
        qualityText.setMouseTransparent(true);
        qualityText.setVisible(false);
        qualityText.getStyleClass().add("quality-mark");
        getChildren().addAll(symbol, qualityBorder, alarmBorder, qualityText);
    }

    public WidgetDef def() {
        return props.def();
    }

    public SymbolNode symbol() {
        return symbol;
    }

    public Props props() {
        return props;
    }

    /** Adds a child's frame (groups). */
    void addChild(WidgetFrame child) {
        getChildren().add(getChildren().indexOf(qualityBorder), child);
    }

    /** Redraws the symbol from its props. */
    void refresh() {
        symbol.show(props);
    }

    /**
     * Shows the quality: null when all inputs are good, else the short word ("LOST", "BAD",
     * "NO DATA", "CONFIG").
     */
    void showQuality(String word) {
        if (Objects.equals(word, quality)) {
            return;
        }
        quality = word;
        boolean bad = word != null;
        qualityBorder.setVisible(bad);
        qualityText.setVisible(bad);
        qualityText.setText(bad ? word : "");
        symbol.setOpacity(bad ? 0.45 : 1);
    }

    /** The quality word shown, or null. */
    public String quality() {
        return quality;
    }

    /** Shows the most urgent alarm on the symbol's tags, or none. */
    void showAlarm(AlarmPriority p, boolean unacknowledged) {
        if (p == alarm && unacknowledged == unacked) {
            return;
        }
        alarm = p;
        unacked = unacknowledged;
        if (alarmShape != null) {
            getChildren().remove(alarmShape);
            alarmShape = null;
        }
        alarmBorder.setVisible(p != null);
        alarmBorder.setOpacity(1);
        if (p == null) {
            return;
        }
        Color c = Isa101.alarm(p);
        alarmBorder.setStroke(c);
        alarmBorder.getStrokeDashArray().setAll(switch (p) {
            case CRITICAL, HIGH -> new Double[0];
            case MEDIUM -> new Double[] {8.0, 4.0};
            default -> new Double[] {3.0, 3.0};
        });
        alarmShape = AlarmIndicator.shapeOf(p, 16);
        alarmShape.setLayoutX(alarmBorder.getWidth() - PAD - 10);
        alarmShape.setLayoutY(-PAD - 10);
        alarmShape.setMouseTransparent(true);
        getChildren().add(alarmShape);
    }

    /** Blink step: an unacknowledged alarm's border shows on {@code on}, hides off; acknowledged ones stay. */
    void blink(boolean on) {
        if (alarm != null) {
            alarmBorder.setOpacity(unacked && !on ? 0.15 : 1);
        }
    }

    public AlarmPriority alarm() {
        return alarm;
    }

    public boolean alarmUnacknowledged() {
        return unacked;
    }
}
