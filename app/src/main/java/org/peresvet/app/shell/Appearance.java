package org.peresvet.app.shell;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

/**
 * The window's mode, theme and layout: restored from the saved layout, applied to the scene, and
 * saved again on close. FX thread only.
 */
final class Appearance {
    private final Stage stage;
    private final LayoutStore store;
    private WindowLayout layout;
    private final ObjectProperty<UserMode> mode = new SimpleObjectProperty<>(this, "mode", UserMode.ENGINEER);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.ISA101);

    Appearance(Stage stage, LayoutStore store) {
        this.stage = stage;
        this.store = store;
        this.layout = store.load();
        mode.set(UserMode.parse(layout.mode()));
        theme.set(Theme.parse(layout.theme()));
        mode.addListener((obs, o, m) -> layout = layout.withMode(m));
        theme.addListener((obs, o, t) -> apply(t));
    }

    WindowLayout layout() {
        return layout;
    }

    ObjectProperty<UserMode> modeProperty() {
        return mode;
    }

    ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Applies the theme's stylesheets to the scene (once the scene exists, and on every change). */
    void apply(Theme t) {
        Scene scene = stage.getScene();
        if (scene == null) {
            return;
        }
        List<String> urls = new ArrayList<>();
        for (String sheet : t.sheets()) {
            URL css = Appearance.class.getResource(sheet);
            if (css == null) {
                throw new IllegalStateException("Stylesheet missing from the classpath: " + sheet);
            }
            urls.add(css.toExternalForm());
        }
        scene.getStylesheets().setAll(urls);
        layout = layout.withTheme(t);
    }

    /** Remembers the project to open next time; the file is written by {@code io} (off the FX thread). */
    void rememberProject(String dir, Executor io) {
        layout = layout.withLastProject(dir);
        WindowLayout remembered = layout;
        io.execute(() -> store.save(remembered));
    }

    /** The dividers and bounds as they are now, saved. */
    void save(SplitPane split) {
        double[] d = split.getDividerPositions();
        layout = layout.withDividers(d.length == 2 ? List.of(d[0], d[1]) : layout.dividers());
        if (stage.isShowing() && !stage.isIconified()) {
            layout = stage.isMaximized() ? layout.withBounds(layout.x(), layout.y(), layout.width(), layout.height(), true)
                    : layout.withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        }
        store.save(layout);
    }

    /** View ▸ Reset layout: default dividers and size, centred. */
    void reset(SplitPane split) {
        WindowLayout d = WindowLayout.defaults();
        split.setDividerPositions(d.dividers().get(0), d.dividers().get(1));
        stage.setMaximized(false);
        stage.setWidth(d.width());
        stage.setHeight(d.height());
        stage.centerOnScreen();
    }
}
