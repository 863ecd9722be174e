package org.peresvet.cli;

/** A failure the CLI detected itself, with the exit code it maps to (see {@link PeresvetCli}). */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException invalidInput(String message) {
        return new CliException(PeresvetCli.EXIT_INVALID_INPUT, message);
    }

    static CliException noProject(String message) {
        return new CliException(PeresvetCli.EXIT_PROJECT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
