package org.peresvet.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file could not be written, in words an operator can act on: the disk is full, read-only
 * or gone, which file, and how much room is left. H2 reports a full disk as "the database has been
 * closed" or a failed ROLLBACK, so the file system is asked as well as the exception chain.
 *
 * @param kind       what went wrong
 * @param path       the file that could not be written
 * @param freeBytes  usable bytes on its file system when the fault was seen, -1 when unknown
 * @param totalBytes size of that file system, -1 when unknown
 * @param detail     the lowest-level message of the error, for the log and for {@link Kind#OTHER}
 */
public record StorageFault(Kind kind, Path path, long freeBytes, long totalBytes, String detail) {

    public enum Kind {
        DISK_FULL("disk full"), READ_ONLY("read-only"), GONE("gone"), OTHER("write error");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Below this many usable bytes a failed write is taken for a full disk. */
    public static final long NEARLY_FULL = 1024 * 1024;

    /** Looks at the error and at the file system of {@code path}. */
    public static StorageFault of(Throwable error, Path path) {
        String detail = deepestMessage(error);
        Kind fromError = kindFromError(error);
        Path dir = path.toAbsolutePath().getParent();
        long free = -1;
        long total = -1;
        Kind fromDisk = null;
        if (dir != null && !Files.isDirectory(dir)) {
            fromDisk = Kind.GONE;
        } else if (dir != null) {
            try {
                FileStore fs = Files.getFileStore(dir);
                free = fs.getUsableSpace();
                total = fs.getTotalSpace();
                if (fs.isReadOnly()) {
                    fromDisk = Kind.READ_ONLY;
                } else if (free < NEARLY_FULL) {
                    fromDisk = Kind.DISK_FULL;
                } else if (!Files.isWritable(dir) || (Files.exists(path) && !Files.isWritable(path))) {
                    fromDisk = Kind.READ_ONLY;
                }
            } catch (IOException | SecurityException e) {
                fromDisk = Kind.GONE; // the file system itself cannot be asked: unmounted, device removed
            }
        }
        Kind kind = fromError != null ? fromError : fromDisk != null ? fromDisk : Kind.OTHER;
        return new StorageFault(kind, path, free, total, detail);
    }

    private static Kind kindFromError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("not enough space")) {
                return Kind.DISK_FULL;
            }
            if (m.contains("read-only file system")) {
                return Kind.READ_ONLY;
            }
            if (t instanceof AccessDeniedException) {
                return Kind.READ_ONLY;
            }
            if (t instanceof NoSuchFileException || m.contains("no such device") || m.contains("input/output error")) {
                return Kind.GONE;
            }
            for (Throwable s : t.getSuppressed()) {
                Kind k = kindFromError(s);
                if (k != null) {
                    return k;
                }
            }
        }
        return null;
    }

    private static String deepestMessage(Throwable error) {
        String msg = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg == null ? String.valueOf(error) : msg.strip();
    }

    /** e.g. "disk full: cannot write /plant/history.mv.db (12 KB free of 2.0 GB on /plant)". */
    public String describe() {
        StringBuilder b = new StringBuilder(kind.words()).append(": cannot write ").append(path);
        Path dir = path.toAbsolutePath().getParent();
        if (freeBytes >= 0) {
            b.append(" (").append(bytes(freeBytes)).append(" free");
            if (totalBytes > 0) {
                b.append(" of ").append(bytes(totalBytes));
            }
            b.append(" on ").append(dir).append(')');
        } else if (kind == Kind.GONE) {
            b.append(" (the folder ").append(dir).append(" is not there)");
        }
        if (kind == Kind.OTHER && detail != null) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }

    /** 1536 → "1.5 KB": binary units, one decimal below 10. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " " + units[u];
    }

    @Override
    public String toString() {
        return describe();
    }
}
