package org.peresvet.app.formula;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.peresvet.app.Messages;
import org.peresvet.app.common.Completion;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.fx.LiveValue;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.fx.Views;
import org.peresvet.app.fx.Watch;
import org.peresvet.formula.FormulaDiagnostics;
import org.peresvet.formula.FormulaTokens;
import org.peresvet.formula.TagRef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;

/**
 * The formula editor tab: a thin controller over {@link FormulaEditorModel}. It draws the text
 * (colours from the tokens, the problem underlined, the matching parenthesis, line numbers),
 * shows completions in a popup, watches the inputs' live values through the bridge, and saves
 * through the model editor (one undoable edit on the running engine). FX thread only.
 */
public final class FormulaEditor implements WorkspaceTab {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A tag's sample at a past time, from history (runs off the FX thread). */
    @FunctionalInterface
    public interface History {
        Sample at(UUID tagId, long timeMicros);
    }

    @FXML private Label title;
    @FXML private Label dirtyMark;
    @FXML private Label subtitle;
    @FXML private Button saveButton;
    @FXML private Button cancelButton;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private Label saveResult;
    @FXML private SplitPane mainSplit;
    @FXML private StackPane codeHolder;
    @FXML private Label status;
    @FXML private VBox suggestions;
    @FXML private TableView<TestBench.Step> benchTable;
    @FXML private Label benchNote;
    @FXML private TextField historyTime;
    @FXML private Button historyButton;
    @FXML private Label preview;
    @FXML private ListView<FormulaEditorModel.InputRow> inputList;
    @FXML private ListView<String> dependentList;

    private final FormulaEditorModel model;
    private final ValueBridge bridge;
    private final ModelEditor editor;
    private final History history;
    private final Feedback feedback;
    private final Runnable close;
    private final ObservableBooleanValue editable;
    private final String key;
    private final Parent view;
    private final CodeArea area = new CodeArea();
    private final Popup popup = new Popup();
    private final ListView<Completion> proposals = new ListView<>();
    private final Label proposalHelp = new Label();
    private Watch watch;
    private List<UUID> watched = List.of();
    private final InvalidationListener valueListener = o -> valueChanged();
    private final ChangeListener<ModelSnapshot> modelListener;
    private List<UUID> benchColumns = List.of();
    private boolean saving;

