package org.peresvet.app.mnemonic.editor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.peresvet.screen.SymbolDef;

/**
 * The two forms of the library: saving a selection (its name and the object whose bindings become
 * the parameter) and placing a symbol (a value per parameter, the object chosen from the model's
 * objects, which also fills in its name). Shown through the workstation's dialog service. FX thread.
 */
final class SymbolForms {
    /** What the save form answers. */
    record Save(String name, String object) {
    }

    private SymbolForms() {
    }

    /** The save form, the detected object proposed. */
    static Dialog<Save> save(SymbolDraft draft, Collection<String> objects) {
        Dialog<Save> d = new Dialog<>();
        d.setTitle(EditorText.get("symbol.saveTitle"));
        d.setHeaderText(EditorText.get("symbol.saveHeader"));
        TextField name = new TextField();
        name.setId("symbol-name");
        ComboBox<String> object = objectBox("symbol-object", objects, draft.objectPath());
        Label help = new Label(EditorText.get("symbol.objectHelp"));
        help.setWrapText(true);
        help.setMaxWidth(360);
        GridPane g = grid();
        g.addRow(0, new Label(EditorText.get("symbol.name")), name);
        g.addRow(1, new Label(EditorText.get("symbol.object")), object);
        g.add(help, 1, 2);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(name.textProperty().isEmpty());
        d.setResultConverter(b -> b == ButtonType.OK && !name.getText().isBlank()
                ? new Save(name.getText().strip(), text(object)) : null);
        return d;
    }

    /** The place form: one field per parameter; the object's list also fills {@code name}. */
    static Dialog<Map<String, String>> place(SymbolDef def, Collection<String> objects) {
        Dialog<Map<String, String>> d = new Dialog<>();
        d.setTitle(EditorText.get("symbol.placeTitle", def.name()));
        d.setHeaderText(EditorText.get("symbol.placeHeader", def.name()));
        GridPane g = grid();
        Map<String, Object> fields = new LinkedHashMap<>();
        int row = 0;
        for (String p : def.parameters()) {
            Node field;
            if (SymbolDraft.OBJ.equals(p)) {
                field = objectBox("param-" + p, objects, "");
            } else {
                TextField t = new TextField();
                t.setId("param-" + p);
                field = t;
            }
            fields.put(p, field);
            g.addRow(row++, new Label(p), field);
        }
        if (fields.get(SymbolDraft.OBJ) instanceof ComboBox<?> box && fields.get(SymbolDraft.NAME) instanceof TextField nameField) {
            // choosing Pump2 names it Pump2 unless the engineer typed another name
            box.valueProperty().addListener((o, a, v) -> {
                String before = SymbolDraft.valuesFor(a == null ? "" : a.toString()).getOrDefault(SymbolDraft.NAME, "");
                if (v != null && (nameField.getText().isBlank() || nameField.getText().equals(before))) {
                    nameField.setText(SymbolDraft.valuesFor(v.toString()).getOrDefault(SymbolDraft.NAME, ""));
                }
            });
        }
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            fields.forEach((p, f) -> {
                String v = f instanceof TextField t ? t.getText() : text((ComboBox<?>) f);
                if (v != null && !v.isBlank()) {
                    out.put(p, v.strip());
                }
            });
            return out;
        });
        return d;
    }

    private static ComboBox<String> objectBox(String id, Collection<String> objects, String value) {
        ComboBox<String> c = new ComboBox<>();
        c.setId(id);
        c.setEditable(true);
        c.getItems().setAll(List.copyOf(objects));
        c.setValue(value);
        c.setPrefWidth(260);
        return c;
    }

    /** An editable combo box's text, typed or chosen. */
    private static String text(ComboBox<?> c) {
        if (c.getSkin() != null) {
            // shown: what is typed counts even before Enter (without a skin the editor is not in sync)
            c.commitValue();
        }
        return c.getValue() == null ? "" : c.getValue().toString().strip();
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        return g;
    }
}
