package org.peresvet.app.mnemonic;

import java.util.concurrent.ConcurrentHashMap;
import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Texts on symbols as plain {@link Text} nodes rather than labels: a screen holds thousands, and a
 * label is a control with a skin and a full CSS pass of its own (most of the time a 1,000-widget
 * screen took to open). Fonts are looked up once per weight and size.
 */
final class SymbolTexts {
    private static final ConcurrentHashMap<Double, Font> BOLD = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Double, Font> NORMAL = new ConcurrentHashMap<>();

    private SymbolTexts() {
    }

    static Font bold(double size) {
        return BOLD.computeIfAbsent(size, s -> Font.font("System", FontWeight.BOLD, s));
    }

    static Font normal(double size) {
        return NORMAL.computeIfAbsent(size, s -> Font.font("System", FontWeight.NORMAL, s));
    }

    /**
     * A one-line text in a box {@code width} wide starting at {@code x}, aligned in it, its middle
     * at {@code midY}.
     */
    static Text line(Font font, Color fill, TextAlignment align, double x, double width, double midY) {
        Text t = new Text();
        t.setFont(font);
        t.setFill(fill);
        t.setTextOrigin(VPos.CENTER);
        t.setTextAlignment(align);
        t.setWrappingWidth(Math.max(1, width));
        t.setX(x);
        t.setY(midY);
        t.setMouseTransparent(true);
        return t;
    }

    /** A text whose top is at {@code y}, left at {@code x}, one line as long as it is. */
    static Text at(Font font, Color fill, double x, double y) {
        Text t = new Text();
        t.setFont(font);
        t.setFill(fill);
        t.setTextOrigin(VPos.TOP);
        t.setX(x);
        t.setY(y);
        t.setMouseTransparent(true);
        return t;
    }
}
