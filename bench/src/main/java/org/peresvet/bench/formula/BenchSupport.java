package org.peresvet.bench.formula;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small helpers shared by the formula benchmarks: a temporary project folder and the summary line. */
final class BenchSupport {
    private BenchSupport() {
    }

    static Path tempProject(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** The one line a runner greps: name, figures, goal and verdict. */
    static void summary(String name, String text, boolean pass) {
        System.out.println("SUMMARY " + name + ": " + text + " — " + (pass ? "PASS" : "FAIL"));
    }

    static void detail(String format, Object... args) {
        System.out.println("  " + String.format(format, args));
    }

    static String count(double n) {
        return String.format("%,.0f", n);
    }
}
