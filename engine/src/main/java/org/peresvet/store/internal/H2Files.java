package org.peresvet.store.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.peresvet.runtime.StorageFault;
import org.peresvet.store.ProjectLockedException;
import org.peresvet.store.StoreException;

/** Opens the embedded H2 files of a project with the settings every store shares. */
public final class H2Files {
    private H2Files() {
    }

    /**
     * A pool over the H2 file {@code <base>.mv.db}. {@code WRITE_DELAY=0} makes each commit reach
     * the file at once, so a kill -9 loses nothing that was committed.
     */
    public static JdbcConnectionPool open(Path base, int maxConnections) {
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(maxConnections);
        for (int attempt = 1; ; attempt++) {
            try {
                pool.getConnection().close(); // fail here, with a clear message, not at first use
                return pool;
            } catch (SQLException e) {
                // An earlier open in this process that failed (a full disk) leaves H2's instance of the
                // file closing for a moment: "database closed" until it is gone. Try again briefly.
                if (e.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED && attempt < 20) {
                    try {
                        Thread.sleep(100);
                        continue;
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
                pool.dispose();
                throw translate(base, e);
            }
        }
    }

    public static StoreException translate(Path base, SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new ProjectLockedException("the project file " + base + ".mv.db is open in another "
                    + "Peresvet process; close that one first", e);
        }
        if (e.getErrorCode() == ErrorCode.FILE_CORRUPTED_1 || e.getErrorCode() == ErrorCode.FILE_VERSION_ERROR_1) {
            return new StoreException("the project file " + base + ".mv.db is damaged or not an H2 file: "
                    + e.getMessage(), e);
        }
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        StorageFault fault = StorageFault.of(e, file);
        if (fault.kind() != StorageFault.Kind.OTHER) { // say "disk full" rather than H2's "database closed"
            return new StoreException("cannot open " + file + ": " + fault.describe(), e);
        }
        return new StoreException("cannot open " + base + ".mv.db: " + e.getMessage(), e);
    }
}
