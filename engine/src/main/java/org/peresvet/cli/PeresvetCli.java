package org.peresvet.cli;

/**
 * PLACEHOLDER so the launcher compiles. The real picocli CLI (--headless, project, tags,
 * history, grafana) is written on the engine branch and replaces this file when merging.
 */
public final class PeresvetCli {
    private PeresvetCli() {
    }

    public static void main(String[] args) {
        System.err.println("headless mode not built yet");
        System.exit(1);
    }
}
