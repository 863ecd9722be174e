package org.peresvet.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.DefinitionJson;

/**
 * Reads the model tables with plain JDBC, one SELECT per table, straight into the model's
 * records. One method per table: a new table gets a method of its own, and {@link ModelWrites}
 * its writes; a test reads back every column written.
 */
public final class ModelRows {
    private final Connection c;

    public ModelRows(Connection c) {
        this.c = c;
    }

    public List<ObjectDef> objects() throws SQLException {
        List<ObjectDef> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, parent_id, name, description FROM plant_object")) {
            while (rs.next()) {
                out.add(new ObjectDef(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    public List<TagDef> tags() throws SQLException {
        List<TagDef> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, object_id, name, description, value_type, units, min_value, max_value,"
                     + " step, update_same_time, deadband, default_value, enabled, source, source_config, formula, calc_trigger"
                     + " FROM tag")) {
            while (rs.next()) {
                ValueType type = ValueType.valueOf(rs.getString(5));
                out.add(new TagDef(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getString(4), type, rs.getString(6),
                        nullableDouble(rs, 7), nullableDouble(rs, 8), rs.getBoolean(9), rs.getBoolean(10), rs.getDouble(11),
                        defaultValue(type, rs.getString(12)), rs.getBoolean(13), SourceKind.valueOf(rs.getString(14)),
                        rs.getString(15), rs.getString(16), trigger(rs.getString(17))));
            }
        }
        return out;
    }

    /** @param typeOfTag the value type of a tag (null when unknown), to read a compared value in its Java form */
    public List<AlarmDef> alarms(Function<UUID, ValueType> typeOfTag) throws SQLException {
        List<AlarmDef> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, tag_id, name, kind, priority, limit_value, setpoint_tag_id, compare_value,"
                     + " expression, message, deadband, on_delay_ms, off_delay_ms, latching, auto_ack, enabled, suppression_tag_id"
                     + " FROM alarm_def")) {
            while (rs.next()) {
                UUID tagId = uuid(rs, 2);
                out.add(new AlarmDef(uuid(rs, 1), tagId, rs.getString(3), AlarmKind.valueOf(rs.getString(4)),
                        AlarmPriority.valueOf(rs.getString(5)), nullableDouble(rs, 6), uuid(rs, 7),
                        compareValue(typeOfTag.apply(tagId), rs.getString(8)), rs.getString(9), rs.getString(10), rs.getDouble(11),
                        rs.getLong(12), rs.getLong(13), rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16), uuid(rs, 17)));
            }
        }
        return out;
    }

    public List<ScheduleDef> schedules() throws SQLException {
        List<ScheduleDef> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, definition FROM schedule_def")) {
            while (rs.next()) {
                out.add(DefinitionJson.scheduleFromText(rs.getString(2)).withId(uuid(rs, 1)));
            }
        }
        return out;
    }

    public List<MethodDef> methods() throws SQLException {
        List<MethodDef> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT definition FROM method_def")) {
            while (rs.next()) {
                out.add(DefinitionJson.methodFromText(rs.getString(1)));
            }
        }
        return out;
    }

    public List<DocumentDef> documents() throws SQLException {
        List<DocumentDef> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, kind, name, body FROM document_def")) {
            while (rs.next()) {
                out.add(new DocumentDef(uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    public List<ConnectorDef> connectors() throws SQLException {
        List<ConnectorDef> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, kind, enabled, config FROM connector_def")) {
            while (rs.next()) {
                out.add(new ConnectorDef(uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
            }
        }
        return out;
    }

    public Map<String, String> settings() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, setting_value FROM project_setting")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The last instant each schedule fired (µs). */
    public Map<UUID, Long> scheduleRuns() throws SQLException {
        Map<UUID, Long> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT schedule_id, last_fire FROM schedule_run")) {
            while (rs.next()) {
                out.put(uuid(rs, 1), rs.getLong(2));
            }
        }
        return out;
    }

    /** True when neither an object nor a setting is stored (a new project). */
    public boolean isEmpty() throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM plant_object) + (SELECT COUNT(*) FROM project_setting)")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** The default value is stored as JSON text; a damaged one must not stop the project from opening. */
    private static Object defaultValue(ValueType type, String json) {
        if (json == null) {
            return null;
        }
        try {
            return type.coerce(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static CalcTrigger trigger(String text) {
        try {
            return CalcTrigger.parse(text);
        } catch (IllegalArgumentException e) {
            return CalcTrigger.CHANGE; // written by a newer build: run on change rather than not open
        }
    }

    /** A compared value is stored as JSON text; a damaged one is kept as text for validation to name. */
    private static Object compareValue(ValueType type, String json) {
        if (json == null) {
            return null;
        }
        try {
            return type == null ? Json.MAPPER.readTree(json) : type.coerce(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return json;
        }
    }

    /** Created on first use: a project without stored JSON values opens without loading Jackson's mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
