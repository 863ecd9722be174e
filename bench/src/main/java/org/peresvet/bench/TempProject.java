package org.peresvet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A project folder in the system temp directory, deleted with everything in it on close. */
final class TempProject implements AutoCloseable {
    private final Path dir;

    private TempProject(Path dir) {
        this.dir = dir;
    }

    static TempProject create(String prefix) {
        try {
            // The engine wants to create the project folder itself, so hand it a child of a fresh temp dir.
            return new TempProject(Files.createTempDirectory(prefix).resolve("project"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Size of the history file, to show how compact the stored samples are. */
    long historyFileBytes() {
        try {
            Path f = dir.resolve("history.mv.db");
            return Files.exists(f) ? Files.size(f) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        delete();
    }

    /** Deletes the folder; also called by a watchdog before it halts the JVM (no close() then). */
    void delete() {
        Path root = dir.getParent();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
