package org.peresvet.app.trend;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;

/**
 * Saved trends: model documents of kind {@value TrendSpec#KIND}, written through the model editor
 * (one undoable step each), listed from the model. The one place that knows where trends live.
 */
public final class TrendStore {
    private final ModelEditor editor;
    private final Consumer<String> errors;
    private Runnable manage;

    public TrendStore(ModelEditor editor, Consumer<String> errors) {
        this.editor = editor;
        this.errors = errors;
    }

    /** The saved trends, by name. */
    public List<DocumentDef> list() {
        return editor.model().documents(TrendSpec.KIND);
    }

    /** Saves the trend under a name (replacing the document it was opened from, if any). */
    public CompletableFuture<ModelSnapshot.Change> save(TrendView view, String name) {
        UUID id = view.savedId() != null ? view.savedId() : UUID.randomUUID();
        DocumentDef doc = new DocumentDef(id, TrendSpec.KIND, name, view.spec().toJson());
        CompletableFuture<ModelSnapshot.Change> f = editor.apply(Messages.get("trend.saveStep", name), List.of(new ModelEdit.PutDocument(doc)));
        view.saved(id, name);
        return f;
    }

    /** Renames a saved trend (one undoable step). */
    public CompletableFuture<ModelSnapshot.Change> rename(DocumentDef doc, String name) {
        return editor.apply(Messages.get("trend.renameStep", doc.name(), name),
                List.of(new ModelEdit.PutDocument(new DocumentDef(doc.id(), doc.kind(), name, doc.body()))));
    }

    /** Saves a copy of a trend under a new name (one undoable step). */
    public CompletableFuture<ModelSnapshot.Change> duplicate(DocumentDef doc, String name) {
        return editor.apply(Messages.get("trend.saveStep", name),
                List.of(new ModelEdit.PutDocument(new DocumentDef(UUID.randomUUID(), doc.kind(), name, doc.body()))));
    }

    /** Deletes a saved trend (one undoable step: Undo brings it back). */
    public CompletableFuture<ModelSnapshot.Change> delete(DocumentDef doc) {
        return editor.apply(Messages.get("trend.deleteStep", doc.name()), List.of(new ModelEdit.DeleteDocument(doc.id())));
    }

    /** What "All trends…" in a trend's Trends menu does (the shell opens the list of trends). */
    public void onManage(Runnable action) {
        this.manage = action;
    }

    /** Called on the FX thread after every change of the model (a list of trends refreshes). */
    void onChanged(Runnable r) {
        editor.onApplied(c -> r.run());
    }

    /** Opens a saved trend in the view; false (and the reason shown) when its body is not a trend. */
    public boolean open(TrendView view, DocumentDef doc) {
        try {
            view.load(doc.id(), doc.name(), TrendSpec.parse(doc.body()));
            return true;
        } catch (IllegalArgumentException e) {
            errors.accept(Messages.get("trend.badDocument", doc.name(), e.getMessage()));
            return false;
        }
    }

    Button saveButton(TrendView view) {
        Button b = new Button(Messages.get("trend.save"));
        b.setId("trend-save");
        b.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog(view.savedName() != null ? view.savedName() : "");
            d.setTitle(Messages.get("trend.save"));
            d.setHeaderText(Messages.get("trend.saveName"));
            if (b.getScene() != null) {
                d.getDialogPane().getStylesheets().setAll(b.getScene().getStylesheets());
            }
            Optional<String> name = d.showAndWait();
            name.map(String::strip).filter(n -> !n.isEmpty()).ifPresent(n -> {
                try {
                    save(view, n).exceptionally(ex -> {
                        errors.accept(ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage());
                        return null;
                    });
                } catch (RuntimeException ex) {
                    errors.accept(ex.getMessage());
                }
            });
        });
        return b;
    }

    MenuButton openButton(TrendView view) {
        MenuButton m = new MenuButton(Messages.get("trend.open"));
        m.setId("trend-open");
        m.setOnShowing(e -> {
            m.getItems().clear();
            for (DocumentDef d : list()) {
                MenuItem i = new MenuItem(d.name());
                i.setOnAction(ev -> open(view, d));
                m.getItems().add(i);
            }
            if (m.getItems().isEmpty()) {
                MenuItem none = new MenuItem(Messages.get("trend.noneSaved"));
                none.setDisable(true);
                m.getItems().add(none);
            }
            if (manage != null) {
                MenuItem all = new MenuItem(Messages.get("trend.list.manage"));
                all.setId("trend-open-all");
                all.setOnAction(ev -> manage.run());
                m.getItems().addAll(new SeparatorMenuItem(), all);
            }
        });
        return m;
    }
}
