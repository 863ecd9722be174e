package org.peresvet.app.shell;

import java.net.URL;
import java.util.ResourceBundle;

import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.peresvet.app.Messages;

/**
 * The workstation window. For now a real but minimal window; the shell (project tree, trends,
 * mnemonics, alarms) arrives with the workstation issue.
 */
public class WorkstationApp extends Application {

    /** Classpath location of the ISA-101 theme (top-level {@code styles/}, packaged by the app pom). */
    public static final String STYLESHEET = "/org/peresvet/app/styles/isa101.css";

    private static final int EXIT_NO_DISPLAY = 3;

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

    @Override
    public void start(Stage stage) {
        ResourceBundle messages = Messages.bundle();

        Label name = new Label(messages.getString("app.name"));
        name.getStyleClass().add("placeholder-title");
        Label note = new Label(messages.getString("shell.placeholder"));
        note.getStyleClass().add("placeholder-note");

        VBox centre = new VBox(12, name, note);
        centre.setAlignment(Pos.CENTER);
        StackPane root = new StackPane(centre);
        root.getStyleClass().add("workstation");

        Scene scene = new Scene(root, 1024, 700);
        URL css = WorkstationApp.class.getResource(STYLESHEET);
        if (css == null) {
            throw new IllegalStateException("Stylesheet missing from the classpath: " + STYLESHEET);
        }
        scene.getStylesheets().add(css.toExternalForm());

        stage.setTitle(messages.getString("app.title"));
        stage.setScene(scene);
        stage.show();
    }
}
