package org.peresvet.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peresvet.engine.Engine;
import org.peresvet.model.io.ProjectJson;

/** Runs the CLI in process with captured streams, and prepares project folders. */
final class CliSupport {
    private CliSupport() {
    }

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = PeresvetCli.execute(args, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A folder with the demo's project.json, which the first open imports. */
    static Path demoProject(Path parent) throws IOException {
        Path dir = parent.resolve("demo");
        Files.createDirectories(dir);
        Files.write(dir.resolve("project.json"), demoSeed());
        return dir;
    }

    static byte[] demoSeed() throws IOException {
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            return in.readAllBytes();
        }
    }

    /** How many tags the demo has (not pinned: the demo plant grows). */
    static int demoTagCount() throws IOException {
        return ProjectJson.read(demoSeed()).tags().size();
    }

    /** A java command line for a separate JVM with the test classpath. */
    static List<String> javaCommand(String... mainAndArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(mainAndArgs));
        return cmd;
    }
}
