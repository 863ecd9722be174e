package org.peresvet.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.store.internal.AlarmEntity;
import org.peresvet.store.internal.ConnectorEntity;
import org.peresvet.store.internal.H2Files;
import org.peresvet.store.internal.Migrations;
import org.peresvet.store.internal.MethodEntity;
import org.peresvet.store.internal.ObjectEntity;
import org.peresvet.store.internal.ScheduleEntity;
import org.peresvet.store.internal.ScheduleRunEntity;
import org.peresvet.store.internal.SettingEntity;
import org.peresvet.store.internal.TagEntity;

/**
 * The project model in its H2 file, mapped by Hibernate ORM. The schema comes only from
 * versioned migrations; Hibernate never alters it. Every call is one transaction.
 */
public final class ProjectStore implements AutoCloseable {
    private final JdbcConnectionPool pool;
    private final SessionFactory sessions;

    private ProjectStore(JdbcConnectionPool pool, SessionFactory sessions) {
        this.pool = pool;
        this.sessions = sessions;
    }

    public static ProjectStore open(ProjectFolder folder) {
        return open(folder, false);
    }

    /** @param validateMapping let Hibernate check the entity mapping against the migrated schema */
    public static ProjectStore open(ProjectFolder folder, boolean validateMapping) {
        folder.create();
        JdbcConnectionPool pool = H2Files.open(folder.modelBase(), 4);
        try {
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c, "db/model");
            } catch (SQLException e) {
                throw H2Files.translate(folder.modelBase(), e);
            }
            StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                    .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool)
                    .applySetting(AvailableSettings.HBM2DDL_AUTO, validateMapping ? "validate" : "none")
                    .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 500)
                    .applySetting(AvailableSettings.ORDER_INSERTS, true)
                    .applySetting(AvailableSettings.ORDER_UPDATES, true)
                    .applySetting(AvailableSettings.SHOW_SQL, false)
                    .build();
            SessionFactory sf = new MetadataSources(registry)
                    .addAnnotatedClass(ObjectEntity.class)
                    .addAnnotatedClass(TagEntity.class)
                    .addAnnotatedClass(SettingEntity.class)
                    .addAnnotatedClass(AlarmEntity.class)
                    .addAnnotatedClass(ScheduleEntity.class)
                    .addAnnotatedClass(MethodEntity.class)
                    .addAnnotatedClass(ScheduleRunEntity.class)
                    .addAnnotatedClass(ConnectorEntity.class)
                    .buildMetadata()
                    .buildSessionFactory();
            return new ProjectStore(pool, sf);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /** Loads and validates the whole model. */
    public ModelSnapshot load() {
        try (Session s = sessions.openSession()) {
            List<ObjectEntity> objs = s.createSelectionQuery("from ObjectEntity", ObjectEntity.class).getResultList();
            List<TagDef> tags = s.createSelectionQuery("from TagEntity", TagEntity.class).getResultList()
                    .stream().map(TagEntity::toDef).toList();
            Map<UUID, ValueType> types = new HashMap<>();
            tags.forEach(t -> types.put(t.id(), t.type()));
            List<AlarmDef> alarms = s.createSelectionQuery("from AlarmEntity", AlarmEntity.class).getResultList()
                    .stream().map(a -> a.toDef(types::get)).toList();
            List<ScheduleEntity> schedules = s.createSelectionQuery("from ScheduleEntity", ScheduleEntity.class).getResultList();
            List<MethodEntity> methods = s.createSelectionQuery("from MethodEntity", MethodEntity.class).getResultList();
            return ModelSnapshot.of(objs.stream().map(ObjectEntity::toDef).toList(), tags, alarms,
                    schedules.stream().map(ScheduleEntity::toDef).toList(),
                    methods.stream().map(MethodEntity::toDef).toList(), loadConnectors());
        }
    }

    /** The connectors table, read with plain JDBC. */
    private List<ConnectorDef> loadConnectors() {
        try (Connection c = pool.getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT id, name, kind, enabled, config FROM connector_def")) {
            List<ConnectorDef> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(new ConnectorDef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the connectors failed: " + e.getMessage(), e);
        }
    }

    /** True when the model holds no object yet (a new project). */
    public boolean isEmpty() {
        try (Session s = sessions.openSession()) {
            return s.createSelectionQuery("select count(o) from ObjectEntity o", Long.class).getSingleResult() == 0
                    && s.createSelectionQuery("select count(e) from SettingEntity e", Long.class).getSingleResult() == 0;
        }
    }

    public ProjectSettings loadSettings(String defaultName) {
        try (Session s = sessions.openSession()) {
            Map<String, String> m = s.createSelectionQuery("from SettingEntity", SettingEntity.class).getResultList()
                    .stream().collect(Collectors.toMap(SettingEntity::name, SettingEntity::value));
            return new ProjectSettings(m.getOrDefault("name", defaultName),
                    Integer.parseInt(m.getOrDefault("historyRetentionDays", "" + ProjectSettings.DEFAULT_RETENTION_DAYS)),
                    Integer.parseInt(m.getOrDefault("historyFlushMillis", "" + ProjectSettings.DEFAULT_FLUSH_MILLIS)));
        }
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
        }
    }

    /** The last instant each schedule fired (µs), as saved by {@link #saveScheduleRun}. */
    public Map<java.util.UUID, Long> scheduleRuns() {
        try (Session s = sessions.openSession()) {
            return s.createSelectionQuery("from ScheduleRunEntity", ScheduleRunEntity.class).getResultList().stream()
                    .collect(Collectors.toMap(ScheduleRunEntity::scheduleId, ScheduleRunEntity::lastFire));
        }
    }

    public void saveScheduleRun(java.util.UUID scheduleId, long lastFire) {
        inTransaction(s -> s.merge(new ScheduleRunEntity(scheduleId, lastFire)));
    }

    private void inTransaction(Consumer<Session> work) {
        try (Session s = sessions.openSession()) {
            Transaction tx = s.beginTransaction();
            try {
                work.accept(s);
                tx.commit();
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw new StoreException("saving the project failed, nothing was changed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        sessions.close();
        pool.dispose();
    }
}
