package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.runtime.StorageFault;

/** How write faults are told: the kind from the error chain or from the file system, the file, the free space. */
class StorageFaultTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskIsNamedEvenBehindH2sWordsAndARollbackThatFailedToo() {
        Exception first = new SQLException("General error: Writing to FileChannel failed; SQL statement: COMMIT",
                new IOException("No space left on device"));
        first.addSuppressed(new SQLException("The database has been closed [90098-232]"));
        StorageFault f = StorageFault.of(first, dir.resolve("history.mv.db"));
        assertThat(f.kind()).isEqualTo(StorageFault.Kind.DISK_FULL);
        assertThat(f.freeBytes()).isPositive();
        assertThat(f.describe()).startsWith("disk full: cannot write " + dir.resolve("history.mv.db") + " (")
                .contains(" free of ").endsWith(" on " + dir + ")");
        assertThat(f.detail()).isEqualTo("No space left on device");
    }

    @Test
    void aReadOnlyFileSystemAndAVanishedFolderAreNamed() {
        assertThat(StorageFault.of(new IOException("Read-only file system"), dir.resolve("h.mv.db")).kind())
                .isEqualTo(StorageFault.Kind.READ_ONLY);
        StorageFault gone = StorageFault.of(new SQLException("The database has been closed"),
                dir.resolve("unplugged/history.mv.db"));
        assertThat(gone.kind()).isEqualTo(StorageFault.Kind.GONE);
        assertThat(gone.describe()).isEqualTo("gone: cannot write " + dir.resolve("unplugged/history.mv.db")
                + " (the folder " + dir.resolve("unplugged") + " is not there)");
    }

    @Test
    void anUnknownErrorOnAHealthyDiskKeepsItsOwnWords() throws IOException {
        Files.createDirectories(dir);
        StorageFault f = StorageFault.of(new SQLException("General error: lock timeout"), dir.resolve("h.mv.db"));
        assertThat(f.kind()).isEqualTo(StorageFault.Kind.OTHER);
        assertThat(f.describe()).startsWith("write error: cannot write ").endsWith(": General error: lock timeout");
        assertThat(StorageFault.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(StorageFault.bytes(24L << 20)).isEqualTo("24 MB");
    }
}
