package org.peresvet.app.shell;

import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Puts the main window where the saved layout says, and makes the window really get the layout's
 * size.
 *
 * <p>Why the size is asked for again after {@code show()}: with JavaFX 21 on GTK under a
 * reparenting window manager that publishes {@code _NET_FRAME_EXTENTS} after mapping (openbox),
 * the window opened at GTK's 200×200 instead of the layout's size. The X window is created at
 * 200×200; the first configure event reports that size and glass stores it as the window's
 * wanted content size, overwriting the size the scene asked for; when openbox then sets the frame
 * extents, glass "corrects for the decorations" by resizing the window to that stored 200×200. The
 * stage saw 1280×800 → 200×200 → 1282×825 → 202×225. A size set after {@code show()} is stored
 * as a window size and survives the frame-extents update; a window manager that still answers
 * with another size within the settle period is asked once more (a few times at most, so a tiling
 * window manager that imposes its own size is not fought).
 */
public final class WindowPlacement {

    /** How long after show a size change is taken for the window manager's, not the user's. */
    static final Duration SETTLE = Duration.seconds(2);

    /** Times the size is asked for again within the settle period. */
    static final int MAX_RETRIES = 3;

    private WindowPlacement() {
    }

    /** Before show: the position (if it is still on a screen) and the maximized state. */
    public static void place(Stage stage, WindowLayout layout) {
        if (layout.x() != null && layout.y() != null) {
            Rectangle2D wanted = new Rectangle2D(layout.x(), layout.y(), Math.max(1, layout.width()), Math.max(1, layout.height()));
            boolean visible = Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(wanted));
            if (visible) {
                stage.setX(layout.x());
                stage.setY(layout.y());
            }
        }
        stage.setMaximized(layout.maximized());
    }

    /** Right after show: the window gets the layout's size (a maximized window is left alone). */
    public static void holdSize(Stage stage, WindowLayout layout) {
        if (stage.isMaximized() || stage.isFullScreen()) {
            return;
        }
        double w = layout.width();
        double h = layout.height();
        stage.setWidth(w);
        stage.setHeight(h);
        int[] retries = {0};
        PauseTransition settle = new PauseTransition(Duration.millis(100));
        settle.setOnFinished(e -> {
            if (!stage.isMaximized() && !stage.isFullScreen() && !hasSize(stage, w, h) && retries[0]++ < MAX_RETRIES) {
                stage.setWidth(w);
                stage.setHeight(h);
            }
        });
        InvalidationListener changed = o -> settle.playFromStart();
        stage.widthProperty().addListener(changed);
        stage.heightProperty().addListener(changed);
        PauseTransition end = new PauseTransition(SETTLE);
        end.setOnFinished(e -> {
            stage.widthProperty().removeListener(changed);
            stage.heightProperty().removeListener(changed);
        });
        end.play();
    }

    /** True when the window is {@code w × h} (to the pixel). */
    static boolean hasSize(Stage stage, double w, double h) {
        return Math.abs(stage.getWidth() - w) < 1 && Math.abs(stage.getHeight() - h) < 1;
    }
}
