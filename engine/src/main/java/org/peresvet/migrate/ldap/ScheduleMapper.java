package org.peresvet.migrate.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import org.peresvet.model.ScheduleDef;

/**
 * Schedules: the platform's interval timers ({@code start}, {@code end}, {@code interval_type},
 * {@code interval_value}) are our interval schedules. Times are ISO-8601 with a space or a 'T',
 * with or without an offset (none: UTC, the platform's rule), or plain dates.
 */
final class ScheduleMapper {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd().toFormatter(Locale.ROOT);
    private static final Set<String> KEYS = Set.of("start", "end", "interval_type", "interval_value");

    private final Mapping m;

    ScheduleMapper(Mapping m) {
        this.m = m;
    }

    void run() {
        DirEntry base = m.baseNode("schedules");
        for (DirEntry e : m.dir.entries()) {
            if (!e.kind().equals(Mapping.SCHEDULE) || m.handled.contains(e.key())) {
                continue;
            }
            if (base == null || !base.key().equals(e.parentKey())) {
                m.skip(e, Mapping.what(e), "a schedule belongs under cn=schedules");
                continue;
            }
            schedule(e);
        }
    }

    private void schedule(DirEntry e) {
        String name = m.values.name(e, Mapping.what(e));
        String what = "schedule " + name;
        JsonNode cfg = m.values.json(e, "prsJsonConfigString", what);
        ScheduleDef.Unit unit = ScheduleDef.Unit.HOURS;
        long every = 1;
        Long start = null;
        Long end = null;
        if (cfg == null || !cfg.isObject()) {
            m.change(e, what, "no interval in the directory: the platform's defaults are used (every hour)");
        } else {
            JsonNode t = cfg.get("interval_type");
            if (t != null && !t.isNull()) {
                try {
                    unit = ScheduleDef.Unit.parse(t.asText());
                } catch (IllegalArgumentException x) {
                    m.skip(e, what, "interval_type " + t + " is not seconds, minutes, hours or days");
                    return;
                }
            }
            JsonNode v = cfg.get("interval_value");
            if (v != null && !v.isNull()) {
                if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 1) {
                    m.skip(e, what, "interval_value " + v + " is not a whole number of at least 1");
                    return;
                }
                every = v.longValue();
            }
            try {
                start = micros(cfg.get("start"));
                end = micros(cfg.get("end"));
            } catch (IllegalArgumentException x) {
                m.skip(e, what, x.getMessage());
                return;
            }
            if (start != null && end != null && end < start) {
                m.skip(e, what, "it ends before it starts");
                return;
            }
            cfg.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    m.change(e, what, "key '" + k + "' of its JSON configuration is not kept");
                }
            });
        }
        ScheduleDef s = new ScheduleDef(m.ids.of(e), name, TreeMapper.nz(e.text("description")),
                m.values.bool(e, "prsActive", true, what), ScheduleDef.Kind.INTERVAL, start, end, every, unit, null, null,
                ScheduleDef.MissedRuns.SKIP);
        m.schedules.put(e.key(), s);
        m.handled.add(e.key());
    }

    /** A start or end time in µs since the epoch; null for a missing or null value. */
    static Long micros(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("time " + v + " is not text");
        }
        String s = v.asText().strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
            }
            TemporalAccessor p = TIME.parse(s);
            LocalDateTime local = LocalDateTime.of(LocalDate.from(p), LocalTime.from(p));
            ZoneOffset off = p.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.ofTotalSeconds(p.get(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            OffsetDateTime t = local.atOffset(off);
            return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
        } catch (DateTimeParseException x) {
            throw new IllegalArgumentException("time '" + s + "' is not ISO-8601 (e.g. 2025-01-01 00:00:00+03:00)");
        }
    }
}
