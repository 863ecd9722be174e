package org.peresvet.model;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a calculated tag's formula runs: on a change of any input (the default), every N
 * milliseconds, or on the ticks of a schedule. Text form: {@code change}, {@code every 5000ms},
 * {@code schedule <schedule id>}.
 */
public record CalcTrigger(Kind kind, long periodMillis, UUID scheduleId) {
    public enum Kind { CHANGE, PERIODIC, SCHEDULE }

    public static final CalcTrigger CHANGE = new CalcTrigger(Kind.CHANGE, 0, null);
    /** Periods below this are refused: the engine loop ticks every 100 ms. */
    public static final long MIN_PERIOD_MILLIS = 100;

    /** Longer periods are refused: a year is far beyond any calculation's need, and µs arithmetic stays exact. */
    public static final long MAX_PERIOD_MILLIS = 366L * 24 * 3_600_000;

    private static final Pattern EVERY = Pattern.compile("every\\s*(\\d{1,30})\\s*(ms|s|sec|min|m|h)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEDULE = Pattern.compile("schedule[\\s:]+(\\S+)", Pattern.CASE_INSENSITIVE);

    public CalcTrigger {
        if (kind == null) {
            kind = Kind.CHANGE;
        }
    }

    public static CalcTrigger every(long millis) {
        return new CalcTrigger(Kind.PERIODIC, millis, null);
    }

    public static CalcTrigger schedule(UUID id) {
        return new CalcTrigger(Kind.SCHEDULE, 0, id);
    }

    /**
     * Parses the text form; null or blank gives {@link #CHANGE}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static CalcTrigger parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("change")) {
            return CHANGE;
        }
        String s = text.strip();
        Matcher m = EVERY.matcher(s);
        if (m.matches()) {
            String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
            long factor = switch (unit) {
                case "s", "sec" -> 1_000;
                case "min", "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1;
            };
            // Checked arithmetic: a period too long for a long is refused, never wrapped into a short one.
            long millis;
            try {
                millis = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
            } catch (NumberFormatException | ArithmeticException e) {
                millis = Long.MAX_VALUE;
            }
            if (millis > MAX_PERIOD_MILLIS) {
                throw new IllegalArgumentException("the period of " + Quoted.of(s) + " is too long (at most "
                        + MAX_PERIOD_MILLIS + " ms, 366 days)");
            }
            return every(millis);
        }
        m = SCHEDULE.matcher(s);
        if (m.matches()) {
            try {
                return schedule(UUID.fromString(m.group(1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Quoted.of(m.group(1)) + " is not a schedule id (a UUID)");
            }
        }
        throw new IllegalArgumentException("unknown trigger " + Quoted.of(text)
                + " (expected change, every <N>ms (or s, min, h), or schedule <schedule id>)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CHANGE -> "change";
            case PERIODIC -> "every " + periodMillis + "ms";
            case SCHEDULE -> "schedule " + scheduleId;
        };
    }
}
