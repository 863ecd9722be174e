package org.peresvet.app.mnemonic.editor;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import org.peresvet.app.common.Completion;
import org.peresvet.app.common.Completions;
import org.peresvet.formula.FormulaContext;
import org.peresvet.formula.FormulaDiagnostics;
import org.peresvet.formula.FunctionCatalogue;
import org.peresvet.formula.FunctionRegistry;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.Binding;
import org.peresvet.screen.Macros;

/**
 * Where a property's binding is typed, in the formula language: {@code {/Station/P1/Running}}
 * binds the tag, anything else ({@code {/Station/P1/Flow} * 3.6}) is an expression. It completes
 * tag paths and functions as the formula editor does, checks the text on every keystroke with the
 * engine's compiler and shows what is wrong at once; Enter (or leaving the field) keeps a text
 * that compiles, empty unbinds. Text with {@code $(macros)} is kept as written: the group's values
 * fill it in, and the screen checks report what stays unknown. FX thread.
 */
final class BindingField {
    private static final List<FunctionCatalogue.Entry> FUNCTIONS = FunctionCatalogue.of(FunctionRegistry.standard());

    private final TextField field = new TextField();
    private final Label problem = new Label();
    private final VBox box = new VBox(2, field, problem);
    private final ContextMenu popup = new ContextMenu();
    private final Supplier<ModelSnapshot> model;
    private final Consumer<Binding> commit;
    private String saved;

    BindingField(String property, Binding current, Supplier<ModelSnapshot> model, Consumer<Binding> commit) {
        this.model = model;
        this.commit = commit;
        saved = text(current);
        field.setText(saved);
        field.setPromptText(EditorText.get("binding.prompt"));
        field.setId("bind-" + property);
        field.getStyleClass().add("binding-field");
        problem.getStyleClass().add("binding-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b00020; -fx-font-size: 11px;");
        problem.setManaged(false);
        problem.setVisible(false);
        popup.getStyleClass().add("binding-completions");
        field.textProperty().addListener((o, a, t) -> {
            check();
            suggest(false);
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && e.isControlDown()) {
                suggest(true);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
            }
        });
        field.setOnAction(e -> save());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && !popup.isShowing()) {
                save();
            }
        });
        check();
    }

    VBox view() {
        return box;
    }

    TextField field() {
        return field;
    }

    Label problemLabel() {
        return problem;
    }

    ContextMenu popup() {
        return popup;
    }

    /** The binding as the field writes it. */
    static String text(Binding b) {
        if (b == null) {
            return "";
        }
        return b.isTag() ? "{" + b.tag() + "}" : b.expression();
    }

    /** The binding a text stands for: a lone tag reference binds the tag; empty is none. */
    static Binding parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.startsWith("{") && t.endsWith("}") && t.indexOf('}') == t.length() - 1 && t.indexOf('{', 1) < 0) {
            String path = t.substring(1, t.length() - 1).strip();
            if (path.startsWith("/")) {
                return Binding.tag(path);
            }
        }
        return Binding.expression(t);
    }

    /** What is wrong with the text now, or null. */
    String problem() {
        return problem.isVisible() ? problem.getText() : null;
    }

    private void check() {
        String t = field.getText().strip();
        String msg = null;
        if (!t.isEmpty() && Macros.referenced(t).isEmpty()) {
            Binding b = parse(t);
            if (b.isTag()) {
                if (model.get().findTag(b.tag()).isEmpty()) {
                    msg = EditorText.get("binding.noTag", b.tag());
                }
            } else {
                FormulaDiagnostics.Diagnosis d = FormulaDiagnostics.check(t, FormulaContext.of(model.get(), "/"), null, null, null);
                if (!d.ok()) {
                    msg = EditorText.get("binding.problem", d.problem().column(), d.problem().message());
                }
            }
        }
        problem.setText(msg == null ? "" : msg);
        problem.setVisible(msg != null);
        problem.setManaged(msg != null);
        field.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), msg != null);
        field.setStyle(msg != null ? "-fx-border-color: #b00020; -fx-border-width: 1;" : "");
    }

    private void suggest(boolean explicit) {
        if (!field.isFocused() && !explicit) {
            return;
        }
        List<Completion> cs = Completions.at(field.getText(), field.getCaretPosition(), model.get(), "/", FUNCTIONS, explicit);
        if (cs.isEmpty()) {
            popup.hide();
            return;
        }
        popup.getItems().clear();
        for (Completion c : cs.subList(0, Math.min(12, cs.size()))) {
            Label l = new Label(c.label() + (c.detail().isEmpty() ? "" : "   " + c.detail()));
            l.getStyleClass().add("completion-item");
            CustomMenuItem item = new CustomMenuItem(l, true);
            item.setOnAction(e -> accept(c));
            popup.getItems().add(item);
        }
        if (!popup.isShowing() && field.getScene() != null && field.getScene().getWindow() != null) {
            popup.show(field, Side.BOTTOM, 0, 0);
        }
    }

    private void accept(Completion c) {
        String t = c.applyTo(field.getText());
        field.setText(t);
        field.positionCaret(c.caretAfter());
        field.requestFocus();
    }

    private void save() {
        String t = field.getText().strip();
        if (t.equals(saved.strip()) || problem() != null) {
            return;
        }
        saved = t;
        commit.accept(parse(t));
    }
}
