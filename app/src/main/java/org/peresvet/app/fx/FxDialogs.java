package org.peresvet.app.fx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

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

    /** Owned by the window and dressed in its stylesheets. */
    public void style(Dialog<?> d) {
        d.initOwner(owner);
        if (owner.getScene() != null) {
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
