package org.peresvet.app.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/**
 * The questions the workstation asks in dialogs: files, folders, a line of text, a message.
 * Controllers and view models ask through this and never create an {@code Alert} or a
 * {@code FileChooser} themselves, so tests substitute the answers.
 */
public interface DialogService {

    /** A kind of file offered in a file dialog: "Projects (*.json)" and its patterns. */
    record FileType(String description, List<String> patterns) {
        public FileType(String description, String... patterns) {
            this(description, List.of(patterns));
        }
    }

    /** A file to read, or empty when cancelled. */
    Optional<Path> openFile(String title, List<FileType> types);

    /** A file to write, or empty when cancelled. */
    Optional<Path> saveFile(String title, String initialName, List<FileType> types);

    /** A folder, starting in {@code initial} when it exists; empty when cancelled. */
    Optional<Path> chooseFolder(String title, Path initial);

    /** A line of text (stripped; empty when cancelled or blank). */
    Optional<String> askText(String title, String header, String label);

    /** A message the user reads and closes. */
    void inform(String title, String text);

    /**
     * A question answered with a confirm button or Cancel.
     *
     * @param text       what the action does
     * @param warning    what it breaks (shown highlighted above the details), or null
     * @param details    lines listed under the text (e.g. the references a delete breaks); may be empty
     * @param confirm    the label of the confirm button ("Delete", "Write")
     * @param cancelByDefault Enter cancels: the action must be chosen on purpose
     */
    record Confirmation(String title, String header, String text, String warning, List<String> details, String confirm,
                        boolean cancelByDefault) {
        public Confirmation {
            details = List.copyOf(details);
        }
    }

    /** True when the user confirmed. */
    boolean confirm(Confirmation question);

    /**
     * The same question with a field for the reason a project rule requires (the confirm button
     * waits for one): the reason typed, stripped, or empty when cancelled.
     *
     * @param reasonLabel says why a reason is asked ("A reason is required (WRITE_VALUES /Plant)")
     */
    default Optional<String> confirmWithReason(Confirmation question, String reasonLabel) {
        return confirm(question) ? askText(question.title(), question.header(), reasonLabel) : Optional.empty();
    }

    /**
     * Shows a form a view built (its own fields and live checks), owned by the window and in its
     * theme; the form's result, or empty when cancelled.
     */
    <T> Optional<T> ask(Dialog<T> form);
}
