package org.peresvet.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.io.DefinitionJson;

/**
 * Writes model rows with plain JDBC inside the caller's transaction, the mirror of
 * {@link ModelRows}. A row the caller knows to be new is inserted (a clash with an existing row
 * fails the transaction); a known row is updated, or inserted when it has gone. Statements are
 * prepared once per transaction. One {@code put} and one {@code delete} per table.
 */
public final class ModelWrites implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Table OBJECT = new Table("plant_object", "id", "parent_id", "name", "description");
    private static final Table TAG = new Table("tag", "id", "object_id", "name", "description", "value_type", "units",
            "min_value", "max_value", "step", "update_same_time", "deadband", "default_value", "enabled", "source",
            "source_config", "formula", "calc_trigger");
    private static final Table ALARM = new Table("alarm_def", "id", "tag_id", "name", "kind", "priority", "limit_value",
            "setpoint_tag_id", "compare_value", "expression", "message", "deadband", "on_delay_ms", "off_delay_ms",
            "latching", "auto_ack", "enabled", "suppression_tag_id");
    private static final Table SCHEDULE = new Table("schedule_def", "id", "name", "definition");
    private static final Table METHOD = new Table("method_def", "id", "name", "definition");
    private static final Table CONNECTOR = new Table("connector_def", "id", "name", "kind", "enabled", "config");
    private static final Table DOCUMENT = new Table("document_def", "id", "kind", "name", "body");

    private final Connection c;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    public ModelWrites(Connection c) {
        this.c = c;
    }

    public void putObject(ObjectDef o, boolean isNew) throws SQLException {
        put(OBJECT, isNew, o.id(), o.parentId(), o.name(), o.description());
    }

    public void putTag(TagDef t, boolean isNew) throws SQLException {
        String trigger = t.formula() == null && t.trigger().kind() == CalcTrigger.Kind.CHANGE ? null : t.trigger().toString();
        put(TAG, isNew, t.id(), t.objectId(), t.name(), t.description(), t.type().name(), t.units(), t.min(), t.max(),
                t.step(), t.update(), t.deadband(), json(t.defaultValue(), t.name()), t.enabled(), t.source().name(),
                t.sourceConfig(), t.formula(), trigger);
    }

    public void putAlarm(AlarmDef a, boolean isNew) throws SQLException {
        put(ALARM, isNew, a.id(), a.tagId(), a.name(), a.kind().name(), a.priority().name(), a.limit(), a.setpointTagId(),
                json(a.value(), a.name()), a.expression(), a.message(), a.deadband(), a.onDelayMillis(),
                a.offDelayMillis(), a.latching(), a.autoAck(), a.enabled(), a.suppressionTagId());
    }

    public void putSchedule(ScheduleDef s, boolean isNew) throws SQLException {
        put(SCHEDULE, isNew, s.id(), s.name(), DefinitionJson.toText(s));
    }

    public void putMethod(MethodDef m, boolean isNew) throws SQLException {
        put(METHOD, isNew, m.id(), m.name(), DefinitionJson.toText(m));
    }

    public void putConnector(ConnectorDef d, boolean isNew) throws SQLException {
        put(CONNECTOR, isNew, d.id(), d.name(), d.kind(), d.enabled(), d.config());
    }

    public void putDocument(DocumentDef d, boolean isNew) throws SQLException {
        put(DOCUMENT, isNew, d.id(), d.kind(), d.name(), d.body());
    }

    public void deleteObject(UUID id) throws SQLException {
        execute("DELETE FROM plant_object WHERE id = ?", id);
    }

    public void deleteTag(UUID id) throws SQLException {
        execute("DELETE FROM tag WHERE id = ?", id);
    }

    public void deleteAlarm(UUID id) throws SQLException {
        execute("DELETE FROM alarm_def WHERE id = ?", id);
    }

    /** A schedule and the record of its last run. */
    public void deleteSchedule(UUID id) throws SQLException {
        execute("DELETE FROM schedule_def WHERE id = ?", id);
        execute("DELETE FROM schedule_run WHERE schedule_id = ?", id);
    }

    public void deleteMethod(UUID id) throws SQLException {
        execute("DELETE FROM method_def WHERE id = ?", id);
    }

    public void deleteConnector(UUID id) throws SQLException {
        execute("DELETE FROM connector_def WHERE id = ?", id);
    }

    public void deleteDocument(UUID id) throws SQLException {
        execute("DELETE FROM document_def WHERE id = ?", id);
    }

    public void putSetting(String name, String value) throws SQLException {
        execute("MERGE INTO project_setting (name, setting_value) KEY (name) VALUES (?, ?)", name, value);
    }

    public void putScheduleRun(UUID scheduleId, long lastFire) throws SQLException {
        execute("MERGE INTO schedule_run (schedule_id, last_fire) KEY (schedule_id) VALUES (?, ?)", scheduleId, lastFire);
    }

    /** values[0] is the row's id; the rest follow the table's columns. */
    private void put(Table table, boolean isNew, Object... values) throws SQLException {
        if (isNew || execute(table.update, rotateIdToEnd(values)) == 0) {
            execute(table.insert, values);
        }
    }

    /** The UPDATE names the id last (in its WHERE). */
    private static Object[] rotateIdToEnd(Object[] values) {
        Object[] out = new Object[values.length];
        System.arraycopy(values, 1, out, 0, values.length - 1);
        out[values.length - 1] = values[0];
        return out;
    }

    private int execute(String sql, Object... values) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = c.prepareStatement(sql);
            prepared.put(sql, st);
        }
        for (int i = 0; i < values.length; i++) {
            bind(st, i + 1, values[i]);
        }
        return st.executeUpdate();
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            st.setString(index, s); // also the document body (a CLOB column)
        } else {
            st.setObject(index, value); // UUID, Double, Long, Boolean map to their H2 column types
        }
    }

    /** Default and compared values are kept as JSON text. */
    private static String json(Object value, String owner) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the value of " + owner, e);
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement st : prepared.values()) {
            try {
                st.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }

    /** The INSERT and the UPDATE of one table whose first column is the id. */
    private static final class Table {
        final String insert;
        final String update;

        Table(String name, String... columns) {
            StringBuilder cols = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            StringBuilder sets = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                cols.append(i == 0 ? "" : ", ").append(columns[i]);
                marks.append(i == 0 ? "?" : ", ?");
                if (i > 0) {
                    sets.append(i == 1 ? "" : ", ").append(columns[i]).append(" = ?");
                }
            }
            insert = "INSERT INTO " + name + " (" + cols + ") VALUES (" + marks + ")";
            update = "UPDATE " + name + " SET " + sets + " WHERE " + columns[0] + " = ?";
        }
    }
}
