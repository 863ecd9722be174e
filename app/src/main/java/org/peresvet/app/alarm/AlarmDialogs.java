package org.peresvet.app.alarm;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.peresvet.app.Messages;

/** The alarm list's two dialogs: the acknowledge comment and the shelving reason and length. */
final class AlarmDialogs {
    private AlarmDialogs() {
    }

    /** Asks for an optional comment; answers the comment (maybe blank), or nothing when cancelled. */
    static Dialog<String> comment(int count, Consumer<Dialog<?>> style) {
        Dialog<String> d = new Dialog<>();
        d.setTitle(Messages.get("alarms.commentTitle"));
        d.setHeaderText(Messages.get("alarms.commentHeader", count));
        TextField comment = new TextField();
        comment.setId("ack-comment");
        comment.setPromptText(Messages.get("alarms.commentPrompt"));
        comment.setPrefColumnCount(32);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setPadding(new Insets(8));
        g.addRow(0, new Label(Messages.get("alarms.comment")), comment);
        d.getDialogPane().setContent(g);
        ButtonType ack = new ButtonType(Messages.get("alarms.ack"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ack, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ack ? comment.getText() : null);
        d.setOnShown(e -> comment.requestFocus());
        style.accept(d);
        return d;
    }

    /** Asks for a reason (required) and a length up to {@code max}. */
    static Dialog<AlarmListView.ShelveRequest> shelve(List<AlarmRow> rows, Duration max, Consumer<Dialog<?>> style) {
        Dialog<AlarmListView.ShelveRequest> d = new Dialog<>();
        d.setTitle(Messages.get("shelve.title"));
        d.setHeaderText(rows.size() == 1 ? Messages.get("shelve.headerOne", rows.get(0).objectPath() + "#" + rows.get(0).alarm())
                : Messages.get("shelve.headerMany", rows.size()));
        TextField reason = new TextField();
        reason.setId("shelve-reason");
        reason.setPromptText(Messages.get("shelve.reasonPrompt"));
        reason.setPrefColumnCount(32);
        ComboBox<ShelveChoice> length = new ComboBox<>();
        length.setId("shelve-length");
        length.getItems().setAll(ShelveChoice.offered(max));
        length.setValue(length.getItems().stream().filter(c -> !c.oneShot()
                && c.duration().compareTo(Duration.ofHours(1)) >= 0).findFirst().orElse(length.getItems().get(0)));
        Label note = new Label(Messages.get("shelve.note", new ShelveChoice(max)));
        note.getStyleClass().add("pane-note");
        Label error = new Label(Messages.get("shelve.reasonRequired"));
        error.getStyleClass().add("field-error");
        error.visibleProperty().bind(reason.textProperty().isEmpty());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(8));
        g.addRow(0, new Label(Messages.get("shelve.reason")), reason);
        g.add(error, 1, 1);
        g.addRow(2, new Label(Messages.get("shelve.length")), length);
        g.add(note, 1, 3);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType(Messages.get("shelve.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        Node okButton = d.getDialogPane().lookupButton(ok);
        okButton.disableProperty().bind(Bindings.createBooleanBinding(() -> reason.getText().isBlank(), reason.textProperty()));
        d.setResultConverter(b -> b == ok ? new AlarmListView.ShelveRequest(reason.getText().strip(), length.getValue()) : null);
        d.setOnShown(e -> reason.requestFocus());
        style.accept(d);
        return d;
    }
}
