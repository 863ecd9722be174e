package org.peresvet.app.mnemonic;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.peresvet.screen.WidgetDef;

/**
 * Texts on symbols as plain {@link Text} nodes rather than labels: a screen holds thousands, and a
 * label is a control with a skin and a full CSS pass of its own (most of the time a 1,000-widget
 * screen took to open). Fonts are looked up once per weight and size.
 */
final class SymbolTexts {
    private static final ConcurrentHashMap<Double, Font> BOLD = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Double, Font> NORMAL = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Font> CHOSEN = new ConcurrentHashMap<>();
    /** Sizes beyond these are typing mistakes, not fonts anyone reads on a screen. */
    static final double MIN_SIZE = 4;
    static final double MAX_SIZE = 200;

    private SymbolTexts() {
    }

    static Font bold(double size) {
        return BOLD.computeIfAbsent(size, s -> Font.font("System", FontWeight.BOLD, s));
    }

    static Font normal(double size) {
        return NORMAL.computeIfAbsent(size, s -> Font.font("System", FontWeight.NORMAL, s));
    }

    /**
     * The font a widget's {@code fontFamily}, {@code fontSize} and {@code fontWeight} choose; what
     * is not chosen is the symbol's own ({@code ownSize}, bold or not, the system family).
     */
    static Font of(WidgetDef def, double ownSize, boolean ownBold) {
        String family = optional(def, "fontFamily", "");
        Double chosen = def.widgetType().property("fontSize") == null ? null : def.number("fontSize");
        double size = chosen == null ? ownSize : Math.max(MIN_SIZE, Math.min(MAX_SIZE, chosen));
        String weight = optional(def, "fontWeight", "auto");
        boolean bold = weight.equals("auto") ? ownBold : weight.equals("bold");
        if (family.isEmpty()) {
            return bold ? bold(size) : normal(size);
        }
        return CHOSEN.computeIfAbsent(family + '|' + bold + '|' + size,
                k -> Font.font(family, bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
    }

    /** Whether the widget chose any part of its font (a control keeps its style sheet's otherwise). */
    static boolean chosen(WidgetDef def) {
        return !optional(def, "fontFamily", "").isEmpty() || !optional(def, "fontWeight", "auto").equals("auto")
                || def.widgetType().property("fontSize") != null && def.number("fontSize") != null;
    }

    /** The chosen parts of a widget's font as an inline style ("" when none): controls are styled, not set. */
    static String css(WidgetDef def) {
        StringBuilder b = new StringBuilder();
        String family = optional(def, "fontFamily", "").replaceAll("[\"';{}\\\\]", "");
        if (!family.isEmpty()) {
            b.append("-fx-font-family: \"").append(family).append("\"; ");
        }
        Double size = def.widgetType().property("fontSize") == null ? null : def.number("fontSize");
        if (size != null) {
            b.append(String.format(Locale.ROOT, "-fx-font-size: %.1fpx; ", Math.max(MIN_SIZE, Math.min(MAX_SIZE, size))));
        }
        String weight = optional(def, "fontWeight", "auto");
        if (!weight.equals("auto")) {
            b.append("-fx-font-weight: ").append(weight).append("; ");
        }
        return b.toString();
    }

    private static String optional(WidgetDef def, String property, String none) {
        return def.widgetType().property(property) == null ? none : def.text(property);
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
