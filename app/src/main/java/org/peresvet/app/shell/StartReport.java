package org.peresvet.app.shell;

import java.lang.management.ManagementFactory;
import javafx.scene.Scene;

/**
 * With {@code -Dperesvet.reportStart=true}, prints one line when the window's first frame is laid
 * out ("Peresvet window shown …"), so the start-time benchmark can time an installed image from
 * outside. Silent otherwise.
 */
final class StartReport {
    static final String LINE = "Peresvet window shown";

    private StartReport() {
    }

    static void whenFirstPulse(Scene scene) {
        if (!Boolean.getBoolean("peresvet.reportStart")) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long jvmMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(LINE + " " + jvmMillis + " ms after the JVM started");
            System.out.flush();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
