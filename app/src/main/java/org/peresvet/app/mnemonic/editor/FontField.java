package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Font;
import org.peresvet.screen.WidgetDef;

/**
 * The font of a text-bearing widget as one row of the property sheet: the family (the system's
 * fonts, each shown in itself; "System" is the default), the size in px (empty: the symbol's own,
 * which follows its height) and the weight. A change of any part is one undoable edit. FX thread.
 */
final class FontField {
    static final String FAMILY = "fontFamily";
    static final String SIZE = "fontSize";
    static final String WEIGHT = "fontWeight";
    private static final Set<String> PARTS = Set.of(FAMILY, SIZE, WEIGHT);
    /** Looked up once: the system's font list does not change while the editor runs. */
    private static List<String> families;

    private final EditorModel model;
    private final ComboBox<String> family = new ComboBox<>();
    private final TextField size = new TextField();
    private final ComboBox<String> weight = new ComboBox<>();
    private final HBox view;

    /** Whether a widget's property is a part of its font (the sheet shows one row for all three). */
    static boolean part(String property) {
        return PARTS.contains(property);
    }

    FontField(EditorModel model, WidgetDef w) {
        this.model = model;
        family.setId("font-family");
        family.getItems().setAll(families());
        if (!w.text(FAMILY).isEmpty() && !family.getItems().contains(w.text(FAMILY))) {
            family.getItems().add(1, w.text(FAMILY)); // a font this machine lacks stays chosen
        }
        family.setValue(w.text(FAMILY));
        family.setCellFactory(v -> new FamilyCell(true));
        family.setButtonCell(new FamilyCell(false));
        family.setVisibleRowCount(14);
        family.setOnAction(e -> commit());
        // the box is narrow in the sheet: the whole name shows on hover
        family.setTooltip(new Tooltip());
        family.getTooltip().textProperty().bind(family.valueProperty().map(f -> f.isEmpty() ? EditorText.get("sheet.fontSystem") : f));
        size.setId("font-size");
        size.setPromptText(EditorText.get("sheet.fontOwnSize"));
        Double s = w.number(SIZE);
        size.setText(s == null ? "" : PropertySheet.fmt(s));
        size.setOnAction(e -> commit());
        size.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        weight.setId("font-weight");
        weight.getItems().setAll(w.widgetType().property(WEIGHT).choices());
        weight.setValue(w.text(WEIGHT));
        weight.setCellFactory(v -> new WeightCell());
        weight.setButtonCell(new WeightCell());
        weight.setOnAction(e -> commit());
        // One line, so the sheet's rows below keep their places: family, size (px), weight.
        family.setMinWidth(60);
        family.setPrefWidth(110);
        size.setMinWidth(40);
        size.setPrefWidth(44);
        size.setTooltip(new Tooltip(EditorText.get("sheet.fontSize")));
        weight.setMinWidth(64);
        weight.setPrefWidth(90);
        view = new HBox(4, family, size, weight);
        view.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(family, Priority.ALWAYS);
        family.setMaxWidth(Double.MAX_VALUE);
    }

    Node view() {
        return view;
    }

    ComboBox<String> family() {
        return family;
    }

    TextField size() {
        return size;
    }

    ComboBox<String> weight() {
        return weight;
    }

    /** Puts the three parts into the focused widget; a size that is not a number is marked and kept out. */
    private void commit() {
        WidgetDef now = model.focused();
        if (now == null || now.widgetType().property(FAMILY) == null) {
            return;
        }
        Double s;
        String t = size.getText().strip().replace(',', '.');
        try {
            s = t.isEmpty() ? null : Double.valueOf(t);
            if (s != null && !(s > 0 && s <= 200)) {
                throw new NumberFormatException();
            }
            size.setStyle("");
        } catch (NumberFormatException e) {
            size.setStyle("-fx-border-color: #b00020;");
            return;
        }
        WidgetDef next = now.with(FAMILY, Objects.requireNonNullElse(family.getValue(), ""))
                .with(SIZE, s).with(WEIGHT, Objects.requireNonNullElse(weight.getValue(), "auto"));
        model.replace(EditorText.get("undo.font", now.id()), now, next);
    }

    /** "" (the system font) and then every family installed. */
    static synchronized List<String> families() {
        if (families == null) {
            List<String> all = new ArrayList<>();
            all.add("");
            all.addAll(Font.getFamilies());
            families = List.copyOf(all);
        }
        return families;
    }

    /** A family by name, shown in itself in the list (the closed box keeps the sheet's font). */
    private static final class FamilyCell extends ListCell<String> {
        private final boolean preview;

        FamilyCell(boolean preview) {
            this.preview = preview;
        }

        @Override
        protected void updateItem(String f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setText(null);
                setFont(Font.getDefault());
                return;
            }
            setText(f.isEmpty() ? EditorText.get("sheet.fontSystem") : f);
            setFont(preview && !f.isEmpty() ? Font.font(f, Font.getDefault().getSize()) : Font.getDefault());
        }
    }

    private static final class WeightCell extends ListCell<String> {
        @Override
        protected void updateItem(String w, boolean empty) {
            super.updateItem(w, empty);
            setText(empty || w == null ? null : EditorText.get("sheet.fontWeight." + w));
        }
    }
}
