package org.peresvet.app.mnemonic.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.fx.DialogService;
import org.peresvet.model.DocumentDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetType;
import org.peresvet.screen.WidgetTypes;

/**
 * The mnemonic screen editor tab: the project's screens, the palette of every symbol, the canvas,
 * the property sheet and the screen checks with jump-to-widget; F5 runs the screen with live data
 * (the preview given by the shell) and F5 or Escape comes back. Every change is one undoable edit
 * of the screen's document. FX thread.
 */
public final class ScreenEditor implements WorkspaceTab {
    public static final String KEY = "screen-editor";

    /** Asks the engineer to confirm something (deleting a screen others lead to); tests answer. */
    public interface Confirm {
        boolean ask(String title, String text);
    }

    private final EditorModel model;
    private final EditorCanvas canvas;
    private final PropertySheet sheet;
    private final DialogService dialogs;
    private final Function<ScreenDef, Node> preview;
    private final Confirm confirm;
    private final BorderPane root = new BorderPane();
    private final BorderPane centre = new BorderPane();
    private final ListView<DocumentDef> screenList = new ListView<>();
    private final ListView<WidgetType> palette = new ListView<>();
    private final ListView<DocumentDef> library = new ListView<>();
    private final ListView<ScreenFindings.Finding> checks = new ListView<>();
    private final Label status = new Label();
    private final ToolBar tools = new ToolBar();
    private Node previewNode;

