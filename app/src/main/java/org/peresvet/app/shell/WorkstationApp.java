package org.peresvet.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.Views;
import org.peresvet.engine.Engine;
import org.peresvet.engine.PeresvetHome;
import org.peresvet.model.Actor;

/**
 * The workstation: one window over the engine, which runs inside it. Opens the project named by
 * {@code --project DIR}, else the last project, else shows the welcome page; restores the window layout and
 * saves it on close.
 */
public class WorkstationApp extends Application {

    /** Classpath location of the ISA-101 theme (top-level {@code styles/}, packaged by the app pom). */
    public static final String STYLESHEET = Theme.BASE;

    /** The file in the data folder that remembers the window layout. */
    public static final String LAYOUT_FILE = "workstation.json";

    private static final int EXIT_NO_DISPLAY = 3;

    private ShellController shell;
    private OperatorStation operator;

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

    /** The project folder: {@code --project DIR}, the last project if it still exists, else null (welcome). */
    static Path projectDir(List<String> args, WindowLayout layout) {
        int i = args.indexOf("--project");
        if (i >= 0 && i + 1 < args.size()) {
            return Path.of(args.get(i + 1));
        }
        if (layout.lastProject() != null && Files.isDirectory(Path.of(layout.lastProject()))) {
            return Path.of(layout.lastProject());
        }
        return null; // a first start: the welcome page
    }

    @Override
    public void start(Stage stage) {
        if (getParameters().getRaw().contains("--operator")) {
            startOperatorStation(stage, getParameters().getRaw());
            return;
        }
        LayoutStore store = new LayoutStore(PeresvetHome.current().dir().resolve(LAYOUT_FILE));
        shell = new ShellController(stage, store);
        Parent root = Views.load("workstation.fxml", shell);
        WindowLayout layout = shell.layout();
        Scene scene = new Scene(root, layout.width(), layout.height());
        stage.setScene(scene);
        shell.applyTheme(shell.themeProperty().get());
        stage.setTitle(Messages.get("app.title"));
        WindowPlacement.place(stage, layout);
        stage.setOnCloseRequest(e -> shell.saveLayout());
        stage.show();
        WindowPlacement.holdSize(stage, layout);
        StartReport.whenFirstPulse(scene);
        try {
            shell.apiConfig(WorkstationApi.config(getParameters().getRaw()));
        } catch (IllegalArgumentException e) {
            shell.apiConfig(null);
            shell.error(Messages.get("status.apiFailed", e.getMessage()));
        }
        Path dir = projectDir(getParameters().getRaw(), layout);
        if (dir == null) {
            shell.showWelcome();
        } else {
            shell.open(dir);
        }
    }

    /** {@code --operator}: the home screen full-screen, nothing else (the project from --project or the last one). */
    private void startOperatorStation(Stage stage, List<String> args) {
        WindowLayout layout = new LayoutStore(PeresvetHome.current().dir().resolve(LAYOUT_FILE)).load();
        operator = new OperatorStation(stage, Actor.workstation(System.getProperty("user.name", "operator")),
                OperatorStation.exitKey(args));
        operator.show(projectDir(args, layout));
    }

    /** Closing the window stops the engine cleanly: history is flushed. */
    @Override
    public void stop() {
        if (operator != null) {
            operator.close();
        }
        if (shell != null) {
            shell.shutdown();
        }
    }

    /** For UI tests: the running engine, once the project is open. */
    public Engine engine() {
        return shell == null ? null : shell.engine();
    }

    /** For UI tests: the window's controller. */
    public ShellController shell() {
        return shell;
    }
}
