package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.fx.Views;
import org.peresvet.app.fx.Watch;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/**
 * The object view: the tags of the object selected in the tree, with live values (through the
 * bridge: one update per tag per pulse), quality in words and colour, time, and the tag's most
 * urgent alarm. An operator writes a value to a manual or device tag after confirming the
 * old and the new value; the result is shown above the table. FX thread only.
 */
public final class ObjectView implements WorkspaceTab {
    public static final String KEY = "object";

    @FXML
    private Label objectPath;
    @FXML
    private Label objectDescription;
    @FXML
    private Button writeButton;
    @FXML
    private Label writeResult;
    @FXML
    private TableView<TagRow> table;
    @FXML
    private Label placeholder;
    @FXML
    private TableColumn<TagRow, String> nameColumn;
    @FXML
    private TableColumn<TagRow, Sample> valueColumn;
    @FXML
    private TableColumn<TagRow, Sample> qualityColumn;
    @FXML
    private TableColumn<TagRow, Sample> timeColumn;
    @FXML
    private TableColumn<TagRow, String> alarmColumn;
    @FXML
    private TableColumn<TagRow, String> sourceColumn;
    @FXML
    private TableColumn<TagRow, String> descriptionColumn;

    private final ValueBridge bridge;
    private final ReadOnlyObjectProperty<ModelSnapshot> model;
    private final WriteService.Target writeTarget;
    private final Parent view;
    private UUID objectId;
    private Watch watch;
    private final DialogService dialogs;
    /** Per tag, a short text of its most urgent alarm that is not normal, e.g. "◆ Hi ! Unack". */
    private final javafx.beans.property.ObjectProperty<java.util.Map<UUID, String>> alarmMarks =
            new javafx.beans.property.SimpleObjectProperty<>(this, "alarmMarks", java.util.Map.of());

