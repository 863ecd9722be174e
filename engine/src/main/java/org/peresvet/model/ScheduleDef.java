package org.peresvet.model;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A schedule: an interval (start, optional end, every N seconds/minutes/hours/days — the Python
 * platform's form) or a cron expression, in a time zone (null: the machine's zone).
 *
 * @param start  first tick of an interval schedule, µs; null aligns the ticks to midnight of 1970-01-01 in the zone
 * @param end    no tick after this, µs; null: no end
 * @param cron   a cron expression, five fields (minute hour day-of-month month day-of-week) or six
 *               with seconds first
 * @param missed what to do about ticks missed while the engine was stopped
 */
public record ScheduleDef(UUID id, String name, String description, boolean enabled, Kind kind, Long start, Long end,
                          long every, Unit unit, String cron, String zone, MissedRuns missed) {

    public enum Kind { INTERVAL, CRON }

    /** The longest interval, 100 years in seconds: far beyond any plant schedule, and exact in µs. */
    public static final long MAX_EVERY_SECONDS = 36_525L * 86_400;

    public enum Unit {
        SECONDS(1), MINUTES(60), HOURS(3600), DAYS(86400);

        private final long seconds;

        Unit(long seconds) {
            this.seconds = seconds;
        }

        public long seconds() {
            return seconds;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Unit parse(String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            for (Unit u : values()) {
                if (u.label().equals(t) || u.label().equals(t + "s")) {
                    return u;
                }
            }
            throw new IllegalArgumentException("unknown unit '" + s + "' (expected seconds, minutes, hours or days)");
        }
    }

    /** After a restart: skip the ticks missed while stopped, or run once to catch up. */
    public enum MissedRuns {
        SKIP, RUN_ONCE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static MissedRuns parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "skip" -> SKIP;
                case "run-once", "run_once", "runonce", "once" -> RUN_ONCE;
                default -> throw new IllegalArgumentException("unknown missed-run policy '" + s + "' (expected skip or run-once)");
            };
        }
    }

    public ScheduleDef {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        kind = kind == null ? Kind.INTERVAL : kind;
        unit = unit == null ? Unit.SECONDS : unit;
        missed = missed == null ? MissedRuns.SKIP : missed;
        zone = zone == null || zone.isBlank() ? null : zone;
    }

    public static ScheduleDef interval(String name, long every, Unit unit) {
        return new ScheduleDef(UUID.randomUUID(), name, "", true, Kind.INTERVAL, null, null, every, unit, null, null, MissedRuns.SKIP);
    }

    public static ScheduleDef cron(String name, String cron) {
        return new ScheduleDef(UUID.randomUUID(), name, "", true, Kind.CRON, null, null, 0, null, cron, null, MissedRuns.SKIP);
    }

    public ScheduleDef withStart(Long v) {
        return new ScheduleDef(id, name, description, enabled, kind, v, end, every, unit, cron, zone, missed);
    }

    public ScheduleDef withEnd(Long v) {
        return new ScheduleDef(id, name, description, enabled, kind, start, v, every, unit, cron, zone, missed);
    }

    public ScheduleDef withZone(String v) {
        return new ScheduleDef(id, name, description, enabled, kind, start, end, every, unit, cron, v, missed);
    }

    public ScheduleDef withMissed(MissedRuns v) {
        return new ScheduleDef(id, name, description, enabled, kind, start, end, every, unit, cron, zone, v);
    }

    public ScheduleDef withEnabled(boolean v) {
        return new ScheduleDef(id, name, description, v, kind, start, end, every, unit, cron, zone, missed);
    }

    public ScheduleDef withId(UUID v) {
        return new ScheduleDef(v, name, description, enabled, kind, start, end, every, unit, cron, zone, missed);
    }

    /** The checks that need nothing but the definition; the cron syntax is checked by the schedule capability. */
    void validate() {
        String where = "schedule " + name;
        Names.check(name, where, "name");
        Names.checkText(description, where, "description");
        Names.checkText(cron, where, "cron");
        Names.checkText(zone, where, "zone");
        if (kind == Kind.INTERVAL && every <= 0) {
            throw new ModelException(where, "every", "must be a positive number of " + unit.label());
        }
        if (kind == Kind.INTERVAL && every > MAX_EVERY_SECONDS / unit.seconds()) {
            // The timetable works in µs: a period this long would overflow it.
            throw new ModelException(where, "every", "must be at most " + MAX_EVERY_SECONDS / unit.seconds() + " "
                    + unit.label() + " (100 years)");
        }
        if (kind == Kind.CRON && (cron == null || cron.isBlank())) {
            throw new ModelException(where, "cron", "a cron schedule needs a cron expression, e.g. 0 * * * *");
        }
        if (start != null && end != null && end < start) {
            throw new ModelException(where, "end", "ends before it starts");
        }
        if (zone != null) {
            try {
                java.time.ZoneId.of(zone);
            } catch (java.time.DateTimeException e) {
                throw new ModelException(where, "zone", "unknown time zone '" + zone + "' (e.g. Europe/Moscow, UTC)");
            }
        }
    }
}
