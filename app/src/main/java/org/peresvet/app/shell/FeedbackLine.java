package org.peresvet.app.shell;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.peresvet.app.fx.Feedback;

/** The status bar's message line: the last thing done, or what went wrong in the error style. */
final class FeedbackLine implements Feedback {
    private final Label label;

    FeedbackLine(Label label) {
        this.label = label;
    }

    @Override
    public void info(String message) {
        label.setText(message);
        label.setTooltip(null);
        label.getStyleClass().remove("feedback-error");
    }

    @Override
    public void error(String message) {
        label.setText(message);
        label.setTooltip(new Tooltip(message)); // a long reason is cut short in the status bar
        if (!label.getStyleClass().contains("feedback-error")) {
            label.getStyleClass().add("feedback-error");
        }
    }
}
