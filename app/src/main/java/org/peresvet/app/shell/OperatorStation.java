package org.peresvet.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.peresvet.app.Messages;
import org.peresvet.app.alarm.OperatorAlarms;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxDialogs;
import org.peresvet.app.fx.FxPulse;
import org.peresvet.app.fx.ReasonRetry;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.login.LoginGate;
import org.peresvet.app.mnemonic.ScreenView;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.app.trend.PopupTrend;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.runtime.Subscription;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;

/**
 * The operator station ({@code ./peresvet --operator}): the project's home screen full-screen and
 * nothing else: no menus, no tree, no editors; the screens' own navigation, faceplates, commands
 * and setpoints are what the operator may do. Escape does not leave full screen and closing the
 * window is refused; only the configured exit key ({@code --exit-key}, default Ctrl+Shift+F12)
 * leaves, after a confirmation. FX thread only.
 */
public final class OperatorStation implements ProjectSession.Listener, Feedback {
    /** The exit key when none is configured. */
    public static final String DEFAULT_EXIT_KEY = "Ctrl+Shift+F12";

    private final Stage stage;
    private final BorderPane root = new BorderPane();
    /** Under the login card: the screens, or a message. */
    private final BorderPane content = new BorderPane();
    private final Label message = new Label();
    /** A project with users asks who operates before it shows anything; the user's role then decides. */
    private final LoginGate login;
    private final KeyCombination exitKey;
    private final ProjectSession session;
    private final ValueBridge bridge = new ValueBridge();
    private final FxPulse pulse = new FxPulse(bridge);
    /** The alarm strip above everything and its panel under the screens. */
    private final OperatorAlarms alarms = new OperatorAlarms(panel -> content.setBottom(panel));
    private BooleanSupplier confirmExit;
    private Runnable exit;
    private ScreenView view;
    private Subscription modelChanges;
    private boolean closed;

    /** Makes the station on {@code stage} (not shown yet), acting as {@code actor}. */
    public OperatorStation(Stage stage, Actor actor, KeyCombination exitKey) {
        this.stage = stage;
        this.exitKey = exitKey;
        this.session = new ProjectSession(actor, this, this);
        alarms.askReasonWith(ReasonRetry.dialog(new FxDialogs(stage), Messages.get("reason.alarmTitle"),
                Messages.get("reason.alarmText"), Messages.get("reason.alarmConfirm")));
        session.apiConfig(null);
        message.setId("operator-message");
        message.setStyle("-fx-font-size: 16; -fx-text-fill: #333333;");
        BorderPane.setAlignment(message, Pos.CENTER);
        content.setCenter(message);
        StackPane workspace = new StackPane(content);
        root.setCenter(workspace);
        Label user = new Label();
        user.setId("operator-user");
        user.setStyle("-fx-padding: 2 8 2 8;");
        root.setBottom(user);
        root.setTop(alarms.strip());
        pulse.also(alarms::poll);
        login = new LoginGate(workspace, new Region(), user, new Label(), this, new FxDialogs(stage), () -> {
            message.setText(Messages.get("operator.notLoggedIn"));
            content.setCenter(message);
        });
        root.setId("operator-station");
        root.setStyle("-fx-background-color: #C8C8C8;");
        this.confirmExit = () -> new FxDialogs(stage).confirm(new DialogService.Confirmation(
                Messages.get("operator.exitTitle"), Messages.get("operator.exitHeader"), Messages.get("operator.exitText"), null,
                List.of(), Messages.get("operator.exitConfirm"), true));
        this.exit = () -> {
            close();
            stage.hide();
        };
    }

    /** The exit key from the arguments ({@code --exit-key COMBINATION}), else the default. */
    public static KeyCombination exitKey(List<String> args) {
        int i = args.indexOf("--exit-key");
        String spec = i >= 0 && i + 1 < args.size() ? args.get(i + 1) : DEFAULT_EXIT_KEY;
        try {
            return KeyCombination.valueOf(spec);
        } catch (IllegalArgumentException e) {
            return KeyCombination.valueOf(DEFAULT_EXIT_KEY);
        }
    }

