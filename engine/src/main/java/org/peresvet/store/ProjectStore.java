package org.peresvet.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.store.internal.AlarmEntity;
import org.peresvet.store.internal.ConnectorEntity;
import org.peresvet.store.internal.DocumentEntity;
import org.peresvet.store.internal.H2Files;
import org.peresvet.store.internal.Migrations;
import org.peresvet.store.internal.MethodEntity;
import org.peresvet.store.internal.ModelRows;
import org.peresvet.store.internal.ObjectEntity;
import org.peresvet.store.internal.ScheduleEntity;
import org.peresvet.store.internal.ScheduleRunEntity;
import org.peresvet.store.internal.SettingEntity;
import org.peresvet.store.internal.TagEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project model in its H2 file. The schema comes only from versioned migrations; Hibernate
 * never alters it. Every call is one transaction.
 *
 * <p>Reads (opening a project) use plain JDBC through {@link ModelRows}; edits go through
 * Hibernate ORM. Booting Hibernate costs seconds of CPU, so it happens only when the first edit
 * needs it, or earlier in the background after {@link #prepareEditsInBackground()}; a project
 * that is only run never waits for it.
 */
public final class ProjectStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectStore.class);

    private final JdbcConnectionPool pool;
    private final Object bootLock = new Object();
    /** Hibernate, once booted (or booting); null until something asks for it. */
    private CompletableFuture<SessionFactory> sessions;
    private boolean closed;
    /** Whether {@link #close()} found the boot finished and closed the factory itself. */
    private boolean closeClosedFactory;

    private ProjectStore(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    public static ProjectStore open(ProjectFolder folder) {
        return open(folder, false);
    }

    /**
     * @param validateMapping let Hibernate check the entity mapping against the migrated schema,
     *                        now (which boots Hibernate at once)
     */
    public static ProjectStore open(ProjectFolder folder, boolean validateMapping) {
        folder.create();
        JdbcConnectionPool pool = H2Files.open(folder.modelBase(), 4);
        try {
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c, "db/model");
            } catch (SQLException e) {
                throw H2Files.translate(folder.modelBase(), e);
            }
            ProjectStore store = new ProjectStore(pool);
            if (validateMapping) {
                store.sessions(true);
            }
            return store;
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    private SessionFactory buildSessions(boolean validateMapping) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, validateMapping ? "validate" : "none")
                // No connection at boot (the database is named here), so a boot still running
                // when the store closes holds nothing of the file.
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, validateMapping)
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "H2")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, String.valueOf(org.h2.engine.Constants.VERSION_MAJOR))
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, String.valueOf(org.h2.engine.Constants.VERSION_MINOR))
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 500)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                .applySetting(AvailableSettings.SHOW_SQL, false)
                .build();
        try {
            return new MetadataSources(registry)
                    .addAnnotatedClass(ObjectEntity.class)
                    .addAnnotatedClass(TagEntity.class)
                    .addAnnotatedClass(SettingEntity.class)
                    .addAnnotatedClass(AlarmEntity.class)
                    .addAnnotatedClass(ScheduleEntity.class)
                    .addAnnotatedClass(MethodEntity.class)
                    .addAnnotatedClass(ScheduleRunEntity.class)
                    .addAnnotatedClass(ConnectorEntity.class)
                    .addAnnotatedClass(DocumentEntity.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /**
     * Hibernate's session factory, booted by the first caller (others wait for it). A failed boot
     * is reported to every waiting caller and tried again by the next one.
     */
    private SessionFactory sessions(boolean validateMapping) {
        CompletableFuture<SessionFactory> f;
        boolean boot = false;
        synchronized (bootLock) {
            if (closed) {
                throw new StoreException("the project store is closed");
            }
            if (sessions == null) {
                sessions = new CompletableFuture<>();
                boot = true;
            }
            f = sessions;
        }
        if (boot) {
            try {
                f.complete(buildSessions(validateMapping));
            } catch (RuntimeException | Error e) {
                synchronized (bootLock) {
                    sessions = null;
                }
                f.completeExceptionally(e);
            }
            closeIfClosedMeanwhile(f);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private SessionFactory sessions() {
        return sessions(false);
    }

    /** A boot that finished after {@link #close()} closes its own factory. */
    private void closeIfClosedMeanwhile(CompletableFuture<SessionFactory> f) {
        boolean lateForClose;
        synchronized (bootLock) {
            lateForClose = closed && !closeClosedFactory;
        }
        if (lateForClose && !f.isCompletedExceptionally()) {
            f.join().close();
        }
    }

    /**
     * Boots Hibernate on a background thread now, so the first edit does not wait for it. Safe
     * to call more than once; a failure is logged here and reported again by the first edit.
     */
    public void prepareEditsInBackground() {
        synchronized (bootLock) {
            if (closed || sessions != null) {
                return;
            }
        }
        Thread t = new Thread(() -> {
            try {
                sessions();
            } catch (RuntimeException e) {
                synchronized (bootLock) {
                    if (closed) {
                        return;
                    }
                }
                LOG.warn("Preparing the project store for edits failed (the first edit will say why): {}", e.toString());
            }
        }, "peresvet-orm-boot");
        t.setDaemon(true);
        t.start();
    }

    /** True once Hibernate has booted (for tests: reading must not need it). */
    boolean ormBooted() {
        synchronized (bootLock) {
            return sessions != null && sessions.isDone() && !sessions.isCompletedExceptionally();
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

    private static void writeSettings(Session s, ProjectSettings settings) {
        s.merge(new SettingEntity("name", settings.name()));
        s.merge(new SettingEntity("historyRetentionDays", Integer.toString(settings.historyRetentionDays())));
        s.merge(new SettingEntity("historyFlushMillis", Integer.toString(settings.historyFlushMillis())));
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
        inTransaction(s -> {
            if (settings != null) {
                writeSettings(s, settings);
            }
            for (ModelEdit edit : applied) {
                if (edit instanceof ModelEdit.PutObject p) {
                    ObjectEntity existing = before.object(p.object().id()) == null ? null : s.find(ObjectEntity.class, p.object().id());
                    if (existing == null) {
                        s.persist(ObjectEntity.from(p.object()));
                    } else {
                        existing.copyFrom(p.object());
                    }
                } else if (edit instanceof ModelEdit.PutTag p) {
                    TagEntity existing = before.tag(p.tag().id()) == null ? null : s.find(TagEntity.class, p.tag().id());
                    if (existing == null) {
                        s.persist(TagEntity.from(p.tag()));
                    } else {
                        existing.copyFrom(p.tag());
                    }
                } else if (edit instanceof ModelEdit.DeleteTag d) {
                    s.createMutationQuery("delete from TagEntity where id = :id").setParameter("id", d.id()).executeUpdate();
                } else if (edit instanceof ModelEdit.PutAlarm p) {
                    AlarmEntity existing = before.alarm(p.alarm().id()) == null ? null : s.find(AlarmEntity.class, p.alarm().id());
                    if (existing == null) {
                        s.persist(AlarmEntity.from(p.alarm()));
                    } else {
                        existing.copyFrom(p.alarm());
                    }
                } else if (edit instanceof ModelEdit.DeleteAlarm d) {
                    s.createMutationQuery("delete from AlarmEntity where id = :id").setParameter("id", d.id()).executeUpdate();
                } else if (edit instanceof ModelEdit.DeleteObject d) {
                    s.createMutationQuery("delete from ObjectEntity where id = :id").setParameter("id", d.id()).executeUpdate();
                } else {
                    persistDefinition(s, before, edit);
                }
            }
        });
    }

    /** Schedules and methods: one row each, holding the definition's JSON. */
    private static void persistDefinition(Session s, ModelSnapshot before, ModelEdit edit) {
        if (edit instanceof ModelEdit.PutSchedule p) {
            ScheduleEntity existing = before.schedule(p.schedule().id()) == null ? null : s.find(ScheduleEntity.class, p.schedule().id());
            if (existing == null) {
                s.persist(ScheduleEntity.from(p.schedule()));
            } else {
                existing.copyFrom(p.schedule());
            }
        } else if (edit instanceof ModelEdit.DeleteSchedule d) {
            s.createMutationQuery("delete from ScheduleEntity where id = :id").setParameter("id", d.id()).executeUpdate();
            s.createMutationQuery("delete from ScheduleRunEntity where scheduleId = :id").setParameter("id", d.id()).executeUpdate();
        } else if (edit instanceof ModelEdit.PutMethod p) {
            MethodEntity existing = before.method(p.method().id()) == null ? null : s.find(MethodEntity.class, p.method().id());
            if (existing == null) {
                s.persist(MethodEntity.from(p.method()));
            } else {
                existing.copyFrom(p.method());
            }
        } else if (edit instanceof ModelEdit.DeleteMethod d) {
            s.createMutationQuery("delete from MethodEntity where id = :id").setParameter("id", d.id()).executeUpdate();
        } else {
            persistConnector(s, before, edit);
        }
    }

    private static void persistConnector(Session s, ModelSnapshot before, ModelEdit edit) {
        if (edit instanceof ModelEdit.PutConnector p) {
            ConnectorEntity existing = before.connector(p.connector().id()) == null ? null
                    : s.find(ConnectorEntity.class, p.connector().id());
            if (existing == null) {
                s.persist(ConnectorEntity.from(p.connector()));
            } else {
                existing.copyFrom(p.connector());
            }
        } else if (edit instanceof ModelEdit.DeleteConnector d) {
            s.createMutationQuery("delete from ConnectorEntity where id = :id").setParameter("id", d.id()).executeUpdate();
        } else if (edit instanceof ModelEdit.PutDocument p) {
            DocumentEntity existing = before.document(p.document().id()).isEmpty() ? null
                    : s.find(DocumentEntity.class, p.document().id());
            if (existing == null) {
                s.persist(DocumentEntity.from(p.document()));
            } else {
                existing.copyFrom(p.document());
            }
        } else if (edit instanceof ModelEdit.DeleteDocument d) {
            s.createMutationQuery("delete from DocumentEntity where id = :id").setParameter("id", d.id()).executeUpdate();
        }
    }

    /** The last instant each schedule fired (µs), as saved by {@link #saveScheduleRun}. */
    public Map<UUID, Long> scheduleRuns() {
        return read(ModelRows::scheduleRuns);
    }

    public void saveScheduleRun(java.util.UUID scheduleId, long lastFire) {
        inTransaction(s -> s.merge(new ScheduleRunEntity(scheduleId, lastFire)));
    }

    private void inTransaction(Consumer<Session> work) {
        try (Session s = sessions().openSession()) {
            Transaction tx = s.beginTransaction();
            try {
                work.accept(s);
                tx.commit();
            } catch (RuntimeException e) {
                try {
                    if (tx.isActive()) {
                        tx.rollback();
                    }
                } catch (RuntimeException rollbackFailed) {
                    e.addSuppressed(rollbackFailed); // a full disk fails the rollback too: keep the first error
                }
                throw new StoreException("saving the project failed, nothing was changed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        CompletableFuture<SessionFactory> f;
        synchronized (bootLock) {
            if (closed) {
                return;
            }
            closed = true;
            f = sessions;
            closeClosedFactory = f != null && f.isDone();
        }
        // A boot still running closes its factory when it ends (it holds no connection meanwhile).
        if (closeClosedFactory && !f.isCompletedExceptionally()) {
            f.join().close();
        }
        pool.dispose();
    }
}
