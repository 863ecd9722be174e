package org.peresvet.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on {@code <project>/.lock}, held while an engine has the project open: a second
 * engine, in this process or another, is refused with a clear message. The OS releases it when
 * the process dies, so a crash never leaves the project locked.
 */
public final class ProjectLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static ProjectLock acquire(ProjectFolder folder) {
        folder.create();
        Path file = folder.dir().resolve(".lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                throw locked(folder, null);
            }
            return new ProjectLock(ch, l);
        } catch (OverlappingFileLockException e) {
            close(ch);
            throw locked(folder, e);
        } catch (IOException e) {
            close(ch);
            throw new StoreException("cannot lock project folder " + folder.dir() + ": " + e.getMessage(), e);
        } catch (ProjectLockedException e) {
            close(ch);
            throw e;
        }
    }

    private static ProjectLockedException locked(ProjectFolder folder, Throwable cause) {
        return new ProjectLockedException("the project " + folder.dir() + " is open in another Peresvet process; close that one first", cause);
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
