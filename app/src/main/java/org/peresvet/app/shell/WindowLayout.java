package org.peresvet.app.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the workstation remembers between runs: window bounds, divider positions, theme, mode,
 * the last project and the idle minutes before the workstation locks. Stored as {@code workstation.json} in the data folder.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowLayout(Double x, Double y, double width, double height, boolean maximized,
                           List<Double> dividers, String theme, String mode, String lastProject, Integer lockMinutes) {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    public static final int DEFAULT_LOCK_MINUTES = 10;

    public WindowLayout {
        width = width >= 400 ? width : DEFAULT_WIDTH;
        height = height >= 300 ? height : DEFAULT_HEIGHT;
        dividers = dividers == null || dividers.size() != 2 ? List.of(0.2, 0.76) : List.copyOf(dividers);
        theme = theme == null ? Theme.ISA101.id() : theme;
        mode = mode == null ? UserMode.ENGINEER.id() : mode;
        // Idle minutes before a project with users locks the workstation; 0: never.
        lockMinutes = lockMinutes == null ? DEFAULT_LOCK_MINUTES : Math.max(0, lockMinutes);
    }

    public static WindowLayout defaults() {
        return new WindowLayout(null, null, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, null, null, null, null, null);
    }

    public WindowLayout withBounds(double nx, double ny, double w, double h, boolean max) {
        return new WindowLayout(nx, ny, w, h, max, dividers, theme, mode, lastProject, lockMinutes);
    }

    public WindowLayout withDividers(List<Double> d) {
        return new WindowLayout(x, y, width, height, maximized, d, theme, mode, lastProject, lockMinutes);
    }

    public WindowLayout withTheme(Theme t) {
        return new WindowLayout(x, y, width, height, maximized, dividers, t.id(), mode, lastProject, lockMinutes);
    }

    public WindowLayout withMode(UserMode m) {
        return new WindowLayout(x, y, width, height, maximized, dividers, theme, m.id(), lastProject, lockMinutes);
    }

    public WindowLayout withLastProject(String dir) {
        return new WindowLayout(x, y, width, height, maximized, dividers, theme, mode, dir, lockMinutes);
    }
}
