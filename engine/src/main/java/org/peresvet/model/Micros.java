package org.peresvet.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Time in microseconds since the Unix epoch (UTC), the unit of every sample's {@code x}. */
public final class Micros {
    public static final long PER_MS = 1_000L;
    public static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * PER_SECOND + now.getNano() / 1_000;
    }

    public static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** ISO-8601 in UTC with microseconds, e.g. {@code 2026-11-27T10:15:30.123456Z}. */
    public static String format(long micros) {
        return toInstant(micros).toString();
    }

    /**
     * Parses an ISO-8601 date-time; a string without a zone is UTC, as the data contract says.
     * A plain integer string is taken as microseconds.
     *
     * @throws IllegalArgumentException when the text is not a time, or one microseconds cannot hold
     */
    public static long parse(String text) {
        try {
            return parseUnchecked(text);
        } catch (ArithmeticException e) {
            // Instant holds ±1e9 years, microseconds in a long only ±292,277 years.
            throw new IllegalArgumentException("'" + text + "' is out of range: times must lie between "
                    + format(Long.MIN_VALUE) + " and " + format(Long.MAX_VALUE));
        }
    }

    private static long parseUnchecked(String text) {
        String s = text.trim();
        if (s.matches("-?\\d+")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the time " + Quoted.of(text) + " is out of the range of microseconds in a long");
            }
        }
        if (s.length() > 64) {
            throw new IllegalArgumentException("not an ISO-8601 time or microseconds: " + Quoted.of(text));
        }
        try {
            return parseIso(s, text);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            // A valid date too far from 1970 for microseconds in a long.
            throw new IllegalArgumentException("the time " + Quoted.of(text) + " is out of the range of microseconds since 1970");
        }
    }

    private static long parseIso(String s, String text) {
        try {
            return of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException withZone) {
            try {
                return of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException noZone) {
                try {
                    return of(java.time.LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException dateOnly) {
                    throw new IllegalArgumentException("not an ISO-8601 time or microseconds: " + Quoted.of(text));
                }
            }
        }
    }
}
