package org.peresvet.app.shell;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.fxmisc.richtext.GenericStyledArea;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.tree.TreeController;

/**
 * Edit menu, toolbar and shortcuts, routed by the focus: the formula editor's code area gets undo,
 * redo, the clipboard and delete; a text box gets the clipboard and delete; otherwise the tree and
 * the project's undo history. FX thread only.
 */
final class EditCommands {
    private final Supplier<Scene> scene;
    private final TreeController tree;
    private final ModelEditor editor;
    private final Feedback feedback;

    /** A second shortcut for the alarm list (the menu item has F7). */
    static final KeyCombination ALARM_LIST_KEY = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    /**
     * Undo and redo are enabled when there is something to undo (their menu items say what), and
     * every editing command only for engineers.
     */
    static void bind(ModelEditor editor, BooleanBinding operator, MenuItem undoItem, MenuItem redoItem, Button undoButton,
                     Button redoButton, List<MenuItem> editItems, List<Button> editButtons) {
        undoItem.disableProperty().bind(editor.canUndoProperty().not().or(operator));
        redoItem.disableProperty().bind(editor.canRedoProperty().not().or(operator));
        undoButton.disableProperty().bind(undoItem.disableProperty());
        redoButton.disableProperty().bind(redoItem.disableProperty());
        editor.undoLabelProperty().addListener((obs, o, n) -> undoItem.setText(n.isEmpty() ? Messages.get("menu.undo") : Messages.get("menu.undoWhat", n)));
        editor.redoLabelProperty().addListener((obs, o, n) -> redoItem.setText(n.isEmpty() ? Messages.get("menu.redo") : Messages.get("menu.redoWhat", n)));
        editItems.forEach(i -> i.disableProperty().bind(operator));
        editButtons.forEach(b -> b.disableProperty().bind(operator));
    }

    /** Runs {@code then} on the stage's scene once it has one. */
    static void whenScene(Stage stage, Consumer<Scene> then) {
        stage.sceneProperty().addListener((obs, o, sc) -> {
            if (sc != null) {
                then.accept(sc);
            }
        });
    }

    EditCommands(Supplier<Scene> scene, TreeController tree, ModelEditor editor, Feedback feedback) {
        this.scene = scene;
        this.tree = tree;
        this.editor = editor;
        this.feedback = feedback;
    }

    private TextInputControl focusedText() {
        Scene s = scene.get();
        return s != null && s.getFocusOwner() instanceof TextInputControl t ? t : null;
    }

    private GenericStyledArea<?, ?, ?> focusedCode() {
        Scene s = scene.get();
        return s != null && s.getFocusOwner() instanceof GenericStyledArea<?, ?, ?> a ? a : null;
    }

    void undo() {
        GenericStyledArea<?, ?, ?> code = focusedCode();
        if (code != null) {
            code.undo();
        } else {
            report(editor.undoLabelProperty().get(), "undo.undone", editor.undo());
        }
    }

    void redo() {
        GenericStyledArea<?, ?, ?> code = focusedCode();
        if (code != null) {
            code.redo();
        } else {
            report(editor.redoLabelProperty().get(), "undo.redone", editor.redo());
        }
    }

    private void report(String label, String doneKey, CompletableFuture<?> f) {
        f.whenComplete((c, err) -> {
            if (err != null) {
                feedback.error(Messages.get("tree.refused", ImportExport.cause(err).getMessage()));
            } else if (c != null) {
                feedback.info(Messages.get(doneKey, label));
            }
        });
    }

    void rename() {
        if (focusedCode() == null && focusedText() == null) {
            tree.rename();
        }
    }

    void cut() {
        route(GenericStyledArea::cut, TextInputControl::cut, tree::cut);
    }

    void copy() {
        route(GenericStyledArea::copy, TextInputControl::copy, tree::copy);
    }

    void paste() {
        route(GenericStyledArea::paste, TextInputControl::paste, tree::paste);
    }

    void delete() {
        route(GenericStyledArea::deleteNextChar, TextInputControl::deleteNextChar, tree::delete);
    }

    private void route(Consumer<GenericStyledArea<?, ?, ?>> inCode,
                       Consumer<TextInputControl> inText, Runnable inTree) {
        GenericStyledArea<?, ?, ?> code = focusedCode();
        TextInputControl text = focusedText();
        if (code != null) {
            inCode.accept(code);
        } else if (text != null) {
            inText.accept(text);
        } else {
            inTree.run();
        }
    }
}
