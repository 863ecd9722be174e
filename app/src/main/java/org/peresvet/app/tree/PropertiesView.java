package org.peresvet.app.tree;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.app.fx.Views;
import org.peresvet.model.SourceKind;
import org.peresvet.model.ValueType;

/**
 * The property sheet of the selected tree items over a {@link PropertiesModel}: one row per field,
 * its name (the description as tooltip) and its editor, in the model's order. Each
 * field commits on Enter or when it loses focus; a refused value shows its reason right under the
 * field, and the field returns to the model's value.
 */
public final class PropertiesView {
    @FXML
    private Label selectionTitle;
    @FXML
    private Label modeNote;
    @FXML
    private VBox sheetHolder;
    @FXML
    private Label emptyNote;
    @FXML
    private VBox formulaBox;
    @FXML
    private Label formulaText;
    @FXML
    private javafx.scene.control.Button formulaButton;
    private java.util.function.Consumer<FormulaRef> formulaListener = r -> {
    };

    private final PropertiesModel model;
    private final GridPane grid = new GridPane();
    private final ScrollPane sheet = new ScrollPane(grid);
    private final Parent view;

    public PropertiesView(PropertiesModel model) {
        this.model = model;
        this.view = Views.load("properties.fxml", this);
        // One flat list in the model's order: a refused value must never sit in a collapsed pane.
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Control.USE_PREF_SIZE);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setHgrow(Priority.ALWAYS);
        editors.setFillWidth(true);
        grid.getColumnConstraints().setAll(names, editors);
        grid.setHgap(8);
        grid.setVgap(4);
        grid.getStyleClass().add("property-grid");
        sheet.setFitToWidth(true);
        sheet.getStyleClass().add("property-sheet");
        VBox.setVgrow(sheet, Priority.ALWAYS);
        sheetHolder.getChildren().add(sheet);
        selectionTitle.textProperty().bind(model.titleProperty());
        modeNote.visibleProperty().bind(model.editableProperty().not());
        modeNote.managedProperty().bind(modeNote.visibleProperty());
        model.rows().addListener((ListChangeListener<PropertiesModel.Row>) c -> rebuild());
        model.editableProperty().addListener((obs, o, n) -> rebuild());
        formulaBox.visibleProperty().bind(model.formulaProperty().isNotNull());
        formulaBox.managedProperty().bind(formulaBox.visibleProperty());
        formulaText.textProperty().bind(model.formulaTextProperty());
        rebuild();
    }

    /** Where "Edit formula…" goes (the shell opens the formula editor). */
    public void onEditFormula(java.util.function.Consumer<FormulaRef> listener) {
        formulaListener = listener;
    }

    @FXML
    void editFormula() {
        FormulaRef r = model.formulaProperty().get();
        if (r != null) {
            formulaListener.accept(r);
        }
    }

    public Parent view() {
        return view;
    }

    private void rebuild() {
        grid.getChildren().clear();
        int r = 0;
        for (PropertiesModel.Row row : model.rows()) {
            Label name = new Label(row.label());
            name.getStyleClass().add("property-name");
            if (row.description() != null && !row.description().isEmpty()) {
                Tooltip.install(name, new Tooltip(row.description()));
            }
            Node editor = new FieldEditor(row).getEditor();
            GridPane.setHgrow(editor, Priority.ALWAYS);
            grid.addRow(r++, name, editor);
        }
        boolean empty = model.rows().isEmpty();
        emptyNote.setVisible(empty);
        emptyNote.setManaged(empty);
        sheet.setVisible(!empty);
        sheetHolder.setVisible(!empty);
        sheetHolder.setManaged(!empty);
    }

    /** The editor of one field: the input control with the refusal reason under it. */
    private static final class FieldEditor {
        private final PropertiesModel.Row row;
        private final VBox box;
        private final Control input;
        private final Label error = new Label();
        private boolean updating;

        FieldEditor(PropertiesModel.Row row) {
            this.row = row;
            this.input = createInput();
            input.setId("field-" + row.field().key());
            input.setMaxWidth(Double.MAX_VALUE);
            if (input instanceof TextField t) {
                // Read-only, not disabled: an operator must still read the value clearly.
                t.editableProperty().bind(row.editableProperty());
            } else {
                input.disableProperty().bind(row.editableProperty().not());
            }
            error.getStyleClass().add("field-error");
            error.setId("error-" + row.field().key());
            error.setWrapText(true);
            error.textProperty().bind(row.errorProperty());
            error.visibleProperty().bind(row.errorProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            row.errorProperty().addListener((obs, o, n) -> {
                input.getStyleClass().remove("field-invalid");
                if (!n.isEmpty()) {
                    input.getStyleClass().add("field-invalid");
                }
            });
            Tooltip.install(input, new Tooltip(row.description()));
            box = new VBox(2, input, error);
            row.valueProperty().addListener((obs, o, n) -> show());
            show();
        }

        private Control createInput() {
            return switch (row.field().kind()) {
                case BOOLEAN -> {
                    CheckBox c = new CheckBox();
                    c.setOnAction(e -> {
                        if (!updating) {
                            row.commit(c.isSelected());
                        }
                    });
                    yield c;
                }
                case VALUE_TYPE -> combo(ValueType.values());
                case SOURCE -> combo(SourceKind.values());
                default -> {
                    TextField t = new TextField();
                    t.setOnAction(e -> commitText(t));
                    t.focusedProperty().addListener((obs, was, is) -> {
                        if (!is) {
                            commitText(t);
                        }
                    });
                    t.setOnKeyPressed(e -> {
                        if (e.getCode() == KeyCode.ESCAPE) {
                            show();
                            e.consume();
                        }
                    });
                    yield t;
                }
            };
        }

        private <E> ComboBox<E> combo(E[] values) {
            ComboBox<E> c = new ComboBox<>();
            c.getItems().setAll(values);
            c.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(E v) {
                    return v == null ? "" : row.field().format(v);
                }

                @Override
                public E fromString(String s) {
                    return null;
                }
            });
            c.setOnAction(e -> {
                if (!updating && c.getValue() != null && !c.getValue().equals(row.getValue())) {
                    row.commit(c.getValue());
                }
            });
            return c;
        }

        private void commitText(TextField t) {
            if (updating || !t.isEditable()) {
                return;
            }
            String shown = row.isMixed() ? "" : row.field().format(row.getValue());
            if (!t.getText().equals(shown)) {
                row.commitText(t.getText());
            }
        }

        @SuppressWarnings("unchecked")
        private void show() {
            updating = true;
            try {
                Object v = row.getValue();
                if (input instanceof TextField t) {
                    t.setText(row.isMixed() ? "" : row.field().format(v));
                    t.setPromptText(row.isMixed() ? Messages.get("properties.mixed") : "");
                } else if (input instanceof CheckBox c) {
                    c.setIndeterminate(row.isMixed());
                    c.setSelected(Boolean.TRUE.equals(v));
                } else if (input instanceof ComboBox<?> c) {
                    ((ComboBox<Object>) c).setValue(v);
                    c.setPromptText(row.isMixed() ? Messages.get("properties.mixed") : "");
                }
            } finally {
                updating = false;
            }
        }

        Node getEditor() {
            return box;
        }
    }
}