    /**
     * @param close closes this tab (Cancel, or the owner was deleted)
     */
    public FormulaEditor(FormulaTarget target, ValueBridge bridge, ModelEditor editor, History history, Feedback feedback,
                         ObservableBooleanValue editable, Runnable close) {
        this.bridge = bridge;
        this.editor = editor;
        this.history = history;
        this.feedback = feedback;
        this.close = close;
        this.editable = editable;
        ModelSnapshot m = bridge.getModel();
        this.model = new FormulaEditorModel(target, m);
        this.key = key(target);
        this.view = Views.load("formula-editor.fxml", this);
        title.setText(Messages.get("formula.title", target.name(m)));
        subtitle.setText(subtitleText(m));
        buildCodeArea();
        buildPopup();
        buildSidePanel();
        buildBench();
        saveButton.disableProperty().bind(model.problemProperty().isNotNull().or(model.dirtyProperty().not())
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> !editable.get(), editable)));
        dirtyMark.visibleProperty().bind(model.dirtyProperty());
        model.problemProperty().addListener((obs, o, p) -> showProblem());
        model.statusProperty().addListener((obs, o, n) -> status.setText(n));
        model.inputs().addListener((ListChangeListener<FormulaEditorModel.InputRow>) c -> rewatch());
        model.textProperty().addListener((obs, o, n) -> {
            if (!n.equals(area.getText())) {
                area.replaceText(n);
            }
            restyle();
            rebuildBenchColumns();
            model.runBench();
        });
        modelListener = (obs, o, n) -> {
            if (n != null) {
                model.modelChanged(n);
                if (model.goneProperty().get()) {
                    saveResult.setText(Messages.get("formula.gone"));
                }
            }
        };
        bridge.modelProperty().addListener(modelListener);
        status.setText(model.statusProperty().get());
        rewatch();
        showProblem();
        rebuildBenchColumns();
        model.runBench();
        historyTime.setText(TIME.format(LocalDateTime.now().minusHours(1)));
    }

    /** The tab key of a formula's editor: one tab per owner. */
    public static String key(FormulaTarget target) {
        return "formula-" + target.ref().kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + target.ref().id();
    }

    private String subtitleText(ModelSnapshot m) {
        String base = model.target().basePath(m);
        String result = model.target().resultTag(m).map(t -> Messages.get("formula.resultTag", m.tagPath(t.id()), t.type().label()))
                .orElse("");
        return Messages.get("formula.subtitle", base) + (result.isEmpty() ? "" : "  ·  " + result);
    }

    // ---- the code area ----

    private void buildCodeArea() {
        area.getStyleClass().add("formula-code");
        area.setId("formula-code");
        area.setWrapText(true);
        area.replaceText(model.getText());
        area.getUndoManager().forgetHistory();
        area.setParagraphGraphicFactory(gutter(-1));
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        codeHolder.getChildren().add(scroll);
        area.textProperty().addListener((obs, o, n) -> {
            if (!n.equals(model.getText())) {
                model.setText(n);
            }
        });
        area.caretPositionProperty().addListener((obs, o, n) -> restyle());
        area.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        area.addEventFilter(KeyEvent.KEY_TYPED, e -> Platform.runLater(this::autoComplete));
        // Leaving the code area closes the proposals. Not area.focused: showing the popup may take
        // the window's focus, which clears it although the caret stays here.
        area.sceneProperty().addListener((obs, o, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((o2, was, now) -> {
                    if (now != area) {
                        popup.hide();
                    }
                });
            }
        });
        area.editableProperty().bind(editable);
        undoButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !area.isUndoAvailable(), area.undoAvailableProperty()));
        redoButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !area.isRedoAvailable(), area.redoAvailableProperty()));
        restyle();
    }

    /** Recolours the text: token kinds, the problem's range, the parenthesis pair at the caret. */
    private void restyle() {
        String text = area.getText();
        int n = text.length();
        if (n == 0) {
            return;
        }
        String[] kind = new String[n];
        for (FormulaTokens.Token t : FormulaTokens.of(text)) {
            String cls = "fe-" + t.kind().name().toLowerCase(java.util.Locale.ROOT);
            for (int i = t.start(); i < t.end() && i < n; i++) {
                kind[i] = cls;
            }
        }
        boolean[] error = new boolean[n];
        int[] range = errorRange();
        if (range != null) {
            for (int i = range[0]; i < range[1]; i++) {
                error[i] = true;
            }
        }
        boolean[] bracket = new boolean[n];
        int caret = area.getCaretPosition();
        for (int at : new int[] {caret, caret - 1}) {
            if (at >= 0 && at < n && (text.charAt(at) == '(' || text.charAt(at) == ')')) {
                int match = FormulaTokens.matchingParen(text, at);
                if (match >= 0) {
                    bracket[at] = true;
                    bracket[match] = true;
                    break;
                }
            }
        }
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || !java.util.Objects.equals(kind[i], kind[start]) || error[i] != error[start] || bracket[i] != bracket[start]) {
                List<String> styles = new ArrayList<>(3);
                if (kind[start] != null) {
                    styles.add(kind[start]);
                }
                if (error[start]) {
                    styles.add("fe-problem");
                }
                if (bracket[start]) {
                    styles.add("fe-bracket");
                }
                b.add(styles, i - start);
                start = i;
            }
        }
        StyleSpans<Collection<String>> spans = b.create();
        area.setStyleSpans(0, spans);
    }

    /**
     * The characters underlined for the problem, {start, end}, or null. A problem at the very end
     * (the formula stops too early) marks the last character, so there is always something to see.
     */
    public int[] errorRange() {
        FormulaDiagnostics.Problem p = model.getProblem();
        int n = area.getLength();
        if (p == null || n == 0) {
            return null;
        }
        int s = Math.min(p.offset(), n);
        int e = Math.min(n, p.offset() + Math.max(1, p.length()));
        if (s >= n) {
            s = n - 1;
            while (s > 0 && Character.isWhitespace(area.getText().charAt(s))) {
                s--;
            }
            e = s + 1;
        }
        return new int[] {s, e};
    }

    private void showProblem() {
        FormulaDiagnostics.Problem p = model.getProblem();
        status.getStyleClass().removeAll("formula-status-error", "formula-status-ok");
        status.getStyleClass().add(p == null ? "formula-status-ok" : "formula-status-error");
        suggestions.getChildren().clear();
        if (p != null && !p.suggestions().isEmpty()) {
            FlowPane links = new FlowPane(6, 2);
            links.getChildren().add(new Label(Messages.get("formula.replaceWith")));
            for (String s : p.suggestions()) {
                Hyperlink link = new Hyperlink("{" + s + "}");
                link.getStyleClass().add("formula-suggestion");
                link.setOnAction(e -> {
                    int caret = model.acceptSuggestion(s);
                    if (caret >= 0) {
                        area.moveTo(Math.min(caret, area.getLength()));
                        area.requestFocus();
                    }
                });
                links.getChildren().add(link);
            }
            suggestions.getChildren().add(links);
        }
        if (p != null && !p.cycle().isEmpty()) {
            // The cycle one tag per line: a long path must not widen the editor.
            suggestions.getChildren().add(new Label(Messages.get("formula.cycleTitle")));
            for (int i = 0; i < p.cycle().size(); i++) {
                Label step = new Label((i == 0 ? "   " : "→ ") + p.cycle().get(i));
                step.getStyleClass().add("formula-cycle-step");
                step.setMinWidth(0);
                suggestions.getChildren().add(step);
            }
        }
        suggestions.setVisible(!suggestions.getChildren().isEmpty());
        suggestions.setManaged(suggestions.isVisible());
        // The gutter shows which line the problem is on.
        area.setParagraphGraphicFactory(gutter(p == null ? -1 : p.line() - 1));
        restyle();
    }

    /** Line numbers; the problem's line is marked with ✕ (readable without colour). */
    private java.util.function.IntFunction<Node> gutter(int problemLine) {
        return i -> {
            Label l = new Label((i == problemLine ? "✕ " : "") + (i + 1));
            l.getStyleClass().add("lineno");
            if (i == problemLine) {
                l.getStyleClass().add("fe-problem-line");
            }
            l.setMinWidth(34);
            l.setAlignment(javafx.geometry.Pos.TOP_RIGHT);
            l.setMaxHeight(Double.MAX_VALUE);
            return l;
        };
    }

    // ---- completion ----

    private void buildPopup() {
        proposals.getStyleClass().add("formula-proposals");
        proposals.setId("formula-proposals");
        proposals.setPrefSize(460, 200);
        proposals.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Completion c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    getStyleClass().removeAll("proposal-tag", "proposal-function", "proposal-object", "proposal-keyword");
                } else {
                    setText(c.label() + (c.detail().isEmpty() ? "" : "    " + c.detail()));
                    getStyleClass().removeAll("proposal-tag", "proposal-function", "proposal-object", "proposal-keyword");
                    getStyleClass().add("proposal-" + c.kind().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        proposals.getSelectionModel().selectedItemProperty().addListener((obs, o, c) ->
                proposalHelp.setText(c == null ? "" : c.description()));
        proposals.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                acceptSelected();
            }
        });
        proposalHelp.getStyleClass().add("proposal-help");
        proposalHelp.setWrapText(true);
        proposalHelp.setMaxWidth(460);
        VBox box = new VBox(proposals, proposalHelp);
        box.getStyleClass().addAll("root", "formula-popup"); // "root": the popup is its own scene, the theme palette lives on .root
        popup.getContent().add(box);
        popup.setAutoHide(true);
        // Where a platform gives the popup the keyboard (headless Monocle does), keys still edit
        // the formula: navigation and accept here, typed characters go on into the code area.
        popup.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        popup.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String ch = e.getCharacter();
            if (!ch.isEmpty() && ch.charAt(0) >= ' ' && ch.charAt(0) != 127) {
                area.replaceSelection(ch);
                e.consume();
                Platform.runLater(() -> showCompletions(false));
            }
        });
    }

    private static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private void keyPressed(KeyEvent e) {
        if (COMPLETE.match(e)) {
            showCompletions(true);
            e.consume();
            return;
        }
        if (SAVE.match(e)) {
            save();
            e.consume();
            return;
        }
        if (!popup.isShowing()) {
            return;
        }
        switch (e.getCode()) {
            case DOWN -> {
                proposals.getSelectionModel().selectNext();
                proposals.scrollTo(proposals.getSelectionModel().getSelectedIndex());
                e.consume();
            }
            case UP -> {
                proposals.getSelectionModel().selectPrevious();
                proposals.scrollTo(proposals.getSelectionModel().getSelectedIndex());
                e.consume();
            }
            case ENTER, TAB -> {
                acceptSelected();
                e.consume();
            }
            case ESCAPE -> {
                popup.hide();
                e.consume();
            }
            default -> {
            }
        }
    }

    /** After a typed character: propose what fits, or close the list. */
    private void autoComplete() {
        // The scene's focus owner, not isFocused(): that needs the window focused, which a popup may take.
        if (area.getScene() != null && area.getScene().getFocusOwner() == area) {
            showCompletions(false);
        }
    }

    @FXML
    void complete() {
        area.requestFocus();
        showCompletions(true);
    }

    /** Shows the proposals at the caret; returns them (empty: the list is closed). */
    public List<Completion> showCompletions(boolean explicit) {
        List<Completion> list = model.completions(area.getCaretPosition(), explicit);
        if (list.isEmpty()) {
            popup.hide();
            return list;
        }
        proposals.getItems().setAll(list);
        proposals.getSelectionModel().selectFirst();
        proposals.scrollTo(0);
        proposals.setPrefHeight(Math.min(8, list.size()) * 24 + 6);
        if (!popup.isShowing()) {
            Bounds caret = area.getCaretBounds().orElse(null);
            if (caret == null) {
                Bounds b = area.localToScreen(area.getBoundsInLocal());
                caret = b;
            }
            if (caret != null && area.getScene() != null) {
                popup.show(area, caret.getMinX(), caret.getMaxY() + 2);
            }
        }
        return list;
    }

    /** Accepts the selected proposal into the text. */
    public void acceptSelected() {
        Completion c = proposals.getSelectionModel().getSelectedItem();
        popup.hide();
        if (c == null) {
            return;
        }
        area.replaceText(c.replaceStart(), c.replaceEnd(), c.insert());
        area.moveTo(Math.min(c.caretAfter(), area.getLength()));
        if (c.kind() == Completion.Kind.OBJECT) {
            // An object opens the next level of the path.
            Platform.runLater(() -> showCompletions(false));
        }
    }

    // ---- side panel ----

    private void buildSidePanel() {
        inputList.setItems(model.inputs());
        if (inputList.getPlaceholder() instanceof Label none) {
            none.textProperty().bind(javafx.beans.binding.Bindings.when(model.problemProperty().isNull())
                    .then(Messages.get("formula.inputs.none")).otherwise(Messages.get("formula.inputs.fixFirst")));
        }
        inputList.setCellFactory(l -> new InputCell());
        dependentList.setItems(model.dependents());
        dependentList.setCellFactory(l -> new ListCell<>() {
            {
                setPrefWidth(0); // fit the list's width instead of scrolling sideways
                setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            }

            @Override
            protected void updateItem(String d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty ? null : d);
            }
        });
        preview.setId("formula-preview");
        preview.textProperty().bind(javafx.beans.binding.Bindings.when(model.previewProperty().isEmpty())
                .then(Messages.get("formula.previewNone")).otherwise(model.previewProperty()));
        model.previewGoodProperty().addListener((obs, o, g) -> previewStyle());
        model.previewProperty().addListener((obs, o, g) -> previewStyle());
        previewStyle();
    }

    /** An input: its path, then its live value and quality (bad quality in the abnormal colour). */
    private static final class InputCell extends ListCell<FormulaEditorModel.InputRow> {
        private final Label path = new Label();
        private final Label value = new Label();
        private final Label quality = new Label();
        private final VBox box = new VBox(1, path, new javafx.scene.layout.HBox(8, value, quality));

        InputCell() {
            setPrefWidth(0); // fit the list's width instead of scrolling sideways
            path.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // the tag's name stays readable
            path.setMinWidth(0);
            path.getStyleClass().add("input-path");
            value.getStyleClass().add("input-value");
            quality.getStyleClass().add("input-quality");
        }

        @Override
        protected void updateItem(FormulaEditorModel.InputRow r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            path.setText(r.path());
            path.setTooltip(new javafx.scene.control.Tooltip(r.path()));
            value.setText(r.value());
            quality.setText(r.quality());
            quality.getStyleClass().remove("quality-bad");
            if (!r.good()) {
                quality.getStyleClass().add("quality-bad");
            }
            setGraphic(box);
        }
    }

    private void previewStyle() {
        preview.getStyleClass().removeAll("formula-preview-bad", "formula-preview-none");
        if (model.previewProperty().get().isEmpty()) {
            preview.getStyleClass().add("formula-preview-none");
        } else if (!model.previewGoodProperty().get()) {
            preview.getStyleClass().add("formula-preview-bad");
        }
    }

    /** Watches exactly the inputs of the formula as typed. */
    private void rewatch() {
        List<UUID> ids = model.inputIds();
        if (ids.equals(watched)) {
            return;
        }
        Watch old = watch;
        watch = bridge.watch(ids);
        watched = ids;
        for (LiveValue v : watch.values().values()) {
            v.sampleProperty().addListener(valueListener);
        }
        if (old != null) {
            for (LiveValue v : old.values().values()) {
                v.sampleProperty().removeListener(valueListener);
            }
            old.close();
        }
        Watch w = watch;
        model.setValues(id -> {
            LiveValue v = w.get(id);
            return v == null ? null : v.getSample();
        });
    }

    private void valueChanged() {
        model.valuesChanged();
    }

    // ---- test bench ----

    private void buildBench() {
        benchTable.setItems(model.bench().steps());
        benchNote.textProperty().bind(model.bench().noteProperty());
    }

    /** One column per input; rebuilt only when the inputs change. */
    private void rebuildBenchColumns() {
        List<TagRef> inputs = model.bench().inputs();
        List<UUID> ids = inputs.stream().map(TagRef::id).toList();
        if (ids.equals(benchColumns) && !benchTable.getColumns().isEmpty()) {
            return;
        }
        benchColumns = ids;
        List<TableColumn<TestBench.Step, ?>> cols = new ArrayList<>();
        TableColumn<TestBench.Step, String> time = new TableColumn<>(Messages.get("formula.bench.seconds"));
        time.setCellValueFactory(c -> c.getValue().secondsProperty());
        time.setCellFactory(TextFieldTableCell.forTableColumn());
        time.setOnEditCommit(e -> {
            e.getRowValue().secondsProperty().set(e.getNewValue());
            model.runBench();
        });
        time.setPrefWidth(70);
        cols.add(time);
        for (TagRef in : inputs) {
            TableColumn<TestBench.Step, String> c = new TableColumn<>(shortPath(in.path()));
            c.setCellValueFactory(cell -> cell.getValue().value(in.id()));
            c.setCellFactory(TextFieldTableCell.forTableColumn());
            c.setOnEditCommit(e -> {
                e.getRowValue().value(in.id()).set(e.getNewValue());
                model.runBench();
            });
            c.setPrefWidth(110);
            cols.add(c);
        }
        TableColumn<TestBench.Step, String> result = new TableColumn<>(Messages.get("formula.bench.result"));
        result.setCellValueFactory(c -> c.getValue().resultProperty());
        result.setEditable(false);
        result.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty ? null : r);
                getStyleClass().remove("bench-bad");
                TestBench.Step s = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (s != null && s.isBad()) {
                    getStyleClass().add("bench-bad");
                }
            }
        });
        result.setPrefWidth(160);
        result.getStyleClass().add("bench-result");
        cols.add(result);
        benchTable.getColumns().setAll(cols);
        benchTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** The last two levels of a path: enough to tell inputs apart in a column header. */
    private static String shortPath(String path) {
        int last = path.lastIndexOf('/');
        int before = last <= 0 ? -1 : path.lastIndexOf('/', last - 1);
        return before < 0 ? path : "…" + path.substring(before);
    }

    @FXML
    void addStep() {
        model.bench().addStep();
        model.runBench();
    }

    @FXML
    void removeStep() {
        TestBench.Step s = benchTable.getSelectionModel().getSelectedItem();
        if (s == null && !model.bench().steps().isEmpty()) {
            s = model.bench().steps().get(model.bench().steps().size() - 1);
        }
        model.bench().removeStep(s);
        model.runBench();
    }

    @FXML
    void useLiveValues() {
        Function<UUID, Sample> live = id -> {
            LiveValue v = watch == null ? null : watch.get(id);
            return v == null ? null : v.getSample();
        };
        model.bench().startNow(System.currentTimeMillis() * 1000, live);
        model.runBench();
    }

    /** Takes the inputs' values at the typed past time from history (off the FX thread). */
    @FXML
    void takeFromHistory() {
        long at;
        try {
            at = LocalDateTime.parse(historyTime.getText().strip(), TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() * 1000;
        } catch (DateTimeParseException e) {
            benchNoteError(Messages.get("formula.bench.badDate", historyTime.getText()));
            return;
        }
        List<TagRef> inputs = model.bench().inputs();
        historyButton.setDisable(true);
        FxTasks.run(() -> {
            Map<UUID, Sample> values = new HashMap<>();
            for (TagRef in : inputs) {
                Sample s = history.at(in.id(), at);
                if (s != null) {
                    values.put(in.id(), s);
                }
            }
            return values;
        }, values -> {
            historyButton.setDisable(false);
            model.bench().startAt(at, values);
            model.runBench();
            feedback.info(Messages.get("formula.bench.fromHistory", values.size(), inputs.size(), historyTime.getText().strip()));
        }, err -> {
            historyButton.setDisable(false);
            benchNoteError(Messages.get("formula.bench.historyFailed", err.getMessage()));
        });
    }

    private void benchNoteError(String message) {
        feedback.error(message);
    }

    // ---- save / cancel / undo ----

    @FXML
    public void save() {
        if (saving || !editable.get()) {
            return;
        }
        List<org.peresvet.model.ModelEdit> edits;
        try {
            edits = model.saveEdits();
        } catch (IllegalStateException e) {
            saveResult.setText(e.getMessage());
            return;
        }
        if (!model.dirtyProperty().get()) {
            return;
        }
        saving = true;
        String label = Messages.get("undo.formula", model.target().shortName(model.model()));
        try {
            editor.apply(label, edits).whenComplete((c, err) -> {
                saving = false;
                if (err != null) {
                    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                    saveResult.setText(Messages.get("formula.saveFailed", cause.getMessage()));
                    feedback.error(Messages.get("formula.saveFailed", cause.getMessage()));
                } else {
                    model.saved();
                    saveResult.setText(Messages.get("formula.saved"));
                    feedback.info(Messages.get("formula.savedWhat", model.target().name(model.model())));
                }
            });
        } catch (RuntimeException e) {
            saving = false;
            saveResult.setText(Messages.get("formula.saveFailed", e.getMessage()));
        }
    }

    /** Leaves the saved formula as it is and closes the tab. */
    @FXML
    public void cancel() {
        close.run();
    }

    @FXML
    void undo() {
        area.undo();
    }

    @FXML
    void redo() {
        area.redo();
    }

    // ---- the tab ----

    @Override
    public String key() {
        return key;
    }

    @Override
    public String title() {
        return Messages.get("formula.tab", model.target().shortName(model.model()));
    }

    @Override
    public Node content() {
        return view;
    }

    @Override
    public void dispose() {
        popup.hide();
        bridge.modelProperty().removeListener(modelListener);
        if (watch != null) {
            for (LiveValue v : watch.values().values()) {
                v.sampleProperty().removeListener(valueListener);
            }
            watch.close();
            watch = null;
        }
    }

    // ---- for tests ----

    public FormulaEditorModel model() {
        return model;
    }

    public CodeArea codeArea() {
        return area;
    }

    public ListView<Completion> proposals() {
        return proposals;
    }

    public Popup popup() {
        return popup;
    }

    public Label previewLabel() {
        return preview;
    }

    public Label statusLabel() {
        return status;
    }

    public ReadOnlyObjectProperty<FormulaDiagnostics.Problem> problemProperty() {
        return model.problemProperty();
    }
}
