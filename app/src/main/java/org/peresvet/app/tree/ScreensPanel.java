package org.peresvet.app.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * The project's mnemonic screens under the object tree: new, rename, duplicate and delete, each
 * one undoable step through the {@link ModelEditor}; a delete first shows what leads to the
 * screen (navigation buttons on other screens, the home screen setting). A double-click or Enter
 * opens the screen (the workbench decides: the editor in engineer mode, the runtime otherwise).
 * FX thread only.
 */
public final class ScreensPanel {
    private final ModelEditor editor;
    private final ReadOnlyObjectProperty<ModelSnapshot> model;
    private final Feedback feedback;
    private final DialogService dialogs;
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private final ListView<DocumentDef> list = new ListView<>();
    private final TitledPane view;
    private Consumer<UUID> opener = id -> { };

    public ScreensPanel(ModelEditor editor, ReadOnlyObjectProperty<ModelSnapshot> model, Feedback feedback, DialogService dialogs) {
        this.editor = editor;
        this.model = model;
        this.feedback = feedback;
        this.dialogs = dialogs;
        list.setId("screens-list");
        list.getStyleClass().add("screens-list");
        list.setPrefHeight(150);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DocumentDef d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : label(d));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            } else if (e.getCode() == KeyCode.F2) {
                selected().ifPresent(this::rename);
            } else if (e.getCode() == KeyCode.DELETE) {
                selected().ifPresent(this::delete);
            }
        });
        list.setContextMenu(contextMenu());
        model.addListener((o, a, m) -> refresh());
        refresh();
        HBox buttons = new HBox(4, button("screens-new", "screens.new", this::create),
                button("screens-rename", "screens.rename", () -> selected().ifPresent(this::rename)),
                button("screens-duplicate", "screens.duplicate", () -> selected().ifPresent(this::duplicate)),
                button("screens-delete", "screens.delete", () -> selected().ifPresent(this::delete)));
        buttons.disableProperty().bind(editable.not());
        VBox box = new VBox(4, list, buttons);
        view = new TitledPane(Messages.get("screens.title"), box);
        view.setId("screens-pane");
        view.getStyleClass().add("screens-pane");
    }

    public Parent view() {
        return view;
    }

    public ListView<DocumentDef> listView() {
        return list;
    }

    /** False in operator mode: screens are opened, not changed. */
    public BooleanProperty editableProperty() {
        return editable;
    }

    /** What a double-click does with the screen's id. */
    public void onOpen(Consumer<UUID> open) {
        opener = open == null ? id -> { } : open;
    }

    private ModelSnapshot current() {
        ModelSnapshot m = model.get();
        return m == null ? ModelSnapshot.empty() : m;
    }

    private void refresh() {
        List<DocumentDef> docs = current().documents(ScreenDef.KIND);
        if (!docs.equals(list.getItems())) {
            UUID sel = selected().map(DocumentDef::id).orElse(null);
            list.getItems().setAll(docs);
            docs.stream().filter(d -> d.id().equals(sel)).findFirst().ifPresent(d -> list.getSelectionModel().select(d));
        }
    }

    private static String label(DocumentDef d) {
        ScreenDef s = readOrNull(d);
        return s != null && s.home() ? Messages.get("screens.homeName", d.name()) : d.name();
    }

    private Optional<DocumentDef> selected() {
        return Optional.ofNullable(list.getSelectionModel().getSelectedItem());
    }

    private void openSelected() {
        selected().ifPresent(d -> opener.accept(d.id()));
    }

    /** Selects the screen called {@code name}; false when there is none. */
    public boolean select(String name) {
        Optional<DocumentDef> d = list.getItems().stream().filter(x -> x.name().equals(name)).findFirst();
        d.ifPresent(x -> list.getSelectionModel().select(x));
        return d.isPresent();
    }

    // ---- commands -----------------------------------------------------------------------------

    /** Asks a name and adds an empty screen (the first screen of a project becomes its home). */
    public CompletableFuture<?> create() {
        if (!editable.get()) {
            return done();
        }
        Optional<String> name = askName(Messages.get("screens.new"), Messages.get("screens.newHeader"));
        if (name.isEmpty()) {
            return done();
        }
        ScreenDef s = ScreenDef.of(UUID.randomUUID(), name.get()).withHome(current().documents(ScreenDef.KIND).isEmpty());
        return apply(Messages.get("screens.undoNew", s.name()), List.of(ScreenDocuments.put(s)), s.id());
    }

    /** Renames a screen; navigation buttons that led to it follow in the same step. */
    public CompletableFuture<?> rename(DocumentDef d) {
        if (!editable.get()) {
            return done();
        }
        Optional<String> name = askName(Messages.get("screens.rename"), Messages.get("screens.renameHeader", d.name()));
        if (name.isEmpty() || name.get().equals(d.name())) {
            return done();
        }
        List<ModelEdit> edits = new ArrayList<>();
        edits.add(new ModelEdit.PutDocument(d.withName(name.get())));
        for (DocumentDef other : current().documents(ScreenDef.KIND)) {
            ScreenDef s = other.id().equals(d.id()) ? null : readOrNull(other);
            if (s != null) {
                ScreenDef followed = s.withWidgets(retarget(s.widgets(), d.name(), name.get()));
                if (!followed.equals(s)) {
                    edits.add(ScreenDocuments.put(followed));
                }
            }
        }
        return apply(Messages.get("screens.undoRename", d.name(), name.get()), edits, d.id());
    }

    /** A copy under a free name ("Overview copy", "Overview copy 2", …), never the home screen. */
    public CompletableFuture<?> duplicate(DocumentDef d) {
        if (!editable.get()) {
            return done();
        }
        String base = Messages.get("screens.copyName", d.name());
        String name = base;
        for (int i = 2; current().findDocument(ScreenDef.KIND, name).isPresent(); i++) {
            name = base + " " + i;
        }
        ScreenDef s = readOrNull(d);
        DocumentDef copy = s != null && s.home()
                ? ScreenDocuments.document(s.withHome(false)).withName(name)
                : d.withName(name);
        copy = new DocumentDef(UUID.randomUUID(), copy.kind(), copy.name(), copy.body());
        return apply(Messages.get("screens.undoDuplicate", d.name()), List.of(new ModelEdit.PutDocument(copy)), copy.id());
    }

    /** Deletes a screen after showing what leads to it; Cancel is the default when something does. */
    public CompletableFuture<?> delete(DocumentDef d) {
        if (!editable.get()) {
            return done();
        }
        List<String> refs = referencesTo(current(), d);
        String text = refs.isEmpty() ? Messages.get("screens.deleteNoRefs") : Messages.get("screens.deleteRefs");
        DialogService.Confirmation q = new DialogService.Confirmation(Messages.get("screens.delete"),
                Messages.get("screens.deleteHeader", d.name()), text,
                refs.isEmpty() ? null : Messages.get("screens.deleteWarning", refs.size()), refs,
                Messages.get("screens.delete"), !refs.isEmpty());
        if (!dialogs.confirm(q)) {
            return done();
        }
        return apply(Messages.get("screens.undoDelete", d.name()), List.of(new ModelEdit.DeleteDocument(d.id())), null);
    }

    /**
     * What leads to the screen {@code d}: "Screen: widget" for each navigation button of another
     * screen whose target is its name, and a line when it is the project's home screen.
     */
    static List<String> referencesTo(ModelSnapshot m, DocumentDef d) {
        List<String> out = new ArrayList<>();
        ScreenDef self = readOrNull(d);
        if (self != null && self.home()) {
            out.add(Messages.get("screens.refHome"));
        }
        for (DocumentDef other : m.documents(ScreenDef.KIND)) {
            ScreenDef s = other.id().equals(d.id()) ? null : readOrNull(other);
            if (s == null) {
                continue;
            }
            for (WidgetDef w : s.allWidgets()) {
                if (w.type().equals(WidgetTypes.NAVIGATION) && w.text("target").equalsIgnoreCase(d.name())) {
                    out.add(Messages.get("screens.refNavigation", other.name(), w.id()));
                }
            }
        }
        return out;
    }

    private static List<WidgetDef> retarget(List<WidgetDef> widgets, String from, String to) {
        List<WidgetDef> out = new ArrayList<>(widgets.size());
        for (WidgetDef w : widgets) {
            WidgetDef x = w;
            if (w.type().equals(WidgetTypes.NAVIGATION) && w.text("target").equalsIgnoreCase(from)) {
                x = w.with("target", to);
            }
            if (!x.children().isEmpty()) {
                x = x.withChildren(retarget(x.children(), from, to));
            }
            out.add(x);
        }
        return out;
    }

    private static ScreenDef readOrNull(DocumentDef d) {
        try {
            return ScreenDocuments.read(d);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Optional<String> askName(String title, String header) {
        return dialogs.askText(title, header, Messages.get("screens.name")).map(String::strip).filter(n -> !n.isEmpty());
    }

    /** Applies the edits as one undoable step; a refusal is reported with its reason and changes nothing. */
    private CompletableFuture<?> apply(String label, List<ModelEdit> edits, UUID thenSelect) {
        try {
            return editor.apply(label, edits).whenComplete((c, err) -> {
                if (err != null) {
                    Throwable e = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                    feedback.error(Messages.get("screens.refused", e.getMessage()));
                } else {
                    feedback.info(label);
                    refresh();
                    if (thenSelect != null) {
                        list.getItems().stream().filter(d -> d.id().equals(thenSelect)).findFirst()
                                .ifPresent(d -> list.getSelectionModel().select(d));
                    }
                }
            });
        } catch (RuntimeException e) {
            feedback.error(Messages.get("screens.refused", e.getMessage()));
            return done();
        }
    }

    private static CompletableFuture<?> done() {
        return CompletableFuture.completedFuture(null);
    }

    private Button button(String id, String key, Runnable action) {
        Button b = new Button(Messages.get(key));
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setStyle("-fx-font-size: 11px; -fx-padding: 2 5 2 5;");
        return b;
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem(Messages.get("screens.open"));
        open.setOnAction(e -> openSelected());
        MenuItem add = new MenuItem(Messages.get("screens.new"));
        add.setOnAction(e -> create());
        MenuItem rename = new MenuItem(Messages.get("screens.rename"));
        rename.setOnAction(e -> selected().ifPresent(this::rename));
        MenuItem dup = new MenuItem(Messages.get("screens.duplicate"));
        dup.setOnAction(e -> selected().ifPresent(this::duplicate));
        MenuItem del = new MenuItem(Messages.get("screens.delete"));
        del.setOnAction(e -> selected().ifPresent(this::delete));
        for (MenuItem i : List.of(add, rename, dup, del)) {
            i.disableProperty().bind(editable.not());
        }
        return new ContextMenu(open, add, rename, dup, del);
    }
}
