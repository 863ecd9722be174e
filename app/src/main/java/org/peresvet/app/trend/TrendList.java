package org.peresvet.app.trend;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.peresvet.app.Messages;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelSnapshot;

/**
 * The saved trends of the project, as a tab: open one (double-click or Open), rename it to the
 * name in the field, duplicate or delete it. Every change is one undoable model edit.
 */
public final class TrendList implements WorkspaceTab {
    public static final String KEY = "trends";
    private final TrendStore store;
    private final Consumer<String> errors;
    private final ListView<DocumentDef> list = new ListView<>();
    private final TextField name = new TextField();
    private final BorderPane root = new BorderPane();
    private boolean disposed;

    /** @param open opens a saved trend (the shell opens it in a trend tab) */
    public TrendList(TrendStore store, Consumer<DocumentDef> open, Consumer<String> errors) {
        this.store = store;
        this.errors = errors;
        list.setId("trend-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(DocumentDef d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.name());
            }
        });
        list.setPlaceholder(new Label(Messages.get("trend.noneSaved")));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> name.setText(d == null ? "" : d.name()));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && selected() != null) {
                open.accept(selected());
            }
        });
        name.setId("trend-list-name");
        HBox.setHgrow(name, Priority.ALWAYS);
        Button openB = button("trend-list-open", "trend.list.open", () -> open.accept(selected()));
        Button rename = button("trend-list-rename", "trend.list.rename", () -> done(store.rename(selected(), newName())));
        Button copy = button("trend-list-duplicate", "trend.list.duplicate",
                () -> done(store.duplicate(selected(), Messages.get("trend.list.copyName", selected().name()))));
        Button delete = button("trend-list-delete", "trend.list.delete", () -> done(store.delete(selected())));
        HBox bar = new HBox(4, openB, name, rename, copy, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        root.setTop(bar);
        root.setCenter(list);
        store.onChanged(() -> {
            if (!disposed) {
                refresh();
            }
        });
        refresh();
    }

    private Button button(String id, String key, Runnable action) {
        Button b = new Button(Messages.get(key));
        b.setId(id);
        b.setOnAction(e -> {
            if (selected() == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException ex) {
                errors.accept(ex.getMessage());
            }
        });
        return b;
    }

    private DocumentDef selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private String newName() {
        String n = name.getText().strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("trend.list.noName"));
        }
        return n;
    }

    private void done(CompletableFuture<ModelSnapshot.Change> f) {
        f.exceptionally(ex -> {
            errors.accept(ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage());
            return null;
        });
    }

    /** Reads the list again from the model, keeping the selection where it can. */
    public void refresh() {
        DocumentDef was = selected();
        list.getItems().setAll(store.list());
        if (was != null) {
            list.getItems().stream().filter(d -> d.id().equals(was.id())).findFirst().ifPresent(d -> list.getSelectionModel().select(d));
        }
    }

    /** The names listed, in order (tests). */
    public List<String> names() {
        return list.getItems().stream().map(DocumentDef::name).toList();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return Messages.get("trend.list.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public void dispose() {
        disposed = true;
    }
}