    /** Replaces the exit question and the exit itself (tests). */
    public void setExit(BooleanSupplier confirm, Runnable leave) {
        this.confirmExit = confirm;
        this.exit = leave;
    }

    /** Shows the station full-screen and opens the project in {@code dir} (null: says how to name one). */
    public void show(Path dir) {
        Scene scene = new Scene(root);
        scene.getStylesheets().add(WorkstationApp.class.getResource(Theme.BASE).toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (exitKey.match(e)) {
                e.consume();
                askToLeave();
            }
        });
        stage.setScene(scene);
        stage.setTitle(Messages.get("operator.title"));
        // no way out short of the exit key: Escape stays in full screen, closing the window is refused
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.fullScreenProperty().addListener((o, was, is) -> {
            if (!is && !closed) {
                stage.setFullScreen(true);
            }
        });
        stage.setOnCloseRequest(e -> {
            e.consume();
            askToLeave();
        });
        stage.show();
        // full screen once shown and focused (some platforms enter it through the focused window)
        stage.toFront();
        stage.requestFocus();
        stage.setFullScreen(true);
        pulse.start();
        if (dir == null) {
            message.setText(Messages.get("operator.noProject"));
        } else {
            message.setText(Messages.get("operator.opening", dir));
            session.open(dir);
        }
    }

    /** Asks to leave, and leaves when confirmed. */
    public void askToLeave() {
        if (confirmExit.getAsBoolean()) {
            exit.run();
        }
    }

    /** The screens, once the project is open. */
    public ScreenView view() {
        return view;
    }

    /** The alarm strip and panel. */
    public OperatorAlarms alarms() {
        return alarms;
    }

    /** The open project, or null (tests). */
    ProjectContext project() {
        return session.current();
    }

    /** What fills the window. */
    public Parent root() {
        return root;
    }

    @Override
    public void attached(ProjectContext project) {
        // the strip shows the plant's alarms even at the login card; acknowledging needs a user who may
        alarms.attach(project);
        login.admit(project, () -> showScreens(project));
    }

    private void showScreens(ProjectContext project) {
        ModelSnapshot m = project.model().snapshot();
        bridge.attach(project.values(), m);
        modelChanges = project.model().onChange(ch -> bridge.modelChanged(ch.snapshot()));
        view = new ScreenView(new ScreenView.Context() {
            @Override
            public ProjectContext project() {
                return session.current();
            }

            @Override
            public ValueBridge bridge() {
                return bridge;
            }

            @Override
            public List<ScreenDef> screens() {
                ModelSnapshot now = bridge.getModel();
                return now == null ? List.of() : ScreenDocuments.all(now);
            }
        });
        // an operator looks at the trend; exporting files is an engineer's task on the workstation
        view.setTrendPopup(tag -> PopupTrend.show(project, tag, stage, false));
        content.setCenter(view.content());
        if (!view.home()) {
            message.setText(Messages.get("operator.noScreens"));
            content.setCenter(message);
        }
    }

    @Override
    public void detached() {
        login.detach();
        alarms.detach();
        if (view != null) {
            view.dispose();
            view = null;
        }
        if (modelChanges != null) {
            modelChanges.close();
            modelChanges = null;
        }
        bridge.detach();
    }

    @Override
    public void failed(Path dir, Throwable error) {
        message.setText(Messages.get("operator.failed", dir, String.valueOf(error.getMessage())));
        content.setCenter(message);
    }

    @Override
    public void apiChanged() {
    }

    @Override
    public void info(String text) {
        if (view == null) {
            message.setText(text);
        }
    }

    @Override
    public void error(String text) {
        message.setText(text);
    }

    /** Closes the project (history flushed) and stops the pulse. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pulse.stop();
        alarms.close();
        session.close();
        bridge.close();
    }
}
