package org.peresvet.schedule.internal;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.peresvet.model.Micros;
import org.peresvet.model.ScheduleDef;

/** The instants of a schedule: {@link #nextAfter} gives the first tick strictly after a time. */
public final class Timetable {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SPRING = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final ScheduleDef def;
    private final ZoneId zone;
    private final ExecutionTime cron;

    public Timetable(ScheduleDef def, ZoneId defaultZone) {
        this.def = def;
        this.zone = def.zone() == null ? defaultZone : ZoneId.of(def.zone());
        this.cron = def.kind() == ScheduleDef.Kind.CRON ? ExecutionTime.forCron(parseCron(def.cron())) : null;
    }

    /**
     * Parses a cron expression: five fields (minute hour day-of-month month day-of-week), or six
     * with seconds first.
     *
     * @throws IllegalArgumentException with the library's reason
     */
    public static Cron parseCron(String text) {
        String t = text.strip();
        int fields = t.split("\\s+").length;
        try {
            Cron c = (fields == 6 ? SPRING : UNIX).parse(t);
            c.validate();
            return c;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + t + "': " + e.getMessage()
                    + " (five fields: minute hour day-of-month month day-of-week, e.g. 0 * * * *; or six with seconds first)");
        }
    }

    /** The first tick strictly after {@code t} (µs), or null when there is none (past the end). */
    public Long nextAfter(long t) {
        Long next = switch (def.kind()) {
            case CRON -> cronNext(t);
            case INTERVAL -> intervalNext(t);
        };
        if (next != null && def.end() != null && next > def.end()) {
            return null;
        }
        return next;
    }

    private Long cronNext(long t) {
        ZonedDateTime from = Micros.toInstant(t).atZone(zone);
        Optional<ZonedDateTime> n = cron.nextExecution(from);
        return n.map(z -> Micros.of(z.toInstant())).orElse(null);
    }

    private Long intervalNext(long t) {
        long start = def.start() != null ? def.start()
                : Micros.of(LocalDate.of(1970, 1, 1).atStartOfDay(zone).toInstant());
        if (t < start) {
            return start;
        }
        if (def.unit() == ScheduleDef.Unit.DAYS) {
            // Calendar days in the zone: 02:00 stays 02:00 across a daylight-saving change.
            ZonedDateTime s = Micros.toInstant(start).atZone(zone);
            long days = java.time.temporal.ChronoUnit.DAYS.between(s.toLocalDate(), Micros.toInstant(t).atZone(zone).toLocalDate());
            long k = Math.max(0, days / def.every() - 1);
            while (true) {
                ZonedDateTime c = s.plusDays(k * def.every());
                long x = Micros.of(c.toInstant());
                if (x > t) {
                    return x;
                }
                k++;
            }
        }
        long period = def.every() * def.unit().seconds() * Micros.PER_SECOND;
        long k = (t - start) / period + 1;
        return start + k * period;
    }

    public ZoneId zone() {
        return zone;
    }

    static Instant instant(long micros) {
        return Micros.toInstant(micros);
    }
}
