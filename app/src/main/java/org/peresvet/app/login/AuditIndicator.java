package org.peresvet.app.login;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.security.AuditVerification;

/**
 * The status bar's audit slot: whether the trail's hash chain is intact, checked off the FX thread
 * when a project opens and every few minutes (a million records take under 2 s). FX thread only.
 */
public final class AuditIndicator {
    /** How often the chain is checked again while a project is open. */
    static final Duration EVERY = Duration.minutes(5);
    private static final Pattern RECORD = Pattern.compile("records? (\\d+)");

    private final Label label;
    private ProjectContext project;
    private Timeline again;

    AuditIndicator(Label label) {
        this.label = label;
        label.setText("");
    }

    void start(ProjectContext p) {
        stop();
        project = p;
        again = new Timeline(new KeyFrame(EVERY, e -> check()));
        again.setCycleCount(Timeline.INDEFINITE);
        again.play();
        check();
    }

    void stop() {
        project = null;
        if (again != null) {
            again.stop();
            again = null;
        }
        label.setText("");
        label.setTooltip(null);
        label.getStyleClass().remove("status-error");
    }

    /** Checks the chain now (the audit viewer's refresh asks too). */
    void check() {
        ProjectContext p = project;
        if (p == null) {
            return;
        }
        FxTasks.run(() -> p.security().verifyAudit(), v -> {
            if (project == p) {
                show(v);
            }
        }, err -> {
            if (project == p) {
                show(new AuditVerification(0, List.of(String.valueOf(err.getMessage())), 0));
            }
        });
    }

    private void show(AuditVerification v) {
        label.setText(text(v));
        label.setTooltip(new Tooltip(v.intact() ? label.getText() : String.join("\n", v.problems())));
        label.getStyleClass().remove("status-error");
        if (!v.intact()) {
            label.getStyleClass().add("status-error");
        }
    }

    /** "Audit: intact, N records" or "Audit: broken at record K" (or the first problem when it names none). */
    public static String text(AuditVerification v) {
        return Messages.get("audit.status", verdict(v));
    }

    /** The verdict alone, as the audit viewer shows it. */
    public static String verdict(AuditVerification v) {
        if (v.intact()) {
            return Messages.get("audit.intact", v.records());
        }
        String first = v.problems().get(0);
        Matcher m = RECORD.matcher(first);
        return m.find() ? Messages.get("audit.brokenAt", m.group(1)) : Messages.get("audit.broken", first);
    }
}
