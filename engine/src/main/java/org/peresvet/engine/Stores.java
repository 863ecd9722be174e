package org.peresvet.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.store.HistoryStore;
import org.peresvet.store.JournalStore;
import org.peresvet.store.ProjectFolder;
import org.peresvet.store.ProjectLock;
import org.peresvet.store.ProjectStore;

/** The files of one open project: the lock, the model file, the history file and the alarm journal in it. */
final class Stores {
    final ProjectFolder folder;
    final ProjectLock lock;
    final ProjectStore project;
    final HistoryStore history;
    final JournalStore journal;
    /** What the model file held when opened. */
    final ModelSnapshot loaded;
    final ProjectSettings loadedSettings;
    /** A project is new until its model holds something: a failed seed import is retried next time. */
    final boolean fresh;

    private Stores(ProjectFolder folder, ProjectLock lock, ProjectStore project, HistoryStore history, ModelSnapshot loaded,
                   ProjectSettings loadedSettings, boolean fresh) {
        this.folder = folder;
        this.lock = lock;
        this.project = project;
        this.history = history;
        this.journal = new JournalStore(history);
        this.loaded = loaded;
        this.loadedSettings = loadedSettings;
        this.fresh = fresh;
    }

    /**
     * Opens both files; the two are independent, so the history file opens on a second thread
     * while the model file opens and the model loads. On failure everything opened is closed,
     * the lock included.
     */
    static Stores open(ProjectFolder folder, ProjectLock lock) {
        CompletableFuture<HistoryStore> history = new CompletableFuture<>();
        Thread historyOpener = new Thread(() -> {
            try {
                history.complete(HistoryStore.open(folder));
            } catch (RuntimeException | Error e) {
                history.completeExceptionally(e);
            }
        }, "peresvet-open-history");
        historyOpener.start();
        ProjectStore ps = null;
        try {
            ps = ProjectStore.open(folder);
            boolean fresh = ps.isEmpty();
            ModelSnapshot loaded = ps.load();
            ProjectSettings settings = ps.loadSettings(folder.name());
            return new Stores(folder, lock, ps, joinOpen(history), loaded, settings, fresh);
        } catch (RuntimeException e) {
            try {
                history.join().close();
            } catch (RuntimeException historyFailed) {
                // nothing of it to close (when it was the failure, e is that same failure)
            }
            if (ps != null) {
                ps.close();
            }
            lock.close();
            throw e;
        }
    }

    /** The store opened on another thread, or its failure as it was thrown there. */
    private static HistoryStore joinOpen(CompletableFuture<HistoryStore> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    void close() {
        try {
            history.close();
        } finally {
            try {
                project.close();
            } finally {
                lock.close();
            }
        }
    }
}
