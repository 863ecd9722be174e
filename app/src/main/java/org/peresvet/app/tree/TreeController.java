package org.peresvet.app.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.Views;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/**
 * The object tree: browse, filter, and edit the model (create, rename, delete, move by drag and
 * drop or cut and paste, copy and paste with new ids). Every edit goes through the
 * {@link ModelEditor}, so it is checked, applied to the running engine at once, and undoable.
 * FX thread only.
 */
public final class TreeController {
    /** Drag and drop of tree items inside this window. */
    static final DataFormat DRAG_FORMAT = new DataFormat("application/x-peresvet-tree-refs");
    private static final int FILTER_LIMIT = 2000;

    @FXML
    private TextField filter;
    @FXML
    private Label filterNote;
    @FXML
    private TreeView<NodeRef> tree;

    private final ModelEditor editor;
    private final ReadOnlyObjectProperty<ModelSnapshot> model;
    private final References references;
    private final Feedback feedback;
    private final DialogService dialogs;
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private final Parent view;
    private NodeItem root;
    private final PauseTransition filterDelay = new PauseTransition(Duration.millis(200));
    private TreeClipboard clipboard;
    private List<NodeRef> dragged = List.of();

    /** What cut or copy put aside: the items, the model they came from, and whether they move. */
    record TreeClipboard(List<NodeRef> refs, ModelSnapshot source, boolean cut) {
    }

