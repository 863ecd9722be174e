package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.store.SmallDisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The project's log file on a full disk: the console says so and keeps every line; the file says when it resumed. */
class ProjectLogDiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void theConsoleCarriesTheLogWhileItsFileCannotBeWrittenAndTheFileSaysWhenItResumed() throws Exception {
        PrintStream console = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (SmallDisk disk = SmallDisk.mount(tmp, 1L << 20)) {
            Path logs = disk.root().resolve("logs");
            Files.createDirectories(logs);
            Path file = logs.resolve("peresvet.log");
            System.setErr(new PrintStream(new TeeStream(captured, console), true, StandardCharsets.UTF_8));
            Logger log = LoggerFactory.getLogger("disk-full-test");
            try {
                ProjectLog.attach(logs);
                log.warn("before the disk fills");
                assertThat(Files.readString(file)).contains("before the disk fills");
                disk.fill();
                for (int i = 0; i < 300; i++) {
                    log.warn("while the disk is full, line {} of a long enough text to fill the last page", i);
                }
                String err = captured.toString(StandardCharsets.UTF_8);
                assertThat(err).contains("The log file " + file + " cannot be written (disk full: cannot write " + file);
                assertThat(err).as("every line reaches the console").contains("line 299 of");
                assertThat(Files.readString(file)).doesNotContain("line 299 of");
                disk.free();
                long deadline = System.currentTimeMillis() + 30_000;
                while (!Files.readString(file).contains("can be written again") && System.currentTimeMillis() < deadline) {
                    log.warn("the disk has room again");
                    Thread.sleep(200);
                }
                assertThat(Files.readString(file)).contains("The log file " + file + " can be written again; "
                        + "lines logged since").contains("are on the console only");
            } finally {
                ProjectLog.detach();
                System.setErr(console);
            }
        }
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
