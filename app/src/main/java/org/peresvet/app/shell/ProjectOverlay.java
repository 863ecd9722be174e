package org.peresvet.app.shell;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.peresvet.app.Messages;
import org.peresvet.app.welcome.WelcomePage;

/** The pane over the workspace while no project is shown: the welcome page, "opening…" or why it failed. */
final class ProjectOverlay {
    private final VBox overlay;
    private final Label projectTitle;
    private final Label centreMessage;

    ProjectOverlay(VBox overlay, Label projectTitle, Label centreMessage) {
        this.overlay = overlay;
        this.projectTitle = projectTitle;
        this.centreMessage = centreMessage;
    }

    void welcome(Node page) {
        show("", "placeholder-note");
        overlay.getChildren().add(page);
    }

    void opening() {
        overlay.getChildren().removeIf(n -> n instanceof WelcomePage);
        show(Messages.get("shell.opening"), "placeholder-note");
    }

    void failed(Path dir, Throwable error) {
        show(Messages.get("shell.openFailed", dir, error.getMessage()), "error-text");
    }

    void hide() {
        overlay.setVisible(false);
    }

    private void show(String message, String style) {
        overlay.setVisible(true);
        projectTitle.setText("");
        centreMessage.setText(message);
        centreMessage.getStyleClass().setAll(style);
    }
}
