package org.peresvet.app.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/**
 * A {@link DialogService} for tests that opens nothing: every question is answered "no" or
 * "nothing chosen", and what would have been shown is forgotten. Tests that answer some questions
 * override those.
 */
public class NoDialogs implements DialogService {
    @Override
    public boolean confirm(Confirmation question) {
        return false;
    }

    @Override
    public <T> Optional<T> ask(Dialog<T> form) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> openFile(String title, List<FileType> types) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, List<FileType> types) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        return Optional.empty();
    }

    @Override
    public Optional<String> askText(String title, String header, String label) {
        return Optional.empty();
    }

    @Override
    public void inform(String title, String text) {
    }
}
