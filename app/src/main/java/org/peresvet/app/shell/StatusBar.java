package org.peresvet.app.shell;

import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import org.peresvet.app.project.BoardAccess;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.engine.EngineStatus;

/**
 * The status bar's slots: engine, history, connectors, exporter and API. Polled once a second
 * while a project is open: the engine never calls into the FX thread. FX thread only.
 */
final class StatusBar {
    private final Label engine;
    private final Label history;
    private final Label connectors;
    private final Label exporter;
    private final Label api;
    private final Supplier<ProjectContext> project;
    private final Supplier<WorkstationApi> workstationApi;
    private Timeline poll;

    StatusBar(Label engine, Label history, Label connectors, Label exporter, Label api,
              Supplier<ProjectContext> project, Supplier<WorkstationApi> workstationApi) {
        this.engine = engine;
        this.history = history;
        this.connectors = connectors;
        this.exporter = exporter;
        this.api = api;
        this.project = project;
        this.workstationApi = workstationApi;
        engine.setText(Messages.get("status.noProject"));
    }

    /** Starts polling the open project. */
    void start() {
        stop();
        poll = new Timeline(new KeyFrame(Duration.seconds(1), ev -> show()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        show();
    }

    void stop() {
        if (poll != null) {
            poll.stop();
            poll = null;
        }
    }

    /** No project (yet): the failure or the wait is shown in the window. */
    void noProject() {
        engine.setText(Messages.get("status.noProject"));
    }

    void show() {
        ProjectContext p = project.get();
        EngineStatus s = p == null ? null : p.status();
        engine.setText(StatusLine.engine(s));
        history.setText(StatusLine.history(s, p == null ? null : p.historyHealth(), System.currentTimeMillis()));
        abnormal(history, StatusLine.historyFails(s));
        StatusLine.Slot cs = p == null ? StatusLine.states("status.connectors", List.of()) : StatusLine.connectors(p.connectors());
        BoardAccess boards = p == null ? null : p.boards();
        show(connectors, boards == null ? cs : StatusLine.withBroker(cs, boards.brokerStatus().orElse(null)));
        show(exporter, StatusLine.exporter(p == null ? null : p.exporter()));
        WorkstationApi a = workstationApi.get();
        if (a != null) {
            show(api, a.status());
        } else if (p == null) {
            show(api, new StatusLine.Slot("", false));
        }
    }

    private static void show(Label l, StatusLine.Slot slot) {
        if (!slot.text().equals(l.getText())) {
            l.setText(slot.text());
            // A slot may shrink with an ellipsis on a narrow window; the tooltip keeps the whole text.
            l.setTooltip(slot.text().isEmpty() ? null : new Tooltip(slot.text()));
        }
        abnormal(l, slot.abnormal());
    }

    private static void abnormal(Label l, boolean bad) {
        l.getStyleClass().remove("status-error");
        if (bad) {
            l.getStyleClass().add("status-error");
        }
    }
}
