package org.peresvet.app.mnemonic;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import org.peresvet.screen.WidgetDef;

/**
 * A state shown as a word from "value=text" pairs ("0=Stopped;1=Running;2=Fault!"): a state
 * marked '!' is abnormal and shows amber with a "!" mark; an unknown value shows "? value".
 */
final class MultiStateSymbol extends SymbolNode {
    private final Label text = new Label();

    MultiStateSymbol(WidgetDef def) {
        super(def);
        text.setPrefSize(w(), h());
        text.setAlignment(Pos.CENTER);
        text.setFont(SymbolTexts.of(def, Math.max(9, Math.min(h() * 0.55, 16)), true));
        text.getStyleClass().add("symbol-value");
        getChildren().add(text);
    }

    /** The states by value ("1" or "1.0" both match 1). */
    static Map<String, String> states(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(key(pair.substring(0, eq).trim()), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static String key(String v) {
        try {
            double d = Double.parseDouble(v);
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        } catch (NumberFormatException e) {
            return v.toLowerCase(Locale.ROOT);
        }
    }

    @Override
    protected void render(Props p) {
        Object raw = p.get("value");
        String k = raw == null ? "" : key(raw instanceof Boolean b ? (b ? "1" : "0") : raw.toString());
        String word = states(p.text("states")).get(k);
        boolean abnormal = word != null && word.endsWith("!");
        String shown = word == null ? (raw == null ? "\u2014" : "? " + raw) : abnormal ? "! " + word.substring(0, word.length() - 1) : word;
        text.setText(shown);
        text.setStyle(abnormal ? "-fx-background-color: #F2B705; -fx-border-color: #333333; -fx-text-fill: #1A1A1A;"
                : "-fx-background-color: #EFEFEF; -fx-border-color: #9A9A9A; -fx-text-fill: #1A1A1A;");
    }
}