    public TreeController(ModelEditor editor, ReadOnlyObjectProperty<ModelSnapshot> model, References references, Feedback feedback,
                          DialogService dialogs) {
        this.editor = editor;
        this.dialogs = dialogs;
        this.model = model;
        this.references = references;
        this.feedback = feedback;
        this.view = Views.load("tree.fxml", this);
        showLazyTree();
        tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        tree.setCellFactory(t -> new NodeCell());
        tree.setContextMenu(contextMenu());
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F2) {
                rename();
                e.consume();
            }
        });
        tree.setOnDragOver(this::dragOverEmpty);
        tree.setOnDragDropped(e -> drop(e, null));
        model.addListener((obs, old, m) -> modelChanged(m));
        filterDelay.setOnFinished(e -> applyFilter());
        filter.textProperty().addListener((obs, o, n) -> filterDelay.playFromStart());
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
                tree.requestFocus();
            } else if (e.getCode() == KeyCode.ENTER) {
                filterDelay.stop();
                applyFilter();
            }
        });
    }

    public Parent view() {
        return view;
    }

    public TreeView<NodeRef> treeView() {
        return tree;
    }

    /** Puts a panel under the tree, in the tree's pane (the screens list). */
    public void addBelow(Parent panel) {
        ((VBox) view).getChildren().add(panel);
    }

    /** False in operator mode: the tree is browsed, not edited. */
    public BooleanProperty editableProperty() {
        return editable;
    }

    private ModelSnapshot currentModel() {
        ModelSnapshot m = model.get();
        return m == null ? ModelSnapshot.empty() : m;
    }

    /** The selected items, in selection order. */
    public List<NodeRef> selection() {
        List<NodeRef> out = new ArrayList<>();
        for (TreeItem<NodeRef> i : tree.getSelectionModel().getSelectedItems()) {
            if (i != null && i.getValue() != null) {
                out.add(i.getValue());
            }
        }
        return out;
    }

    /** Calls {@code listener} with the selection whenever it changes. */
    public void onSelectionChanged(java.util.function.Consumer<List<NodeRef>> listener) {
        tree.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<NodeRef>>) c -> listener.accept(selection()));
    }

    // ---- model changes ----

    /** A new project: the tree starts over at its top level. */
    public void reset() {
        clipboard = null;
        filter.clear();
        showLazyTree();
    }

    private void showLazyTree() {
        NodeItem fresh = new NodeItem(null, this::currentModel);
        fresh.setExpanded(true);
        tree.setRoot(fresh);
        root = fresh;
    }

    private NodeItem root() {
        return root;
    }

    private void modelChanged(ModelSnapshot m) {
        if (m == null) {
            return;
        }
        List<NodeRef> selected = selection();
        if (isFiltering()) {
            applyFilter();
        } else {
            root().sync(m);
        }
        // Keep the selection on items that still exist.
        List<NodeRef> alive = selected.stream().filter(r -> r.existsIn(m)).toList();
        if (!alive.equals(selection())) {
            select(alive);
        }
        tree.refresh();
    }

    // ---- filter ----

    private boolean isFiltering() {
        return !filter.getText().isBlank();
    }

    /** Shows only items whose name or path contains the filter text (case-insensitive), with their ancestors. */
    void applyFilter() {
        String text = filter.getText().strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            filterNote.setVisible(false);
            filterNote.setManaged(false);
            List<NodeRef> selected = selection();
            root().sync(currentModel());
            tree.setRoot(root());
            select(selected);
            return;
        }
        ModelSnapshot m = currentModel();
        List<NodeRef> matches = new ArrayList<>();
        for (ObjectDef o : m.objects()) {
            if (matches(m.objectPath(o.id()), text)) {
                matches.add(NodeRef.object(o.id()));
            }
        }
        for (TagDef t : m.tags()) {
            if (matches(m.tagPath(t.id()), text)) {
                matches.add(NodeRef.tag(t.id()));
            }
        }
        matches.sort((a, b) -> org.peresvet.model.io.TagCsv.comparePaths(a.path(m), b.path(m)));
        boolean cut = matches.size() > FILTER_LIMIT;
        if (cut) {
            matches = matches.subList(0, FILTER_LIMIT);
        }
        TreeItem<NodeRef> fr = new TreeItem<>();
        Map<UUID, TreeItem<NodeRef>> objectItems = new LinkedHashMap<>();
        for (NodeRef r : matches) {
            TreeItem<NodeRef> parent = ensureFilteredObject(m, r.parentIn(m), fr, objectItems);
            if (r.isObject()) {
                if (!objectItems.containsKey(r.id())) {
                    TreeItem<NodeRef> item = new TreeItem<>(r);
                    item.setExpanded(true);
                    objectItems.put(r.id(), item);
                    parent.getChildren().add(item);
                }
            } else {
                parent.getChildren().add(new TreeItem<>(r));
            }
        }
        fr.setExpanded(true);
        List<NodeRef> selected = selection();
        tree.setRoot(fr);
        filterNote.setText(matches.isEmpty() ? Messages.get("tree.noMatch")
                : cut ? Messages.get("tree.matchesCut", FILTER_LIMIT) : Messages.get("tree.matches", matches.size()));
        filterNote.setVisible(true);
        filterNote.setManaged(true);
        select(selected);
    }

    private static boolean matches(String path, String text) {
        return path.toLowerCase(Locale.ROOT).contains(text);
    }

    private TreeItem<NodeRef> ensureFilteredObject(ModelSnapshot m, UUID objectId, TreeItem<NodeRef> root, Map<UUID, TreeItem<NodeRef>> items) {
        if (objectId == null) {
            return root;
        }
        TreeItem<NodeRef> item = items.get(objectId);
        if (item != null) {
            return item;
        }
        TreeItem<NodeRef> parent = ensureFilteredObject(m, m.object(objectId).parentId(), root, items);
        item = new TreeItem<>(NodeRef.object(objectId));
        item.setExpanded(true);
        items.put(objectId, item);
        parent.getChildren().add(item);
        return item;
    }

    /** Puts the keyboard focus into the filter box. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    // ---- selection and reveal ----

    /** Selects the items, expanding their ancestors; scrolls to the first. */
    public void select(List<NodeRef> refs) {
        tree.getSelectionModel().clearSelection();
        TreeItem<NodeRef> first = null;
        for (NodeRef r : refs) {
            TreeItem<NodeRef> item = reveal(r);
            if (item != null) {
                tree.getSelectionModel().select(item);
                if (first == null) {
                    first = item;
                }
            }
        }
        if (first != null) {
            int row = tree.getRow(first);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        }
    }

    /** The item showing {@code ref}, expanding (and so loading) its ancestors; null when not shown. */
    public TreeItem<NodeRef> reveal(NodeRef ref) {
        ModelSnapshot m = currentModel();
        if (!ref.existsIn(m)) {
            return null;
        }
        Deque<NodeRef> chain = new ArrayDeque<>();
        chain.push(ref);
        for (UUID p = ref.parentIn(m); p != null; p = m.object(p).parentId()) {
            chain.push(NodeRef.object(p));
        }
        TreeItem<NodeRef> cur = tree.getRoot();
        while (!chain.isEmpty()) {
            NodeRef want = chain.pop();
            TreeItem<NodeRef> next = null;
            for (TreeItem<NodeRef> c : cur.getChildren()) {
                if (want.equals(c.getValue())) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            if (!chain.isEmpty()) {
                next.setExpanded(true);
            }
            cur = next;
        }
        return cur;
    }

    // ---- commands ----

    private boolean checkEditable() {
        if (!editable.get()) {
            feedback.error(Messages.get("tree.operatorMode"));
            return false;
        }
        return true;
    }

    /** The object new items go under: the selected object, or the selected tag's object, or null (root). */
    private UUID targetObject() {
        List<NodeRef> sel = selection();
        if (sel.isEmpty()) {
            return null;
        }
        NodeRef r = sel.get(sel.size() - 1);
        return r.isObject() ? r.id() : r.parentIn(currentModel());
    }

    public CompletableFuture<?> newObject() {
        if (!checkEditable()) {
            return done();
        }
        ObjectDef o = TreeOps.newObject(currentModel(), targetObject(), Messages.get("tree.newObjectName"));
        return applyAndSelect(Messages.get("undo.newObject", o.name()), List.of(new ModelEdit.PutObject(o)), List.of(NodeRef.object(o.id())));
    }

    public CompletableFuture<?> newTag() {
        if (!checkEditable()) {
            return done();
        }
        UUID object = targetObject();
        if (object == null) {
            feedback.error(Messages.get("tree.tagNeedsObject"));
            return done();
        }
        TagDef t = TreeOps.newTag(currentModel(), object, Messages.get("tree.newTagName"));
        return applyAndSelect(Messages.get("undo.newTag", t.name()), List.of(new ModelEdit.PutTag(t)), List.of(NodeRef.tag(t.id())));
    }

    /** Asks for a new name of the selected item (F2). */
    public void rename() {
        List<NodeRef> sel = selection();
        if (sel.size() != 1 || !checkEditable()) {
            return;
        }
        NodeRef r = sel.get(0);
        ModelSnapshot m = currentModel();
        String old = r.name(m);
        TextInputDialog d = new TextInputDialog(old);
        d.setTitle(Messages.get("tree.renameTitle"));
        d.setHeaderText(Messages.get("tree.renameHeader", r.path(m)));
        d.setContentText(Messages.get("field.name"));
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        // screens that name the item by path follow the new name in the same undoable edit
        String oldPath = r.path(m);
        List<String> following = references.follow(m, oldPath, oldPath + "-").described();
        Label follows = new Label(following.isEmpty() ? "" : Messages.get("tree.renameFollows", String.join("\n", following)));
        follows.setId("rename-follows");
        follows.setWrapText(true);
        follows.setVisible(!following.isEmpty());
        follows.setManaged(!following.isEmpty());
        VBox box = new VBox(8, d.getDialogPane().getContent(), follows, error);
        d.getDialogPane().setContent(box);
        javafx.scene.Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String name = d.getEditor().getText();
            if (name.equals(old)) {
                return;
            }
            try {
                ModelSnapshot now = currentModel();
                List<ModelEdit> edits = new ArrayList<>(TreeOps.rename(now, r, name));
                String from = r.path(now);
                edits.addAll(references.follow(now, from, from.substring(0, from.lastIndexOf('/') + 1) + name).edits());
                applyAndSelect(Messages.get("undo.rename", old, name), edits, List.of(r));
            } catch (ModelException ex) {
                error.setText(ex.reason());
                error.setVisible(true);
                error.setManaged(true);
                d.getEditor().getStyleClass().add("field-invalid");
                e.consume(); // keep the dialog open: the name was refused
            }
        });
        dialogs.ask(d);
    }

    /** Deletes the selection after showing what it removes and who uses it. */
    public CompletableFuture<?> delete() {
        List<NodeRef> sel = selection();
        if (sel.isEmpty() || !checkEditable()) {
            return done();
        }
        ModelSnapshot m = currentModel();
        List<NodeRef> top = TreeOps.topmost(m, sel);
        if (!dialogs.confirm(confirmDelete(m, top))) {
            return done();
        }
        String what = top.size() == 1 ? top.get(0).name(m) : Messages.get("properties.items", top.size());
        return apply(Messages.get("undo.delete", what), TreeOps.delete(m, top));
    }

    /** The question asked before a delete: what goes, and the references to it. Asked by {@link #delete()}. */
    DialogService.Confirmation confirmDelete(ModelSnapshot m, List<NodeRef> top) {
        int[] counts = TreeOps.deleteCounts(m, top);
        Set<UUID> ids = TreeOps.affectedIds(m, top);
        List<UsageFinder.Reference> refs = references.referencesTo(m, ids);
        String names = top.size() == 1 ? top.get(0).path(m) : Messages.get("properties.items", top.size());
        String text = Messages.get("delete.counts", counts[0], counts[1])
                + (refs.isEmpty() ? "\n" + Messages.get("delete.noReferences") : "");
        // A delete that breaks references must be chosen on purpose: Cancel is the default then.
        return new DialogService.Confirmation(Messages.get("delete.title"), Messages.get("delete.header", names), text,
                refs.isEmpty() ? null : Messages.get("delete.references", refs.size()),
                refs.stream().map(r -> Messages.get("delete.reference", r.kind(), r.where(), r.what())).toList(),
                Messages.get("delete.confirm"), !refs.isEmpty());
    }

    public void copy() {
        List<NodeRef> sel = selection();
        if (!sel.isEmpty()) {
            clipboard = new TreeClipboard(TreeOps.topmost(currentModel(), sel), currentModel(), false);
            feedback.info(Messages.get("tree.copied", clipboard.refs().size()));
        }
    }

    public void cut() {
        List<NodeRef> sel = selection();
        if (!sel.isEmpty() && checkEditable()) {
            clipboard = new TreeClipboard(TreeOps.topmost(currentModel(), sel), currentModel(), true);
            feedback.info(Messages.get("tree.cutDone", clipboard.refs().size()));
        }
    }

    /** Pastes under the selected object: a cut moves the items, a copy copies them with new ids. */
    public CompletableFuture<?> paste() {
        if (clipboard == null || !checkEditable()) {
            return done();
        }
        UUID target = targetObject();
        TreeClipboard c = clipboard;
        ModelSnapshot m = currentModel();
        try {
            if (c.cut()) {
                List<NodeRef> alive = c.refs().stream().filter(r -> r.existsIn(m)).toList();
                CompletableFuture<?> f = applyAndSelect(Messages.get("undo.move", describe(c.source(), alive)),
                        TreeOps.move(m, alive, target), alive);
                clipboard = null; // a cut pastes once
                return f;
            }
            List<ModelEdit> edits = TreeOps.copy(c.source(), c.refs(), m, target);
            List<NodeRef> pasted = new ArrayList<>();
            for (ModelEdit e : edits) {
                if (e instanceof ModelEdit.PutObject p && java.util.Objects.equals(p.object().parentId(), target)) {
                    pasted.add(NodeRef.object(p.object().id()));
                } else if (e instanceof ModelEdit.PutTag p && p.tag().objectId().equals(target)) {
                    pasted.add(NodeRef.tag(p.tag().id()));
                }
            }
            return applyAndSelect(Messages.get("undo.paste", describe(c.source(), c.refs())), edits, pasted);
        } catch (ModelException e) {
            feedback.error(Messages.get("tree.refused", e.getMessage()));
            return done();
        }
    }

    private static String describe(ModelSnapshot m, List<NodeRef> refs) {
        return refs.size() == 1 ? String.valueOf(refs.get(0).name(m)) : Messages.get("properties.items", refs.size());
    }

    /** Moves items under {@code target} (null: the root), as a drop does. */
    public CompletableFuture<?> move(List<NodeRef> refs, UUID target) {
        if (!checkEditable()) {
            return done();
        }
        ModelSnapshot m = currentModel();
        try {
            List<ModelEdit> edits = TreeOps.move(m, refs, target);
            return applyAndSelect(Messages.get("undo.move", describe(m, refs)), edits, refs);
        } catch (ModelException e) {
            feedback.error(Messages.get("tree.refused", e.getMessage()));
            return done();
        }
    }

    private CompletableFuture<?> apply(String label, List<ModelEdit> edits) {
        return applyAndSelect(label, edits, null);
    }

    /** Applies edits; a refusal is reported with its reason and changes nothing. */
    private CompletableFuture<?> applyAndSelect(String label, List<ModelEdit> edits, List<NodeRef> thenSelect) {
        if (edits.isEmpty()) {
            return done();
        }
        try {
            return editor.apply(label, edits).whenComplete((c, err) -> {
                if (err != null) {
                    Throwable e = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                    feedback.error(Messages.get("tree.refused", e.getMessage()));
                } else {
                    feedback.info(label);
                    if (thenSelect != null) {
                        select(thenSelect); // the editor published the new model before completing
                    }
                }
            });
        } catch (ModelException e) {
            feedback.error(Messages.get("tree.refused", e.getMessage()));
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<?> done() {
        return CompletableFuture.completedFuture(null);
    }

    private ContextMenu contextMenu() {
        MenuItem newObject = item("menu.newObject", this::newObject);
        MenuItem newTag = item("menu.newTag", this::newTag);
        MenuItem rename = item("menu.rename", this::rename);
        MenuItem cut = item("menu.cut", this::cut);
        MenuItem copy = item("menu.copy", this::copy);
        MenuItem paste = item("menu.paste", this::paste);
        MenuItem delete = item("menu.delete", this::delete);
        for (MenuItem i : List.of(newObject, newTag, rename, cut, paste, delete)) {
            i.disableProperty().bind(editable.not());
        }
        MenuItem formula = item("menu.editFormula", this::editFormula);
        MenuItem trend = item("menu.trend", () -> trendListener.accept(selectedTags()));
        trend.setId("tree-menu-trend");
        javafx.scene.control.Menu methods = new javafx.scene.control.Menu(Messages.get("menu.methodFormulas"));
        ContextMenu menu = new ContextMenu(newObject, newTag, new SeparatorMenuItem(), rename, cut, copy, paste,
                new SeparatorMenuItem(), delete, new SeparatorMenuItem(), formula, methods, new SeparatorMenuItem(), trend);
        menu.setOnShowing(e -> {
            trend.setDisable(selectedTags().isEmpty());
            formula.setDisable(selectedFormula() == null);
            methods.getItems().clear();
            for (var m : writeMethodsHere()) {
                MenuItem i = new MenuItem(m.name());
                i.setOnAction(ev -> formulaListener.accept(FormulaRef.method(m.id())));
                methods.getItems().add(i);
            }
            methods.setDisable(methods.getItems().isEmpty());
        });
        return menu;
    }

    private java.util.function.Consumer<FormulaRef> formulaListener = r -> {
    };

    private java.util.function.Consumer<List<java.util.UUID>> trendListener = ids -> {
    };

    /** Where "Trend" goes (the shell opens a trend of the selected tags). */
    public void onTrend(java.util.function.Consumer<List<java.util.UUID>> listener) {
        trendListener = listener;
    }

    /** The tags among the selection, in selection order. */
    public List<java.util.UUID> selectedTags() {
        return selection().stream().filter(NodeRef::isTag).map(NodeRef::id).toList();
    }

    /** Where "Edit formula" goes (the shell opens the formula editor). */
    public void onEditFormula(java.util.function.Consumer<FormulaRef> listener) {
        formulaListener = listener;
    }

    /** The calculated tag selected alone, or null. */
    public FormulaRef selectedFormula() {
        List<NodeRef> sel = selection();
        if (sel.size() != 1 || !sel.get(0).isTag()) {
            return null;
        }
        var t = currentModel().tag(sel.get(0).id());
        return t != null && t.calculated() ? FormulaRef.tag(t.id()) : null;
    }

    /** Opens the formula editor on the selected calculated tag; says why not otherwise. */
    public void editFormula() {
        FormulaRef r = selectedFormula();
        if (r == null) {
            List<org.peresvet.model.MethodDef> ms = writeMethodsHere();
            if (ms.size() == 1) {
                formulaListener.accept(FormulaRef.method(ms.get(0).id()));
            } else {
                feedback.error(Messages.get("tree.noFormula"));
            }
            return;
        }
        formulaListener.accept(r);
    }

    /** The write methods of the selected object (or of the selected tag's object). */
    private List<org.peresvet.model.MethodDef> writeMethodsHere() {
        List<NodeRef> sel = selection();
        if (sel.size() != 1) {
            return List.of();
        }
        ModelSnapshot m = currentModel();
        java.util.UUID object = sel.get(0).isObject() ? sel.get(0).id() : sel.get(0).parentIn(m);
        return m.methods().stream()
                .filter(md -> md.kind() == org.peresvet.model.MethodDef.Kind.WRITE && md.formula() != null
                        && java.util.Objects.equals(md.objectId(), object))
                .sorted(java.util.Comparator.comparing(org.peresvet.model.MethodDef::name)).toList();
    }

    private static MenuItem item(String key, Runnable action) {
        MenuItem i = new MenuItem(Messages.get(key));
        i.setOnAction(e -> action.run());
        return i;
    }

    // ---- drag and drop ----

    private void dragOverEmpty(DragEvent e) {
        // Dropping on the empty area below the items moves objects to the top level.
        if (e.getDragboard().hasContent(DRAG_FORMAT) && editable.get() && dragged.stream().allMatch(NodeRef::isObject)) {
            e.acceptTransferModes(TransferMode.MOVE);
        }
        e.consume();
    }

    private void drop(DragEvent e, UUID target) {
        if (!e.getDragboard().hasContent(DRAG_FORMAT) || dragged.isEmpty()) {
            return;
        }
        List<NodeRef> refs = dragged;
        dragged = List.of();
        if (e.getTransferMode() == TransferMode.COPY) {
            clipboard = new TreeClipboard(refs, currentModel(), false);
            select(target == null ? List.of() : List.of(NodeRef.object(target)));
            paste();
        } else {
            move(refs, target);
        }
        e.setDropCompleted(true);
        e.consume();
    }

    /** One row of the tree: an object, or a tag with its type and units in muted text. */
    private final class NodeCell extends TreeCell<NodeRef> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(8, name, detail);

        NodeCell() {
            detail.getStyleClass().add("tree-detail");
            setOnDragDetected(this::dragDetected);
            setOnDragOver(this::dragOver);
            setOnDragEntered(e -> {
                if (acceptsDrop(e)) {
                    getStyleClass().add("drop-target");
                }
            });
            setOnDragExited(e -> getStyleClass().remove("drop-target"));
            setOnDragDropped(e -> {
                getStyleClass().remove("drop-target");
                drop(e, dropTarget());
            });
            setOnDragDone(e -> dragged = List.of());
        }

        @Override
        protected void updateItem(NodeRef ref, boolean empty) {
            super.updateItem(ref, empty);
            getStyleClass().removeAll("tree-object", "tree-tag", "tree-disabled");
            if (empty || ref == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            ModelSnapshot m = currentModel();
            setText(null);
            if (ref.isObject()) {
                ObjectDef o = m.object(ref.id());
                name.setText(o == null ? "?" : o.name());
                detail.setText("");
                getStyleClass().add("tree-object");
            } else {
                TagDef t = m.tag(ref.id());
                name.setText(t == null ? "?" : t.name());
                detail.setText(t == null ? "" : t.type().label() + (t.units().isEmpty() ? "" : ", " + t.units())
                        + (t.source() == org.peresvet.model.SourceKind.MANUAL ? "" : " · " + t.source().label()));
                getStyleClass().add("tree-tag");
                if (t != null && !t.enabled()) {
                    getStyleClass().add("tree-disabled");
                }
            }
            setGraphic(box);
        }

        private UUID dropTarget() {
            NodeRef r = getItem();
            return r == null ? null : r.isObject() ? r.id() : r.parentIn(currentModel());
        }

        private void dragDetected(MouseEvent e) {
            if (getItem() == null) {
                return;
            }
            List<NodeRef> sel = selection();
            if (!sel.contains(getItem())) {
                sel = List.of(getItem());
            }
            dragged = List.copyOf(sel);
            // Read-only, a drag only copies (tags onto a trend); moving needs edit mode.
            Dragboard db = editable.get() ? startDragAndDrop(TransferMode.COPY_OR_MOVE) : startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            StringBuilder ids = new StringBuilder();
            dragged.forEach(r -> ids.append(r.kind()).append(':').append(r.id()).append('\n'));
            content.put(DRAG_FORMAT, ids.toString());
            content.putString(String.join("\n", dragged.stream().map(r -> r.path(currentModel())).toList()));
            db.setContent(content);
            e.consume();
        }

        private boolean acceptsDrop(DragEvent e) {
            if (!e.getDragboard().hasContent(DRAG_FORMAT) || getItem() == null || !editable.get()) {
                return false;
            }
            UUID target = dropTarget();
            ModelSnapshot m = currentModel();
            for (NodeRef r : dragged) {
                if (r.isObject() && target != null && (target.equals(r.id()) || m.isInSubtree(target, r.id()))) {
                    return false;
                }
            }
            return true;
        }

        private void dragOver(DragEvent e) {
            if (acceptsDrop(e)) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        }
    }
}
