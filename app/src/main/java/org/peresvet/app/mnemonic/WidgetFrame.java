package org.peresvet.app.mnemonic;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import org.peresvet.model.AlarmPriority;
import org.peresvet.screen.WidgetDef;

/**
 * A symbol placed on a screen with what the runtime lays over it: the alarm border (the priority's
 * colour, a line style per priority and its numbered shape, blinking while unacknowledged) and the
 * quality mark (a dashed violet outline, the symbol faded and a text like "LOST" or "BAD": shape
 * and text, not colour alone). A group's frame also holds its children's frames. The marks are
 * made when first needed: a screen opens with most of its symbols good and not in alarm, and
 * hidden nodes would still cost every one of them a CSS pass. FX thread only.
 */
public final class WidgetFrame extends Pane {
    private static final double PAD = 4;
    private final SymbolNode symbol;
    private final Props props;
    private Rectangle alarmBorder;
    private Rectangle qualityBorder;
    private Label qualityText;
    private Label commandNote;
    private String command;
    private String commandDetail;
    private boolean commandFailed;
    private Shape alarmShape;
    private AlarmPriority alarm;
    private boolean unacked;
    private String quality;
    private int ownNodes = 1;

    WidgetFrame(WidgetDef def) {
        this.props = new Props(def);
        this.symbol = Symbols.create(def);
        getStyleClass().add("widget-frame");
        setLayoutX(def.number("x", 0));
        setLayoutY(def.number("y", 0));
        setRotate(def.number("rotation", 0));
        setVisible(def.bool("visible"));
        setPickOnBounds(false);
        getChildren().add(symbol);
    }

    private Rectangle border() {
        Rectangle r = new Rectangle(-PAD, -PAD, Math.max(def().number("width", 0), 8) + 2 * PAD,
                Math.max(def().number("height", 0), 8) + 2 * PAD);
        r.setFill(null);
        r.setMouseTransparent(true);
        return r;
    }

    /** Adds a mark over the symbol and the children's frames. */
    private void addMark(Node n) {
        getChildren().add(n);
        ownNodes++;
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

    /** Adds a child's frame (groups), under the marks. */
    void addChild(WidgetFrame child) {
        getChildren().add(getChildren().size() - (ownNodes - 1), child);
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
        if (bad && qualityBorder == null) {
            qualityBorder = border();
            qualityBorder.setStroke(Isa101.BAD_QUALITY);
            qualityBorder.setStrokeWidth(2);
            qualityBorder.getStrokeDashArray().addAll(5.0, 4.0);
            qualityText = new Label();
            qualityText.setFont(SymbolTexts.bold(10));
            qualityText.setStyle("-fx-background-color: white; -fx-border-color: #8E24AA; -fx-padding: 0 2 0 2;");
            qualityText.setTextFill(Isa101.BAD_QUALITY);
            qualityText.setLayoutX(-PAD);
            qualityText.setLayoutY(-PAD - 15);
            qualityText.setMouseTransparent(true);
            qualityText.getStyleClass().add("quality-mark");
            addMark(qualityBorder);
            addMark(qualityText);
        }
        if (qualityBorder != null) {
            qualityBorder.setVisible(bad);
            qualityText.setVisible(bad);
            qualityText.setText(bad ? word : "");
        }
        symbol.setOpacity(bad ? 0.45 : 1);
    }

    /**
     * Shows how the last command from this symbol fares, under it in a word or two ("sending…",
     * "✓ confirmed", "✕ TIMEOUT"; the status line and the faceplate give {@code detail}, the
     * whole reason); null clears it.
     */
    void showCommand(String text, String detail, boolean failed) {
        command = text;
        commandDetail = detail;
        commandFailed = failed;
        if (commandNote == null) {
            if (text == null) {
                return;
            }
            commandNote = new Label();
            commandNote.setFont(SymbolTexts.bold(10));
            // about as wide as the symbol, so it covers as little of its neighbours as it can
            commandNote.setMaxWidth(Math.max(def().number("width", 0), 120));
            commandNote.setLayoutX(0);
            commandNote.setLayoutY(Math.max(def().number("height", 0), 8) + 3);
            commandNote.setMouseTransparent(true);
            commandNote.getStyleClass().add("command-note");
            addMark(commandNote);
        }
        commandNote.setVisible(text != null);
        commandNote.setText(text == null ? "" : text);
        // abnormal in words and a heavy outline, not colour alone
        commandNote.setStyle(failed ? "-fx-background-color: white; -fx-border-color: #C62828; -fx-border-width: 2; -fx-text-fill: #C62828; -fx-padding: 1 3 1 3;"
                : "-fx-background-color: white; -fx-border-color: #9A9A9A; -fx-text-fill: #333333; -fx-padding: 1 3 1 3;");
    }

    /** The last command's note on the symbol, or null. */
    public String command() {
        return command;
    }

    /** The last command's outcome in full (what the status line said), or null. */
    public String commandDetail() {
        return commandDetail;
    }

    public boolean commandFailed() {
        return commandFailed;
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
            alarmShape.setVisible(false);
        }
        if (alarmBorder != null) {
            alarmBorder.setVisible(p != null);
            alarmBorder.setOpacity(1);
        }
        if (p == null) {
            return;
        }
        if (alarmBorder == null) {
            alarmBorder = border();
            alarmBorder.setStrokeWidth(3);
            addMark(alarmBorder);
        }
        Color c = Isa101.alarm(p);
        alarmBorder.setStroke(c);
        alarmBorder.getStrokeDashArray().setAll(switch (p) {
            case CRITICAL, HIGH -> new Double[0];
            case MEDIUM -> new Double[] {8.0, 4.0};
            default -> new Double[] {3.0, 3.0};
        });
        Shape shape = AlarmIndicator.shapeOf(p, 16);
        shape.setLayoutX(alarmBorder.getWidth() - PAD - 10);
        shape.setLayoutY(-PAD - 10);
        shape.setMouseTransparent(true);
        if (alarmShape == null) {
            addMark(shape);
        } else {
            getChildren().set(getChildren().indexOf(alarmShape), shape);
        }
        alarmShape = shape;
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
