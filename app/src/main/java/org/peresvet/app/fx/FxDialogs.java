package org.peresvet.app.fx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.peresvet.app.Messages;

/** The dialogs of one window: owned by it and styled with its theme. FX thread only. */
public final class FxDialogs implements DialogService {
    private final Stage owner;

    public FxDialogs(Stage owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> openFile(String title, List<FileType> types) {
        return Optional.ofNullable(chooser(title, types).showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, List<FileType> types) {
        FileChooser c = chooser(title, types);
        c.setInitialFileName(initialName);
        return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            c.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<String> askText(String title, String header, String label) {
        TextInputDialog d = new TextInputDialog();
        d.setTitle(title);
        d.setHeaderText(header);
        d.setContentText(label);
        style(d);
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public void inform(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(title);
        a.setHeaderText(title);
        a.setContentText(text);
        style(a);
        a.show();
    }

    @Override
    public boolean confirm(Confirmation q) {
        Alert a = alert(q);
        return a.showAndWait().map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }

    @Override
    public Optional<String> confirmWithReason(Confirmation q, String reasonLabel) {
        Alert a = alert(q);
        TextField reason = new TextField();
        reason.setId("reason-input");
        reason.setPromptText(Messages.get("reason.prompt"));
        Label label = new Label(reasonLabel);
        label.setWrapText(true);
        ((VBox) a.getDialogPane().getContent()).getChildren().addAll(label, reason);
        Button ok = (Button) a.getDialogPane().lookupButton(a.getButtonTypes().get(0));
        ok.disableProperty().bind(reason.textProperty().map(String::isBlank));
        // Typing the reason is the deliberate act: Enter then confirms (never while the reason is blank).
        ok.setDefaultButton(true);
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(false);
        a.setOnShown(e -> reason.requestFocus());
        return a.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .map(b -> reason.getText().strip());
    }

    /** The confirmation's alert: text, warning, details, the confirm button and Cancel. */
    private Alert alert(Confirmation q) {
        boolean warn = q.warning() != null;
        Alert a = new Alert(warn ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION);
        a.setTitle(q.title());
        a.setHeaderText(q.header());
        VBox content = new VBox(8);
        Label text = new Label(q.text());
        text.setWrapText(true);
        content.getChildren().add(text);
        if (warn) {
            Label w = new Label(q.warning());
            w.getStyleClass().add("delete-warning");
            w.setWrapText(true);
            content.getChildren().add(w);
        }
        if (!q.details().isEmpty()) {
            ListView<String> list = new ListView<>();
            list.getStyleClass().add("reference-list");
            list.getItems().setAll(q.details());
            list.setPrefHeight(Math.min(8, q.details().size()) * 26 + 4);
            content.getChildren().add(list);
        }
        a.getDialogPane().setContent(content);
        ButtonType ok = new ButtonType(q.confirm(), ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ok, ButtonType.CANCEL);
        ((Button) a.getDialogPane().lookupButton(ok)).setDefaultButton(!q.cancelByDefault());
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(q.cancelByDefault());
        style(a);
        return a;
    }

    @Override
    public <T> Optional<T> ask(Dialog<T> form) {
        style(form);
        return form.showAndWait();
    }

    /** Owned by the window and dressed in its stylesheets. */
    public void style(Dialog<?> d) {
        d.initOwner(owner);
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }

    private static FileChooser chooser(String title, List<FileType> types) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().setAll(types.stream()
                .map(t -> new FileChooser.ExtensionFilter(t.description(), t.patterns())).toList());
        return c;
    }
}
