package org.peresvet.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.store.internal.H2Files;
import org.peresvet.store.internal.Migrations;
import org.peresvet.store.internal.ModelRows;
import org.peresvet.store.internal.ModelWrites;

/**
 * The project model in its H2 file. The schema comes only from versioned migrations. Every call
 * is one transaction; reads go through {@link ModelRows}, writes through {@link ModelWrites},
 * both plain JDBC straight from and to the model's records.
 */
public final class ProjectStore implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private ProjectStore(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    public static ProjectStore open(ProjectFolder folder) {
        folder.create();
        JdbcConnectionPool pool = H2Files.open(folder.modelBase(), 4);
        try {
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c, "db/model");
            } catch (SQLException e) {
                throw H2Files.translate(folder.modelBase(), e);
            }
            return new ProjectStore(pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /** Loads and validates the whole model. */
    public ModelSnapshot load() {
        return read(rows -> {
            List<TagDef> tags = rows.tags();
            Map<UUID, ValueType> types = new HashMap<>();
            tags.forEach(t -> types.put(t.id(), t.type()));
            return ModelSnapshot.of(rows.objects(), tags, rows.alarms(types::get), rows.schedules(), rows.methods(),
                    rows.connectors(), rows.documents());
        });
    }

    /** One read over one connection. */
    private <T> T read(RowsReader<T> reader) {
        try (Connection c = pool.getConnection()) {
            return reader.read(new ModelRows(c));
        } catch (SQLException e) {
            throw new StoreException("reading the project failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ModelRows rows) throws SQLException;
    }

    /** True when the model holds no object yet (a new project). */
    public boolean isEmpty() {
        return read(ModelRows::isEmpty);
    }

    public ProjectSettings loadSettings(String defaultName) {
        Map<String, String> m = read(ModelRows::settings);
        return new ProjectSettings(m.getOrDefault("name", defaultName),
                    Integer.parseInt(m.getOrDefault("historyRetentionDays", "" + ProjectSettings.DEFAULT_RETENTION_DAYS)),
                Integer.parseInt(m.getOrDefault("historyFlushMillis", "" + ProjectSettings.DEFAULT_FLUSH_MILLIS)));
    }

    public void saveSettings(ProjectSettings settings) {
        inTransaction(s -> writeSettings(s, settings));
    }

    private static void writeSettings(ModelWrites w, ProjectSettings settings) throws SQLException {
        w.putSetting("name", settings.name());
        w.putSetting("historyRetentionDays", Integer.toString(settings.historyRetentionDays()));
        w.putSetting("historyFlushMillis", Integer.toString(settings.historyFlushMillis()));
    }

    /**
     * Writes edits that {@link ModelSnapshot#apply} accepted, in one transaction.
     *
     * @param before the snapshot the edits were applied to, to tell new rows from changed ones
     */
    public void persist(ModelSnapshot before, List<ModelEdit> applied) {
        persist(before, applied, null);
    }

    /** Like {@link #persist(ModelSnapshot, List)}, and saves new settings (when not null) in the same transaction. */
    public void persist(ModelSnapshot before, List<ModelEdit> applied, ProjectSettings settings) {
        inTransaction(w -> {
            if (settings != null) {
                writeSettings(w, settings);
            }
            for (ModelEdit edit : applied) {
                write(w, before, edit);
            }
        });
    }

    /** One edit, in the order given (a later edit of the same row wins). */
    private static void write(ModelWrites w, ModelSnapshot before, ModelEdit edit) throws SQLException {
        if (edit instanceof ModelEdit.PutObject p) {
            w.putObject(p.object(), before.object(p.object().id()) == null);
        } else if (edit instanceof ModelEdit.PutTag p) {
            w.putTag(p.tag(), before.tag(p.tag().id()) == null);
        } else if (edit instanceof ModelEdit.DeleteTag d) {
            w.deleteTag(d.id());
        } else if (edit instanceof ModelEdit.PutAlarm p) {
            w.putAlarm(p.alarm(), before.alarm(p.alarm().id()) == null);
        } else if (edit instanceof ModelEdit.DeleteAlarm d) {
            w.deleteAlarm(d.id());
        } else if (edit instanceof ModelEdit.DeleteObject d) {
            w.deleteObject(d.id());
        } else if (edit instanceof ModelEdit.PutSchedule p) {
            w.putSchedule(p.schedule(), before.schedule(p.schedule().id()) == null);
        } else if (edit instanceof ModelEdit.DeleteSchedule d) {
            w.deleteSchedule(d.id());
        } else if (edit instanceof ModelEdit.PutMethod p) {
            w.putMethod(p.method(), before.method(p.method().id()) == null);
        } else if (edit instanceof ModelEdit.DeleteMethod d) {
            w.deleteMethod(d.id());
        } else {
            writeOther(w, before, edit);
        }
    }

    private static void writeOther(ModelWrites w, ModelSnapshot before, ModelEdit edit) throws SQLException {
        if (edit instanceof ModelEdit.PutConnector p) {
            w.putConnector(p.connector(), before.connector(p.connector().id()) == null);
        } else if (edit instanceof ModelEdit.DeleteConnector d) {
            w.deleteConnector(d.id());
        } else if (edit instanceof ModelEdit.PutDocument p) {
            w.putDocument(p.document(), before.document(p.document().id()).isEmpty());
        } else if (edit instanceof ModelEdit.DeleteDocument d) {
            w.deleteDocument(d.id());
        }
    }

    /** The last instant each schedule fired (µs), as saved by {@link #saveScheduleRun}. */
    public Map<UUID, Long> scheduleRuns() {
        return read(ModelRows::scheduleRuns);
    }

    public void saveScheduleRun(UUID scheduleId, long lastFire) {
        inTransaction(w -> w.putScheduleRun(scheduleId, lastFire));
    }

    @FunctionalInterface
    private interface Writer {
        void write(ModelWrites w) throws SQLException;
    }

    /** All of the work or, on any failure (a clash, a full disk), none of it. */
    private void inTransaction(Writer work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (ModelWrites w = new ModelWrites(c)) {
                work.write(w);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed); // a full disk fails the rollback too: keep the first error
                }
                throw new StoreException("saving the project failed, nothing was changed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true); // the pool hands this connection to readers next
            }
        } catch (SQLException e) {
            throw new StoreException("saving the project failed, nothing was changed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
