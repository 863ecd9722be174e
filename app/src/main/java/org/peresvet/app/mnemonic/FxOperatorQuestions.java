package org.peresvet.app.mnemonic;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.FxDialogs;

/** The operator's questions as dialogs over the screen's window. */
final class FxOperatorQuestions implements OperatorQuestions {
    private final Node owner;

    FxOperatorQuestions(Node owner) {
        this.owner = owner;
    }

    private Window window() {
        return owner.getScene() == null ? null : owner.getScene().getWindow();
    }

    @Override
    public Optional<String> askValue(String title, String what, String current, UnaryOperator<String> check) {
        Dialog<String> d = new Dialog<>();
        d.initOwner(window());
        d.setTitle(title);
        d.setHeaderText(what);
        TextField input = new TextField(current);
        input.setId("setpoint-input");
        Label error = new Label();
        error.setId("setpoint-error");
        error.setStyle("-fx-text-fill: #B71C1C;");
        error.setWrapText(true);
        d.getDialogPane().setContent(new VBox(8, new Label(Messages.get("screen.newValue")), input, error));
        ButtonType next = new ButtonType(Messages.get("write.next"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(next, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(next);
        Runnable validate = () -> {
            String reason = check.apply(input.getText());
            error.setText(reason == null ? "" : reason);
            ok.setDisable(reason != null);
        };
        input.textProperty().addListener((o, a, b) -> validate.run());
        validate.run();
        d.setResultConverter(b -> b == next ? input.getText() : null);
        return d.showAndWait();
    }

    @Override
    public boolean confirm(String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(window());
        a.setTitle(title);
        a.setHeaderText(header);
        a.setContentText(text);
        ButtonType send = new ButtonType(Messages.get("screen.send"), ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(send, ButtonType.CANCEL);
        return a.showAndWait().filter(b -> b == send).isPresent();
    }

    @Override
    public Optional<String> confirmWithReason(String title, String header, String text, String rule) {
        Window w = window();
        return new FxDialogs(w instanceof Stage s ? s : null).confirmWithReason(new DialogService.Confirmation(title, header, text,
                null, List.of(), Messages.get("screen.send"), false), Messages.get("reason.required", rule));
    }
}
