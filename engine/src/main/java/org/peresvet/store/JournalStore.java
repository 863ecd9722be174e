package org.peresvet.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;
import org.peresvet.runtime.AlarmEvent;

/**
 * The alarm journal and the saved runtime state of alarms, in the history file (plain JDBC,
 * tables from {@code db/history/V2-alarm-journal.sql}). Thread-safe.
 */
public final class JournalStore {
    private static final String COLUMNS = "x, alarm_id, tag_id, alarm_path, object_path, priority, transition, state, "
            + "value_text, user_name, comment, message";

    private final JdbcConnectionPool pool;
    private final java.nio.file.Path file;

    public JournalStore(HistoryStore history) {
        this.pool = history.pool();
        this.file = history.file();
    }

    /** The file the journal lives in (the history file). */
    public java.nio.file.Path file() {
        return file;
    }

    /**
     * Appends the events' rows and saves the latest state of each alarm they touch, in one transaction.
     * A quietly normal alarm's saved state is removed.
     */
    public void append(List<AlarmEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<UUID, AlarmStatus> latest = new LinkedHashMap<>();
        events.forEach(e -> latest.put(e.alarmId(), e.status()));
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO alarm_journal(" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement merge = c.prepareStatement("MERGE INTO alarm_state(alarm_id, state, active, acknowledged, "
                         + "latched, suppressed, active_since, changed_at, value_text, message, ack_user, ack_time, ack_comment, "
                         + "shelve_user, shelve_reason, shelved_at, shelved_until, service_user, service_reason, service_at) "
                         + "KEY(alarm_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement del = c.prepareStatement("DELETE FROM alarm_state WHERE alarm_id = ?")) {
                for (AlarmEvent e : events) {
                    AlarmJournalEntry j = e.toJournalEntry();
                    ins.setLong(1, j.time());
                    ins.setObject(2, j.alarmId());
                    ins.setObject(3, j.tagId());
                    ins.setString(4, cut(j.alarmPath(), 4000));
                    ins.setString(5, cut(j.objectPath(), 4000));
                    ins.setString(6, j.priority().name());
                    ins.setString(7, j.transition().name());
                    ins.setString(8, j.state().name());
                    ins.setString(9, cut(j.value(), 1000));
                    ins.setString(10, cut(j.user(), 128));
                    ins.setString(11, cut(j.comment(), 2000));
                    ins.setString(12, cut(j.message(), 1000));
                    ins.addBatch();
                }
                ins.executeBatch();
                for (AlarmStatus s : latest.values()) {
                    if (s.isQuiet()) {
                        del.setObject(1, s.alarmId());
                        del.addBatch();
                    } else {
                        bindState(merge, s);
                        merge.addBatch();
                    }
                }
                merge.executeBatch();
                del.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                HistoryStore.rollback(c, e); // a failing rollback must not hide why the write failed
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("writing the alarm journal failed: " + e.getMessage(), e);
        }
    }

    private static void bindState(PreparedStatement ps, AlarmStatus s) throws SQLException {
        ps.setObject(1, s.alarmId());
        ps.setString(2, s.state().name());
        ps.setBoolean(3, s.active());
        ps.setBoolean(4, s.acknowledged());
        ps.setBoolean(5, s.latched());
        ps.setBoolean(6, s.suppressed());
        ps.setLong(7, s.activeSince());
        ps.setLong(8, s.changedAt());
        ps.setString(9, cut(s.value(), 1000));
        ps.setString(10, cut(s.message(), 1000));
        AlarmStatus.Ack a = s.ack();
        ps.setString(11, a == null ? null : cut(a.user(), 128));
        setLong(ps, 12, a == null ? null : a.time());
        ps.setString(13, a == null ? null : cut(a.comment(), 2000));
        AlarmStatus.Shelving sh = s.shelving();
        ps.setString(14, sh == null ? null : cut(sh.user(), 128));
        ps.setString(15, sh == null ? null : cut(sh.reason(), 2000));
        setLong(ps, 16, sh == null ? null : sh.at());
        setLong(ps, 17, sh == null ? null : sh.until());
        AlarmStatus.Service sv = s.outOfService();
        ps.setString(18, sv == null ? null : cut(sv.user(), 128));
        ps.setString(19, sv == null ? null : cut(sv.reason(), 2000));
        setLong(ps, 20, sv == null ? null : sv.at());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The saved states of alarms that were not quietly normal when last written. */
    public Map<UUID, AlarmStatus> loadStates() {
        Map<UUID, AlarmStatus> out = new HashMap<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT alarm_id, state, active, acknowledged, latched, suppressed, "
                     + "active_since, changed_at, value_text, message, ack_user, ack_time, ack_comment, shelve_user, "
                     + "shelve_reason, shelved_at, shelved_until, service_user, service_reason, service_at FROM alarm_state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                long ackTime = rs.getLong(12);
                AlarmStatus.Ack ack = rs.wasNull() ? null : new AlarmStatus.Ack(rs.getString(11), ackTime, rs.getString(13));
                long shelvedAt = rs.getLong(16);
                AlarmStatus.Shelving shelving = rs.wasNull() ? null
                        : new AlarmStatus.Shelving(rs.getString(14), rs.getString(15), shelvedAt, rs.getLong(17));
                long serviceAt = rs.getLong(20);
                AlarmStatus.Service service = rs.wasNull() ? null
                        : new AlarmStatus.Service(rs.getString(18), rs.getString(19), serviceAt);
                out.put(id, new AlarmStatus(id, AlarmState.valueOf(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                        ack, shelving, service));
            }
        } catch (SQLException e) {
            throw new StoreException("reading saved alarm states failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Forgets the saved states of these alarms (deleted or disabled ones). */
    public void forgetStates(Collection<UUID> alarmIds) {
        if (alarmIds.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM alarm_state WHERE alarm_id = ?")) {
            for (UUID id : alarmIds) {
                ps.setObject(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("removing saved alarm states failed: " + e.getMessage(), e);
        }
    }

    /** Journal rows matching the query, oldest first. */
    public List<AlarmJournalEntry> query(AlarmJournalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alarm_journal WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND x >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND x <= ?");
            args.add(q.to());
        }
        if (q.subtreePath() != null) {
            String root = q.subtreePath().endsWith("/") ? q.subtreePath().substring(0, q.subtreePath().length() - 1) : q.subtreePath();
            sql.append(" AND (object_path = ? OR object_path LIKE ? ESCAPE '\\')");
            args.add(root);
            args.add(root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
        }
        if (q.alarmId() != null) {
            sql.append(" AND alarm_id = ?");
            args.add(q.alarmId());
        }
        in(sql, args, "priority", q.priorities());
        in(sql, args, "transition", q.transitions());
        in(sql, args, "state", q.states());
        sql.append(" ORDER BY x, id LIMIT ?");
        args.add(q.limit());
        List<AlarmJournalEntry> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlarmJournalEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), AlarmPriority.valueOf(rs.getString(6)),
                            AlarmTransition.valueOf(rs.getString(7)), AlarmState.valueOf(rs.getString(8)), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the alarm journal failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static void in(StringBuilder sql, List<Object> args, String column, Set<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (");
        int i = 0;
        for (Enum<?> v : values) {
            sql.append(i++ == 0 ? "?" : ", ?");
            args.add(v.name());
        }
        sql.append(')');
    }

    /** Deletes journal rows older than {@code x} (µs); returns how many. */
    public int purgeBefore(long x) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM alarm_journal WHERE x < ?")) {
            ps.setLong(1, x);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purging the alarm journal failed: " + e.getMessage(), e);
        }
    }
}
