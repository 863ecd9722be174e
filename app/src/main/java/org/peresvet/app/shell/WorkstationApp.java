package org.peresvet.app.shell;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.EngineStatus;
import org.peresvet.engine.PeresvetHome;

/**
 * The workstation window with the engine embedded and running. For now it shows the project tree
 * and the engine's status; the full shell (editing tree, trends, mnemonics, alarms) arrives with
 * the workstation issue.
 */
public class WorkstationApp extends Application {

    /** Classpath location of the ISA-101 theme (top-level {@code styles/}, packaged by the app pom). */
    public static final String STYLESHEET = "/org/peresvet/app/styles/isa101.css";

    private static final int EXIT_NO_DISPLAY = 3;

    /** Classpath location of the window's layout (top-level {@code fxml/}). */
    static final String VIEW = "/org/peresvet/app/fxml/workstation.fxml";

    private final ResourceBundle messages = Messages.bundle();
    private BorderPane root;
    private Label status;
    private VBox header;
    private Label projectTitle;
    private Label projectFolder;
    private Label centreMessage;
    private volatile Engine engine;
    private Timeline statusPoll;

    /** Starts the toolkit and blocks until the last window closes. */
    public static void open(String[] args) {
        try {
            Application.launch(WorkstationApp.class, args);
        } catch (UnsupportedOperationException e) {
            // Gtk could not connect to the display named by DISPLAY/WAYLAND_DISPLAY.
            System.err.println(Messages.get("launcher.displayUnusable", String.valueOf(e.getMessage())));
            System.exit(EXIT_NO_DISPLAY);
        }
    }

    /** The project folder: {@code --project DIR} or the demo project in the user's data folder. */
    static Path projectDir(List<String> args) {
        int i = args.indexOf("--project");
        if (i >= 0 && i + 1 < args.size()) {
            return Path.of(args.get(i + 1));
        }
        return PeresvetHome.current().defaultProject();
    }

    @Override
    public void start(Stage stage) throws IOException {
        FXMLLoader loader = new FXMLLoader(WorkstationApp.class.getResource(VIEW), messages);
        root = loader.load();
        status = (Label) loader.getNamespace().get("status");
        header = (VBox) loader.getNamespace().get("header");
        projectTitle = (Label) loader.getNamespace().get("projectTitle");
        projectFolder = (Label) loader.getNamespace().get("projectFolder");
        centreMessage = (Label) loader.getNamespace().get("centreMessage");

        Scene scene = new Scene(root, 1024, 700);
        URL css = WorkstationApp.class.getResource(STYLESHEET);
        if (css == null) {
            throw new IllegalStateException("Stylesheet missing from the classpath: " + STYLESHEET);
        }
        scene.getStylesheets().add(css.toExternalForm());
        stage.setTitle(messages.getString("app.title"));
        stage.setScene(scene);
        stage.show();

        Path dir = projectDir(getParameters().getRaw());
        FxTasks.run(() -> Engine.open(dir, EngineOptions.defaults()).start(), this::opened,
                error -> failed(dir, error));
    }

    private void opened(Engine e) {
        engine = e;
        String name = e.settings().name().isEmpty() ? e.folder().name() : e.settings().name();
        projectTitle.setText(name);
        projectFolder.setText(MessageFormat.format(messages.getString("shell.projectFolder"), e.folder().dir().toAbsolutePath()));
        header.setVisible(true);
        header.setManaged(true);
        root.setCenter(ProjectOverview.tree(e.model(), name, messages));
        BorderPane.setMargin(root.getCenter(), new Insets(0, 12, 12, 12));
        // The status bar polls once a second: the engine never calls into the FX thread.
        statusPoll = new Timeline(new KeyFrame(Duration.seconds(1), ev -> showStatus()));
        statusPoll.setCycleCount(Timeline.INDEFINITE);
        statusPoll.play();
        showStatus();
    }

    private void showStatus() {
        Engine e = engine;
        if (e == null) {
            return;
        }
        EngineStatus s = e.status();
        String key = s.running() ? "status.running" : "status.stopped";
        status.setText(MessageFormat.format(messages.getString(key), s.tags(), s.simulatedTags(),
                s.samplesAccepted(), s.historyWritten())
                + (s.historyError() == null ? "" : "  " + MessageFormat.format(messages.getString("status.historyError"), s.historyError())));
    }

    private void failed(Path dir, Throwable error) {
        centreMessage.setText(MessageFormat.format(messages.getString("shell.openFailed"), dir, error.getMessage()));
        centreMessage.getStyleClass().setAll("error-text");
    }

    /** Closing the window stops the engine cleanly: history is flushed. */
    @Override
    public void stop() {
        if (statusPoll != null) {
            statusPoll.stop();
        }
        Engine e = engine;
        if (e != null) {
            e.close();
        }
    }

    /** For UI tests: the running engine, once the project is open. */
    public Engine engine() {
        return engine;
    }
}
