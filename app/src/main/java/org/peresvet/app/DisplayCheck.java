package org.peresvet.app;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Decides whether a graphical display is available before any JavaFX class is touched, so that
 * starting the workstation on a machine without a desktop ends with a clear message instead of
 * a toolkit stack trace.
 *
 * <p>Pure logic over the environment and the system properties it is given; no JavaFX here.
 */
public final class DisplayCheck {

    /** Set by headless UI tests (Monocle); when present the toolkit is told where to draw. */
    static final String GLASS_PLATFORM = "glass.platform";

    private final Map<String, String> environment;
    private final Properties systemProperties;

    public DisplayCheck(Map<String, String> environment, Properties systemProperties) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
    }

    /** The check for the running process. */
    public static DisplayCheck ofCurrentProcess() {
        return new DisplayCheck(System.getenv(), System.getProperties());
    }

    /**
     * True when the workstation can open a window: always on Windows and macOS; on Linux when
     * {@code DISPLAY} (X11) or {@code WAYLAND_DISPLAY} is set and not blank, or when the
     * {@code glass.platform} system property selects a platform explicitly (headless UI tests).
     */
    public boolean isDisplayAvailable() {
        if (!isBlank(systemProperties.getProperty(GLASS_PLATFORM))) {
            return true;
        }
        String os = systemProperties.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return true;
        }
        return !isBlank(environment.get("DISPLAY")) || !isBlank(environment.get("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
