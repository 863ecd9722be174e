package org.peresvet.app;

import java.util.Set;
import org.peresvet.cli.LogSetup;

/**
 * Main class of the app. Deliberately not a JavaFX {@code Application}: command-line and
 * headless use goes to the engine CLI without loading a single JavaFX class, and a missing
 * display is reported plainly before the toolkit gets a chance to fail.
 */
public final class Launcher {

    /** Exit code when the workstation cannot open a window (see README, exit codes). */
    static final int EXIT_NO_DISPLAY = 3;

    /** First arguments that belong to the engine CLI rather than to the workstation. */
    private static final Set<String> CLI_FIRST_ARGS =
            Set.of("project", "tags", "history", "grafana", "simulate-board", "write", "users", "audit", "--help", "-h", "--version");

    private static final String HEADLESS = "--headless";

    private Launcher() {
    }

    public static void main(String[] args) {
        LogSetup.useOwnConfiguration();
        if (isCliInvocation(args)) {
            org.peresvet.cli.PeresvetCli.main(args);
            return;
        }
        if (!DisplayCheck.ofCurrentProcess().isDisplayAvailable()) {
            System.err.println(Messages.get("launcher.noDisplay"));
            System.exit(EXIT_NO_DISPLAY);
            return;
        }
        // Only this branch loads JavaFX (WorkstationApp extends Application).
        org.peresvet.app.shell.WorkstationApp.open(args);
    }

    /** True when {@code args} ask for the engine CLI: {@code --headless} anywhere, or a CLI word first. */
    static boolean isCliInvocation(String[] args) {
        if (args.length == 0) {
            return false;
        }
        if (CLI_FIRST_ARGS.contains(args[0])) {
            return true;
        }
        for (String arg : args) {
            if (HEADLESS.equals(arg)) {
                return true;
            }
        }
        return false;
    }
}
