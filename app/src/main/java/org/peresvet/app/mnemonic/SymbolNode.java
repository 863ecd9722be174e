package org.peresvet.app.mnemonic;

import java.util.Locale;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.peresvet.screen.WidgetDef;

/**
 * The JavaFX representation of one widget, shared by the runtime and the editor: vector shapes
 * drawn in the widget's own width × height box (so it scales cleanly), built once, with
 * {@link #show(Props)} changing only what the values change. Position, rotation and visibility
 * are the caller's ({@link WidgetFrame}). FX thread only.
 */
public abstract class SymbolNode extends Pane {
    private final WidgetDef def;
    private Runnable onActivate = () -> { };

    protected SymbolNode(WidgetDef def) {
        this.def = def;
        getStyleClass().addAll("symbol", "symbol-" + def.type());
        if (!def.text("styleClass").isBlank()) {
            getStyleClass().addAll(def.text("styleClass").trim().split("\\s+"));
        }
        double w = def.number("width", 0);
        double h = def.number("height", 0);
        if (w > 0 && h > 0) {
            setPrefSize(w, h);
            setMinSize(w, h);
            setMaxSize(w, h);
        }
        setPickOnBounds(false);
    }

    public WidgetDef def() {
        return def;
    }

    /** Shows {@code p}: the definition's values with the live ones over them. */
    public final void show(Props p) {
        render(p);
    }

    protected abstract void render(Props p);

    /** What a control does when the operator uses it; the runtime sets it, the editor leaves it. */
    public void setOnActivate(Runnable r) {
        onActivate = r == null ? () -> { } : r;
    }

    protected void activate() {
        onActivate.run();
    }

    /** The runtime shows the symbol live: start what it fetches by itself (a camera's stream). */
    public void start() {
    }

    /** The symbol is no longer shown: stop what {@link #start()} started. */
    public void dispose() {
    }

    /** Whether the widget is a control that writes or navigates (an operator can use it). */
    public boolean isControl() {
        return false;
    }

    double w() {
        return def.number("width", 0);
    }

    double h() {
        return def.number("height", 0);
    }

    /** A number as the widget shows it: {@code decimals} places, "—" when there is none. */
    static String format(double v, Props p) {
        if (Double.isNaN(v)) {
            return "\u2014";
        }
        int d = (int) Math.max(0, Math.min(9, p.number("decimals")));
        return String.format(Locale.ROOT, "%." + d + "f", v);
    }

    /** A small label, centred under the symbol (the equipment's name). */
    static Text caption(double w, double y) {
        // wider than small symbols, centred under them, so names are not cut
        double width = Math.max(w, 140);
        return SymbolTexts.line(SymbolTexts.normal(11), Isa101.TEXT, TextAlignment.CENTER, (w - width) / 2, width, y + 8);
    }
}
