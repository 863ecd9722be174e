package org.peresvet.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for disk-full tests: a tmpfs mounted on a fresh folder. {@link #fill()}
 * takes every free byte with a filler file (writes then fail with ENOSPC, as on a full plant PC),
 * {@link #free()} deletes it. Needs root (CAP_SYS_ADMIN), which CI has; without it the test fails
 * with that reason rather than skipping.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler.bin");
    }

    public static SmallDisk mount(Path parent, long bytes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "small-disk");
        String out = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0777", "tmpfs", dir.toString()));
        if (out != null) {
            throw new IllegalStateException("the disk-full tests mount a " + bytes + "-byte tmpfs on " + dir
                    + " and need root with CAP_SYS_ADMIN (CI has it); mount said: " + out);
        }
        return new SmallDisk(dir);
    }

    /** Null when the command worked, else its output. */
    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + text;
    }

    public Path root() {
        return root;
    }

    /** Usable bytes left. */
    public long freeBytes() throws IOException {
        FileStore fs = Files.getFileStore(root);
        return fs.getUsableSpace();
    }

    /** Takes every free byte, so the next write that needs room fails with "No space left on device". */
    public void fill() throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Fills the disk, then gives back about {@code bytes}: a write larger than that fails part-way. */
    public void fillLeaving(long bytes) throws IOException {
        fill();
        long size = Files.size(filler);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, size - bytes));
        }
    }

    /** Gives the space back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run(List.of("umount", root.toString()));
        if (out != null) {
            run(List.of("umount", "-l", root.toString())); // still held by a leaked handle: detach it
        }
        Files.deleteIfExists(root);
    }
}
