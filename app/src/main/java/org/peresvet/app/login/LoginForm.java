package org.peresvet.app.login;

import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;

/**
 * The card where a person logs in, unlocks the workstation or switches user: a name, a
 * password, a message line and two or three buttons. It only shows and collects; {@link LoginGate}
 * checks the password. Enter in the password field submits (no default button: the shell's
 * accelerators are held back while the card shows). FX thread only.
 */
final class LoginForm extends VBox {
    /** What the card is for. */
    enum Purpose { LOGIN, UNLOCK, SWITCH }

    private final Label title = new Label();
    private final Label note = new Label();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label message = new Label();
    private final Button submit = new Button();
    private final Button cancel = new Button();
    private final Button switchUser = new Button(Messages.get("login.switchUser"));
    private BiConsumer<String, char[]> onSubmit = (u, p) -> { };
    private Runnable onCancel = () -> { };
    private Runnable onSwitch = () -> { };

    LoginForm() {
        setId("loginForm");
        getStyleClass().add("login-form");
        setSpacing(8);
        setMaxWidth(380);
        setMaxHeight(USE_PREF_SIZE);
        setAlignment(Pos.CENTER_LEFT);
        title.setId("loginTitle");
        title.getStyleClass().add("login-title");
        title.setWrapText(true);
        note.setId("loginNote");
        note.getStyleClass().add("placeholder-note");
        note.setWrapText(true);
        user.setId("loginUser");
        user.setPromptText(Messages.get("login.user"));
        password.setId("loginPassword");
        password.setPromptText(Messages.get("login.password"));
        message.setId("loginMessage");
        message.setWrapText(true);
        message.getStyleClass().add("login-message");
        message.managedProperty().bind(message.textProperty().isNotEmpty()); // no gap while there is nothing to say
        submit.setId("loginSubmit");
        cancel.setId("loginCancel");
        switchUser.setId("loginSwitch");
        user.setOnAction(e -> password.requestFocus());
        password.setOnAction(e -> submit());
        submit.setOnAction(e -> submit());
        cancel.setOnAction(e -> onCancel.run());
        switchUser.setOnAction(e -> onSwitch.run());
        HBox buttons = new HBox(8, submit, cancel, switchUser);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, note, new Label(Messages.get("login.user")), user,
                new Label(Messages.get("login.password")), password, message, buttons);
    }

    void onSubmit(BiConsumer<String, char[]> action) {
        onSubmit = action;
    }

    void onCancel(Runnable action) {
        onCancel = action;
    }

    void onSwitch(Runnable action) {
        onSwitch = action;
    }

    /**
     * Shows the card for a purpose.
     *
     * @param heading the title line
     * @param hint    what to type, where it is checked
     * @param who     the user name to unlock as (fixed), or null to ask for one
     */
    void show(Purpose purpose, String heading, String hint, String who) {
        title.setText(heading);
        note.setText(hint);
        user.setText(who == null ? "" : who);
        user.setDisable(purpose == Purpose.UNLOCK);
        password.clear();
        message.setText("");
        busy(false);
        submit.setText(Messages.get(purpose == Purpose.UNLOCK ? "login.unlock" : "login.submit"));
        cancel.setText(Messages.get(purpose == Purpose.LOGIN ? "login.cancel" : "login.back"));
        cancel.setVisible(purpose != Purpose.UNLOCK);
        cancel.setManaged(purpose != Purpose.UNLOCK);
        switchUser.setVisible(purpose == Purpose.UNLOCK);
        switchUser.setManaged(purpose == Purpose.UNLOCK);
        focusFirst();
    }

    /** Puts the caret where the person types next: the name when empty, else the password. */
    void focusFirst() {
        (user.getText().isEmpty() && !user.isDisabled() ? user : password).requestFocus();
    }

    /** A refused login: the reason, the password cleared for another try. */
    void refused(String why) {
        busy(false);
        message.setText(why);
        password.clear();
        password.requestFocus();
    }

    void busy(boolean checking) {
        submit.setDisable(checking);
        password.setDisable(checking);
        if (checking) {
            message.setText(Messages.get("login.checking"));
        }
    }

    private void submit() {
        if (submit.isDisabled()) {
            return;
        }
        String name = user.getText() == null ? "" : user.getText().strip();
        if (name.isEmpty()) {
            refused(Messages.get("login.noUser"));
            user.requestFocus();
            return;
        }
        char[] pw = password.getText().toCharArray();
        password.clear();
        busy(true);
        onSubmit.accept(name, pw); // the receiver clears the array once it has checked it
    }
}