    /**
     * @param symbols the symbol library's node factory (the runtime's representation)
     * @param preview builds the live screen for the preview (the runtime), or null for a static one
     */
    public ScreenEditor(EditorModel model, Function<WidgetDef, Node> symbols, Function<ScreenDef, Node> preview,
                        DialogService dialogs, Confirm confirm) {
        this.model = model;
        this.dialogs = dialogs;
        this.confirm = confirm;
        this.canvas = new EditorCanvas(model, symbols == null ? PlainSymbol::of : symbols);
        this.preview = preview;
        this.sheet = new PropertySheet(model);
        sheet.chooseFilesWith(dialogs);
        buildTools();
        buildScreens();
        buildPalette();
        buildLibrary();
        buildChecks();
        VBox left = new VBox(4, new Label(EditorText.get("screens.title")), screenList, screenButtons(),
                new Label(EditorText.get("palette.title")), palette,
                new Label(EditorText.get("library.title")), library, libraryButtons());
        left.setPadding(new Insets(6));
        left.setPrefWidth(240);
        left.setMinWidth(200);
        VBox.setVgrow(palette, Priority.ALWAYS);
        screenList.setPrefHeight(150);
        library.setPrefHeight(110);
        library.setMinHeight(60);
        centre.setCenter(canvas.view());
        SplitPane main = new SplitPane(left, centre, sheet.view());
        main.setDividerPositions(0.19, 0.74);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(sheet.view(), false);
        VBox bottom = new VBox(2, new Label(EditorText.get("checks.title")), checks, status);
        bottom.setPadding(new Insets(4, 6, 4, 6));
        checks.setPrefHeight(120);
        root.setTop(tools);
        root.setCenter(main);
        root.setBottom(bottom);
        root.getStyleClass().add("screen-editor");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5 || e.getCode() == KeyCode.ESCAPE && previewNode != null) {
                togglePreview();
                e.consume();
            }
        });
        status.textProperty().bind(model.messageProperty());
        showWhatIsEdited(model.screen());
        model.screenProperty().addListener((o, a, s) -> showWhatIsEdited(s));
        status.setStyle("-fx-text-fill: #b00020;");
        model.screenProperty().addListener((o, a, s) -> {
            if (s != null && (screenList.getSelectionModel().getSelectedItem() == null
                    || !screenList.getSelectionModel().getSelectedItem().id().equals(s.id()))) {
                model.screens().stream().filter(d -> d.id().equals(s.id())).findFirst()
                        .ifPresent(d -> screenList.getSelectionModel().select(d));
            }
        });
        if (model.screen() == null && !model.screens().isEmpty()) {
            model.open(model.screens().get(0).id());
        }
    }

    public EditorModel model() {
        return model;
    }

    EditorCanvas canvas() {
        return canvas;
    }

    PropertySheet sheet() {
        return sheet;
    }

    ListView<ScreenFindings.Finding> checks() {
        return checks;
    }

    ListView<WidgetType> palette() {
        return palette;
    }

    ListView<DocumentDef> library() {
        return library;
    }

    /** The preview's node while it shows, or null. */
    Node previewNode() {
        return previewNode;
    }

    /** Whether the preview is showing. */
    public boolean previewing() {
        return previewNode != null;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return EditorText.get("tab.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public void dispose() {
        LivePreview.close(previewNode);
        model.dispose();
    }

    // ---- parts --------------------------------------------------------------------------------

    private void buildTools() {
        tools.getItems().addAll(
                button("undo", "↶", () -> model.editor().undo()),
                button("redo", "↷", () -> model.editor().redo()),
                new Separator(Orientation.VERTICAL),
                button("alignLeft", "⇤", () -> model.align(Arrange.Align.LEFT)),
                button("alignCenter", "↔", () -> model.align(Arrange.Align.CENTER)),
                button("alignRight", "⇥", () -> model.align(Arrange.Align.RIGHT)),
                button("alignTop", "⤒", () -> model.align(Arrange.Align.TOP)),
                button("alignMiddle", "↕", () -> model.align(Arrange.Align.MIDDLE)),
                button("alignBottom", "⤓", () -> model.align(Arrange.Align.BOTTOM)),
                button("distributeH", "⋯", () -> model.distribute(true)),
                button("distributeV", "⋮", () -> model.distribute(false)),
                new Separator(Orientation.VERTICAL),
                button("group", EditorText.get("tool.group.short"), model::group),
                button("ungroup", EditorText.get("tool.ungroup.short"), model::ungroup),
                button("front", EditorText.get("tool.front.short"), () -> model.zOrder(ScreenEdits.ZOrder.FRONT)),
                button("back", EditorText.get("tool.back.short"), () -> model.zOrder(ScreenEdits.ZOrder.BACK)),
                new Separator(Orientation.VERTICAL),
                button("copy", EditorText.get("tool.copy.short"), model::copy),
                button("cut", EditorText.get("tool.cut.short"), model::cut),
                button("paste", EditorText.get("tool.paste.short"), model::paste),
                button("delete", EditorText.get("tool.delete.short"), model::delete),
                new Separator(Orientation.VERTICAL),
                button("zoomOut", "−", () -> canvas.zoomBy(1 / 1.25)),
                zoomLabel(),
                button("zoomIn", "+", () -> canvas.zoomBy(1.25)),
                snapBox(),
                new Separator(Orientation.VERTICAL),
                button("importSvg", EditorText.get("tool.importSvg.short"), this::importSvgFile),
                button("preview", EditorText.get("tool.preview.short"), this::togglePreview));
    }

    private Label zoomLabel() {
        Label l = new Label();
        l.setMinWidth(44);
        l.textProperty().bind(canvas.zoomProperty().multiply(100).asString("%.0f %%"));
        return l;
    }

    private CheckBox snapBox() {
        CheckBox c = new CheckBox(EditorText.get("tool.snap"));
        c.setSelected(true);
        c.setOnAction(e -> model.snappingProperty().set(c.isSelected() ? Snapping.DEFAULT : Snapping.OFF));
        return c;
    }

    private Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId("tool-" + id);
        b.setTooltip(new Tooltip(EditorText.get("tool." + id)));
        b.setOnAction(e -> {
            action.run();
            canvas.view().requestFocus();
        });
        b.setFocusTraversable(false);
        return b;
    }

    private void buildScreens() {
        screenList.setItems(model.screens());
        screenList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DocumentDef d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.name());
            }
        });
        screenList.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            if (d != null && !d.id().equals(model.screenId())) {
                model.open(d.id());
            }
        });
    }

    private FlowPane screenButtons() {
        Button add = new Button(EditorText.get("screens.new"));
        add.setId("screen-new");
        add.setOnAction(e -> dialogs.askText(EditorText.get("screens.new"), EditorText.get("screens.newHeader"),
                EditorText.get("screens.name")).ifPresent(n -> guarded(() -> model.newScreen(n))));
        Button rename = new Button(EditorText.get("screens.rename"));
        rename.setOnAction(e -> selectedScreen().ifPresent(d -> dialogs.askText(EditorText.get("screens.rename"),
                EditorText.get("screens.renameHeader", d.name()), EditorText.get("screens.name"))
                .ifPresent(n -> guarded(() -> model.rename(d.id(), n)))));
        Button dup = new Button(EditorText.get("screens.duplicate"));
        dup.setOnAction(e -> selectedScreen().ifPresent(d -> guarded(() -> model.duplicate(d.id()))));
        Button del = new Button(EditorText.get("screens.delete"));
        del.setId("screen-delete");
        del.setOnAction(e -> selectedScreen().ifPresent(this::deleteScreen));
        FlowPane h = new FlowPane(4, 4, add, rename, dup, del);
        for (Button b : List.of(add, rename, dup, del)) {
            b.setStyle("-fx-font-size: 11px; -fx-padding: 2 5 2 5;");
        }
        return h;
    }

    /** Deletes a screen after showing which screens lead to it. */
    void deleteScreen(DocumentDef d) {
        List<String> refs = model.referencesTo(d.id());
        String text = refs.isEmpty() ? EditorText.get("screens.deleteAsk", d.name())
                : EditorText.get("screens.deleteRefs", d.name(), String.join("\n", refs));
        if (confirm.ask(EditorText.get("screens.delete"), text)) {
            guarded(() -> model.delete(d.id()));
        }
    }

    private Optional<DocumentDef> selectedScreen() {
        return Optional.ofNullable(screenList.getSelectionModel().getSelectedItem());
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            dialogs.inform(EditorText.get("error.title"), e.getMessage());
        }
    }

    private void buildPalette() {
        // a library symbol is placed from the library below, not as a bare type
        palette.getItems().setAll(WidgetTypes.standard().all().stream()
                .filter(t -> !t.container() && !t.name().equals(WidgetTypes.SYMBOL)).toList());
        palette.setCellFactory(v -> {
            ListCell<WidgetType> cell = new ListCell<>() {
                @Override
                protected void updateItem(WidgetType t, boolean empty) {
                    super.updateItem(t, empty);
                    setText(empty || t == null ? null : EditorText.get("type." + t.name()) + "   · " + t.category());
                    setId(empty || t == null ? null : "palette-" + t.name());
                }
            };
            cell.setOnDragDetected(e -> {
                if (cell.getItem() != null) {
                    var db = cell.startDragAndDrop(TransferMode.COPY);
                    ClipboardContent c = new ClipboardContent();
                    c.putString(EditorCanvas.DRAG_PREFIX + cell.getItem().name());
                    db.setContent(c);
                    e.consume();
                }
            });
            // A click arms the type: the next click on the page places it (drag and drop also works).
            cell.setOnMouseClicked(e -> {
                if (cell.getItem() != null) {
                    canvas.armedProperty().set(cell.getItem().name());
                }
            });
            return cell;
        });
        canvas.armedProperty().addListener((o, a, t) -> {
            if (t == null) {
                palette.getSelectionModel().clearSelection();
            }
        });
    }

    // ---- library symbols ----------------------------------------------------------------------

    private void buildLibrary() {
        library.setId("library");
        library.setItems(model.symbols());
        Label empty = new Label(EditorText.get("library.empty"));
        empty.setWrapText(true);
        empty.setStyle("-fx-text-fill: #666666; -fx-padding: 4;");
        library.setPlaceholder(empty);
        library.setCellFactory(v -> {
            ListCell<DocumentDef> cell = new ListCell<>() {
                @Override
                protected void updateItem(DocumentDef d, boolean empty) {
                    super.updateItem(d, empty);
                    SymbolDef def = empty || d == null ? null : model.library().all().stream()
                            .filter(x -> x.id().equals(d.id())).findFirst().orElse(null);
                    setText(def == null ? null : def.parameters().isEmpty() ? def.name()
                            : EditorText.get("library.params", def.name(), String.join(", ", def.parameters())));
                }
            };
            // A click asks for the object, then arms the canvas: the next click on the page places it.
            cell.setOnMouseClicked(e -> {
                if (cell.getItem() != null && e.getClickCount() == 1) {
                    armSymbol(cell.getItem().id());
                } else if (cell.getItem() != null && e.getClickCount() == 2) {
                    editSymbol(cell.getItem().id());
                }
            });
            return cell;
        });
    }

    /** A banner over the canvas while a library symbol's definition is edited rather than a screen. */
    private void showWhatIsEdited(ScreenDef s) {
        if (s != null && model.symbolOpen()) {
            Label banner = new Label(EditorText.get("library.editing", s.name()));
            banner.setId("symbol-banner");
            banner.setMaxWidth(Double.MAX_VALUE);
            banner.setStyle("-fx-background-color: #fff4c2; -fx-padding: 4 8 4 8; -fx-border-color: #c9a800; -fx-border-width: 0 0 1 0;");
            centre.setTop(banner);
        } else {
            centre.setTop(null);
        }
    }

    private FlowPane libraryButtons() {
        Button save = new Button(EditorText.get("library.save"));
        save.setId("symbol-save");
        save.setOnAction(e -> saveSelectionAsSymbol());
        Button edit = new Button(EditorText.get("library.edit"));
        edit.setId("symbol-edit");
        edit.setOnAction(e -> selectedSymbol().ifPresent(d -> editSymbol(d.id())));
        Button rename = new Button(EditorText.get("library.rename"));
        rename.setId("symbol-rename");
        rename.setOnAction(e -> selectedSymbol().ifPresent(d -> dialogs.askText(EditorText.get("library.rename"),
                EditorText.get("library.renameHeader", d.name()), EditorText.get("symbol.name"))
                .ifPresent(n -> guarded(() -> model.renameSymbol(d.id(), n)))));
        Button del = new Button(EditorText.get("library.delete"));
        del.setId("symbol-delete");
        del.setOnAction(e -> selectedSymbol().ifPresent(this::deleteSymbol));
        FlowPane h = new FlowPane(4, 4, save, edit, rename, del);
        for (Button b : List.of(save, edit, rename, del)) {
            b.setStyle("-fx-font-size: 11px; -fx-padding: 2 5 2 5;");
        }
        return h;
    }

    private Optional<DocumentDef> selectedSymbol() {
        return Optional.ofNullable(library.getSelectionModel().getSelectedItem());
    }

    /** The model's object paths, for the forms' object lists. */
    private List<String> objectPaths() {
        return model.snapshot().objects().stream().map(o -> model.snapshot().objectPath(o.id())).sorted().toList();
    }

    /** "Save selection as symbol…": the name and the object asked, then one undoable step. */
    void saveSelectionAsSymbol() {
        if (model.selection().isEmpty()) {
            dialogs.inform(EditorText.get("library.save"), EditorText.get("symbol.nothingSelected"));
            return;
        }
        SymbolDraft draft = model.draftOfSelection();
        dialogs.ask(SymbolForms.save(draft, objectPaths())).ifPresent(a -> model.saveAsSymbol(draft, a.name(), a.object()));
        canvas.view().requestFocus();
    }

    /** Asks the symbol's parameter values (the object) and arms the canvas to place it. */
    void armSymbol(UUID symbolId) {
        SymbolDef def = model.library().all().stream().filter(x -> x.id().equals(symbolId)).findFirst().orElse(null);
        if (def == null || model.screen() == null) {
            return;
        }
        Optional<Map<String, String>> values = def.parameters().isEmpty() ? Optional.of(Map.of())
                : dialogs.ask(SymbolForms.place(def, SymbolDraft.objectsFitting(def, model.snapshot())));
        values.ifPresent(v -> canvas.armedProperty().set(model.armSymbol(symbolId, v)));
    }

    /** Opens a symbol's definition in the canvas like a screen; every instance follows its changes. */
    void editSymbol(UUID symbolId) {
        screenList.getSelectionModel().clearSelection();
        model.open(symbolId);
        model.symbols().stream().filter(d -> d.id().equals(symbolId)).findFirst()
                .ifPresent(d -> library.getSelectionModel().select(d));
    }

    /** Deletes a library symbol after showing the screens that place it. */
    void deleteSymbol(DocumentDef d) {
        List<String> users = model.symbolUsers(d.id());
        String text = users.isEmpty() ? EditorText.get("symbol.deleteAsk", d.name())
                : EditorText.get("symbol.deleteRefs", d.name(), String.join("\n", users));
        if (confirm.ask(EditorText.get("library.delete"), text)) {
            guarded(() -> model.deleteSymbol(d.id()));
        }
    }

    private void buildChecks() {
        checks.setItems(model.findings());
        checks.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ScreenFindings.Finding f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                setText(EditorText.get("check." + f.kind().name()) + " — " + f.widgetId()
                        + (f.property().isEmpty() ? "" : "." + f.property()) + ": " + f.message());
            }
        });
        checks.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                jumpTo(f);
            }
        });
    }

    /** Selects the finding's widget and scrolls to it. */
    void jumpTo(ScreenFindings.Finding f) {
        model.jumpTo(f.widgetId());
        if (!model.selection().isEmpty()) {
            canvas.reveal(model.selection().get(0));
        }
    }

    // ---- import and preview -------------------------------------------------------------------

    private void importSvgFile() {
        Optional<Path> file = dialogs.openFile(EditorText.get("tool.importSvg"), List.of(new DialogService.FileType("SVG", "*.svg")));
        file.ifPresent(p -> {
            try {
                if (Files.size(p) > SvgImport.MAX_BYTES) {
                    throw new IllegalArgumentException(EditorText.get("svg.tooLarge"));
                }
                importSvg(p.getFileName().toString(), Files.readAllBytes(p));
            } catch (IOException | IllegalArgumentException e) {
                dialogs.inform(EditorText.get("tool.importSvg"), e.getMessage());
            }
        });
    }

    /** Adds an SVG drawing as a group at the page's top-left area; its ids become bindable widgets. */
    public SvgImport.Result importSvg(String name, byte[] svg) {
        SvgImport.Result r = SvgImport.read(svg);
        if (model.screen() != null) {
            model.addGroup(EditorText.get("undo.importSvg", name), r.widgets(), 40, 40);
        }
        return r;
    }

    /** Shows the screen running with live data instead of the canvas, or goes back to editing. */
    public void togglePreview() {
        if (previewNode != null) {
            centre.setCenter(canvas.view());
            LivePreview.close(previewNode);
            previewNode = null;
            canvas.view().requestFocus();
            return;
        }
        ScreenDef s = model.screen();
        if (s == null) {
            return;
        }
        previewNode = preview != null ? preview.apply(s) : staticPreview(s);
        centre.setCenter(previewNode);
        previewNode.requestFocus();
    }

    private Node staticPreview(ScreenDef s) {
        WidgetLayer l = new WidgetLayer(PlainSymbol::of);
        l.show(model.expanded(s));
        return new ScrollPane(l);
    }

    /** The canvas's viewport (what a drag repaints at most; the benchmark renders it). */
    public Node canvasView() {
        return canvas.view();
    }

    /** A drag of the selection starts (what a mouse press on a selected widget does; benchmarks drive it). */
    public void beginDrag() {
        canvas.beginMove();
    }

    /** One frame of the drag: the selection shown moved by dx, dy from where it started, snapped, guides drawn. */
    public void dragBy(double dx, double dy) {
        canvas.dragTo(dx, dy);
    }

    /** The drag ends: one undoable edit moves the selection. */
    public void endDrag() {
        canvas.endMove();
    }

    /** Keeps the tab's buttons reachable by id for tests. */
    ButtonBase tool(String id) {
        return (ButtonBase) tools.getItems().stream().filter(n -> ("tool-" + id).equals(n.getId())).findFirst().orElseThrow();
    }

}
