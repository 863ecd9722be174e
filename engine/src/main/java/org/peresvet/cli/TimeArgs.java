package org.peresvet.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peresvet.model.Micros;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line converters for times and durations, both to microseconds. */
final class TimeArgs {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(us|µs|ms|s|m|min|h|d)?");

    private TimeArgs() {
    }

    /** ISO-8601 (no zone means UTC) or microseconds since the epoch. */
    static final class Time implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Micros.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " (e.g. 2026-03-01T12:00:00 in UTC, or microseconds)");
            }
        }
    }

    /** {@code 500ms}, {@code 1s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601 {@code PT5M}, or plain microseconds. */
    static final class Step implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long micros = parse(value.strip());
            if (micros <= 0) {
                throw new TypeConversionException("the step must be longer than zero");
            }
            return micros;
        }

        private static long parse(String s) {
            if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    Duration d = Duration.parse(s);
                    return d.getSeconds() * Micros.PER_SECOND + d.getNano() / 1_000;
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + s + "' is not an ISO-8601 duration");
                }
            }
            Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + s + "' is not a duration (e.g. 500ms, 1s, 5m, 1h, or microseconds)");
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "' is too long a duration");
            }
            long unit = switch (m.group(2) == null ? "us" : m.group(2)) {
                case "us", "µs" -> 1;
                case "ms" -> Micros.PER_MS;
                case "s" -> Micros.PER_SECOND;
                case "m", "min" -> 60 * Micros.PER_SECOND;
                case "h" -> 3_600 * Micros.PER_SECOND;
                default -> 86_400 * Micros.PER_SECOND;
            };
            try {
                return Math.multiplyExact(n, unit);
            } catch (ArithmeticException e) {
                throw new TypeConversionException("'" + s + "' is too long a duration");
            }
        }
    }
}