    /**
     * @param writeTarget where writes go; looked up at each write, since the project can change
     */
    public ObjectView(ValueBridge bridge, java.util.function.Supplier<WriteService.Target> writeTarget, DialogService dialogs) {
        this.bridge = bridge;
        this.dialogs = dialogs;
        this.model = bridge.modelProperty();
        this.writeTarget = new DeferredTarget(writeTarget);
        this.view = Views.load("object-view.fxml", this);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        nameColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().def().name()));
        sourceColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().def().calculated() ? Messages.get("source.calculated")
                : Messages.get("source." + c.getValue().def().source().label())));
        descriptionColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().def().description()));
        // Alarm state: the tag's most urgent alarm that is not normal (set by the shell from the alarm list).
        alarmColumn.setCellValueFactory(c -> {
            java.util.UUID id = c.getValue().def().id();
            return javafx.beans.binding.Bindings.createStringBinding(() -> alarmMarks.get().getOrDefault(id, ""), alarmMarks);
        });
        valueColumn.setCellValueFactory(c -> c.getValue().live().sampleProperty());
        qualityColumn.setCellValueFactory(c -> c.getValue().live().sampleProperty());
        timeColumn.setCellValueFactory(c -> c.getValue().live().sampleProperty());
        valueColumn.setCellFactory(c -> new SampleCell(ValueFormat::value, "value-cell"));
        qualityColumn.setCellFactory(c -> new QualityCell());
        timeColumn.setCellFactory(c -> new SampleCell((t, s) -> ValueFormat.liveTime(s), "time-cell"));
        table.setRowFactory(t -> {
            TableRow<TagRow> row = new TableRow<>() {
                @Override
                protected void updateItem(TagRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(WRITABLE, !empty && item != null && ValueFormat.writable(item.def()));
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    // A value that cannot be written shows its last hour; a writable one opens the write dialog.
                    if (ValueFormat.writable(row.getItem().def())) {
                        writeSelected();
                    } else {
                        popupTrend.accept(row.getItem().def().id());
                    }
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                writeSelected();
                e.consume();
            }
        });
        writeButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> {
                    TagRow r = table.getSelectionModel().getSelectedItem();
                    return r == null || !ValueFormat.writable(r.def());
                }, table.getSelectionModel().selectedItemProperty()));
        model.addListener((obs, o, m) -> refresh(m));
        show(null, null);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return Messages.get("objectView.title");
    }

    @Override
    public Node content() {
        return view;
    }

    @Override
    public boolean closable() {
        return false;
    }

    /** The alarm column's texts per tag id (FX thread; replace the whole map when anything changes). */
    public javafx.beans.property.ObjectProperty<java.util.Map<UUID, String>> alarmMarksProperty() {
        return alarmMarks;
    }

    private java.util.function.Consumer<UUID> popupTrend = id -> {
    };

    /** Where a double-click on a value that cannot be written goes (the shell opens a popup trend). */
    public void onPopupTrend(java.util.function.Consumer<UUID> listener) {
        popupTrend = listener;
    }

    public TableView<TagRow> table() {
        return table;
    }

    /** Shows the tags of {@code object} (null: nothing), selecting {@code tag} when given. */
    public void show(UUID object, UUID tag) {
        objectId = object;
        writeResult.setText("");
        writeResult.getStyleClass().removeAll("write-ok", "write-failed");
        refresh(model.get());
        if (tag != null) {
            for (TagRow r : table.getItems()) {
                if (r.def().id().equals(tag)) {
                    table.getSelectionModel().select(r);
                    table.scrollTo(r);
                    break;
                }
            }
        }
    }

    /** Follows the tree: an object shows itself, a tag shows its object with the tag selected. */
    public void follow(List<NodeRef> selection) {
        if (selection.size() != 1) {
            return;
        }
        NodeRef r = selection.get(0);
        ModelSnapshot m = model.get();
        if (m == null) {
            return;
        }
        if (r.isObject()) {
            if (!r.id().equals(objectId)) {
                show(r.id(), null);
            }
        } else {
            show(r.parentIn(m), r.id());
        }
    }

    private void refresh(ModelSnapshot m) {
        ObjectDef o = m == null || objectId == null ? null : m.object(objectId);
        if (o == null) {
            objectId = null;
            objectPath.setText(Messages.get("objectView.none"));
            objectDescription.setText("");
            placeholder.setText("");
            replaceRows(List.of());
            return;
        }
        placeholder.setText(Messages.get("table.empty"));
        objectPath.setText(m.objectPath(o.id()));
        objectDescription.setText(o.description());
        List<TagDef> tags = m.tagsOf(o.id());
        boolean same = tags.size() == table.getItems().size();
        for (int i = 0; same && i < tags.size(); i++) {
            same = tags.get(i).equals(table.getItems().get(i).def());
        }
        if (!same) {
            replaceRows(tags);
        }
    }

    private void replaceRows(List<TagDef> tags) {
        UUID selected = Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(r -> r.def().id()).orElse(null);
        // Watch the new set before releasing the old, so shared live values are kept.
        Watch next = bridge.watch(tags.stream().map(TagDef::id).toList());
        List<TagRow> rows = new ArrayList<>(tags.size());
        for (TagDef t : tags) {
            rows.add(new TagRow(t, next.get(t.id())));
        }
        table.getItems().setAll(rows);
        if (watch != null) {
            watch.close();
        }
        watch = next;
        if (selected != null) {
            rows.stream().filter(r -> r.def().id().equals(selected)).findFirst().ifPresent(r -> table.getSelectionModel().select(r));
        }
    }

    // ---- writing ----

    /** Asks for a new value of the selected tag, confirms old and new, writes, and shows the result. */
    @FXML
    public void writeSelected() {
        TagRow row = table.getSelectionModel().getSelectedItem();
        if (row == null || !ValueFormat.writable(row.def())) {
            showResult(false, Messages.get("write.noSelection"));
            return;
        }
        ModelSnapshot m = model.get();
        TagDef t = row.def();
        String path = m.tagPath(t.id());
        Sample old = row.live().getSample();
        Optional<Object> value = askValue(t, path, old);
        if (value.isEmpty()) {
            return;
        }
        String newText = ValueFormat.value(t, Sample.of(0, value.get()));
        boolean device = WriteService.toDevice(t);
        WriteService.Target target = writeTarget;
        Optional<String> rule = writeTarget.reasonRequired(t.id());
        if (rule.isPresent()) {
            // A rule of the project wants to know why: the same confirmation, with a field for the reason.
            Optional<String> reason = dialogs.confirmWithReason(confirmation(path, ValueFormat.value(t, old), newText, device),
                    Messages.get("reason.required", rule.get()));
            if (reason.isEmpty()) {
                return;
            }
            target = writeTarget.withReason(reason.get());
        } else if (!confirm(path, ValueFormat.value(t, old), newText, device)) {
            return;
        }
        WriteService.Target to = target;
        // A device write waits for the echo (seconds at most): say so until the verdict arrives.
        showResult(true, Messages.get(device ? "write.sending" : "write.writing", newText, path));
        writeResult.getStyleClass().removeAll("write-ok", "write-failed");
        FxTasks.run(() -> WriteService.write(to, t.id(), value.get()),
                r -> showResult(r.confirmed(), r.message()),
                e -> showResult(false, Messages.get("write.failed", path, e.getMessage())));
    }

    /** The first dialog: the tag, its current value, and a field for the new one (checked as typed). */
    Dialog<Object> valueDialog(TagDef t, String path, Sample old) {
        Dialog<Object> d = new Dialog<>();
        d.setTitle(Messages.get("write.title"));
        d.setHeaderText(Messages.get("write.header", path));
        ButtonType next = new ButtonType(Messages.get("write.next"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(next, ButtonType.CANCEL);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        TextField input = new TextField(old == null || old.y() == null ? "" : ValueFormat.plain(t, old.y()));
        input.setId("write-input");
        Label error = new Label();
        error.setId("write-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        grid.addRow(0, new Label(Messages.get("write.current")), new Label(ValueFormat.value(t, old) + "   (" + ValueFormat.quality(old) + ")"));
        grid.addRow(1, new Label(Messages.get("write.newValue")), new VBox(2, input, error));
        if (!t.units().isEmpty()) {
            grid.add(new Label(t.units()), 2, 1);
        }
        d.getDialogPane().setContent(grid);
        Node ok = d.getDialogPane().lookupButton(next);
        Runnable check = () -> {
            try {
                WriteService.parse(t, input.getText());
                error.setText("");
                input.getStyleClass().remove("field-invalid");
                ok.setDisable(false);
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
                if (!input.getStyleClass().contains("field-invalid")) {
                    input.getStyleClass().add("field-invalid");
                }
                ok.setDisable(true);
            }
        };
        input.textProperty().addListener((obs, o, n) -> check.run());
        check.run();
        d.setResultConverter(b -> b == next ? WriteService.parse(t, input.getText()) : null);
        d.setOnShown(e -> {
            input.requestFocus();
            input.selectAll();
        });
        return d;
    }

    private Optional<Object> askValue(TagDef t, String path, Sample old) {
        return dialogs.ask(valueDialog(t, path, old));
    }

    /**
     * The second question: old and new value side by side; Cancel is the default.
     *
     * @param device the value goes to a device and counts only once the device echoes it
     */
    DialogService.Confirmation confirmation(String path, String oldText, String newText, boolean device) {
        return new DialogService.Confirmation(Messages.get("write.confirmTitle"), Messages.get("write.confirmHeader", path, newText),
                Messages.get(device ? "write.confirmTextDevice" : "write.confirmText", oldText, newText), null, List.of(),
                Messages.get("write.confirm"), true);
    }

    private boolean confirm(String path, String oldText, String newText, boolean device) {
        return dialogs.confirm(confirmation(path, oldText, newText, device));
    }

    private void showResult(boolean ok, String text) {
        writeResult.setText(text);
        writeResult.getStyleClass().removeAll("write-ok", "write-failed");
        writeResult.getStyleClass().add(ok ? "write-ok" : "write-failed");
    }

    public Label writeResultLabel() {
        return writeResult;
    }

    @Override
    public void dispose() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        table.getItems().clear();
    }

    /** A write target looked up when used. */
    private record DeferredTarget(java.util.function.Supplier<WriteService.Target> supplier) implements WriteService.Target {
        @Override
        public ModelSnapshot model() {
            return supplier.get().model();
        }

        @Override
        public void write(UUID tagId, Sample sample) {
            supplier.get().write(tagId, sample);
        }

        @Override
        public void flush() {
            supplier.get().flush();
        }

        @Override
        public Sample current(UUID tagId) {
            return supplier.get().current(tagId);
        }

        @Override
        public java.util.concurrent.CompletableFuture<org.peresvet.runtime.WriteResult> writeToDevice(UUID tagId, Object value,
                                                                                                    String user) {
            return supplier.get().writeToDevice(tagId, value, user);
        }

        @Override
        public Optional<String> reasonRequired(UUID tagId) {
            return supplier.get().reasonRequired(tagId);
        }

        @Override
        public WriteService.Target withReason(String reason) {
            return supplier.get().withReason(reason);
        }
    }

    /** A cell showing a sample formatted with its row's tag. */
    private static class SampleCell extends TableCell<TagRow, Sample> {
        private final java.util.function.BiFunction<TagDef, Sample, String> format;

        SampleCell(java.util.function.BiFunction<TagDef, Sample, String> format, String styleClass) {
            this.format = format;
            getStyleClass().add(styleClass);
        }

        TagDef def() {
            int i = getIndex();
            var items = getTableView() == null ? null : getTableView().getItems();
            return items == null || i < 0 || i >= items.size() ? null : items.get(i).def();
        }

        @Override
        protected void updateItem(Sample s, boolean empty) {
            super.updateItem(s, empty);
            TagDef t = empty ? null : def();
            setText(t == null ? null : format.apply(t, s));
        }
    }

    /**
     * Quality: words with a symbol, and a pseudo-class per level for the colour, so it reads
     * without colour. Pseudo-classes, not style classes: changing a style class re-matches every
     * stylesheet rule for the cell, which at thousands of updates a second costs the FX thread
     * far more than the text does.
     */
    private static final class QualityCell extends TableCell<TagRow, Sample> {
        private ValueFormat.Level shown;

        QualityCell() {
            getStyleClass().add("quality-cell");
        }

        @Override
        protected void updateItem(Sample s, boolean empty) {
            super.updateItem(s, empty);
            ValueFormat.Level level = empty ? null : ValueFormat.level(s);
            setText(empty ? null : ValueFormat.quality(s));
            if (level != shown) {
                if (shown != null) {
                    pseudoClassStateChanged(LEVELS.get(shown), false);
                }
                if (level != null) {
                    pseudoClassStateChanged(LEVELS.get(level), true);
                }
                shown = level;
            }
        }
    }

    private static final java.util.Map<ValueFormat.Level, javafx.css.PseudoClass> LEVELS = new java.util.EnumMap<>(ValueFormat.Level.class);
    private static final javafx.css.PseudoClass WRITABLE = javafx.css.PseudoClass.getPseudoClass("writable");

    static {
        for (ValueFormat.Level l : ValueFormat.Level.values()) {
            LEVELS.put(l, javafx.css.PseudoClass.getPseudoClass(l.styleClass()));
        }
    }

}
