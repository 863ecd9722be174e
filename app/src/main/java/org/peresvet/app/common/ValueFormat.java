package org.peresvet.app.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.peresvet.app.Messages;
import org.peresvet.connector.Binding;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * How values, qualities and times read on screen. Doubles get as many decimals as their
 * engineering range calls for (a 0–10 bar gauge shows 2, a 0–250 m³/h flow 1, a 0–5000 rpm speed
 * none); units follow the value. Pure: no toolkit.
 */
public final class ValueFormat {

    /** How bad a quality is; each level has a text, a symbol and a style class, so colour is never the only cue. */
    public enum Level {
        GOOD("quality-good", ""), UNCERTAIN("quality-uncertain", "? "), BAD("quality-bad", "✕ "), NONE("quality-none", "");

        private final String styleClass;
        private final String symbol;

        Level(String styleClass, String symbol) {
            this.styleClass = styleClass;
            this.symbol = symbol;
        }

        public String styleClass() {
            return styleClass;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ValueFormat() {
    }

    /** The value with units, e.g. "7.52 bar", "ON", "—" for none. */
    public static String value(TagDef t, Sample s) {
        if (s == null || s.y() == null) {
            return "—";
        }
        String v = plain(t, s.y());
        return t.units().isEmpty() || t.type() == ValueType.BOOL || t.type() == ValueType.STRING || t.type() == ValueType.JSON
                ? v : v + " " + t.units();
    }

    /** The value without units, as an operator would type it back. */
    public static String plain(TagDef t, Object y) {
        if (y == null) {
            return "";
        }
        return switch (t.type()) {
            case DOUBLE -> y instanceof Number n ? decimals(t).format(n.doubleValue()) : y.toString();
            case INT -> y.toString();
            case BOOL -> Boolean.TRUE.equals(y) ? "true" : "false";
            case STRING -> y.toString();
            case JSON -> {
                String s = y instanceof JsonNode n ? n.toString() : y.toString();
                yield s.length() > 80 ? s.substring(0, 77) + "…" : s;
            }
        };
    }

    /** Decimal places for a double tag, from the width of its engineering range. */
    static int decimalPlaces(TagDef t) {
        if (t.min() == null || t.max() == null || t.max() <= t.min()) {
            return 2;
        }
        double span = t.max() - t.min();
        if (span >= 1000) {
            return 0;
        }
        if (span >= 100) {
            return 1;
        }
        if (span >= 1) {
            return 2;
        }
        return 3;
    }

    private static DecimalFormat decimals(TagDef t) {
        int places = decimalPlaces(t);
        DecimalFormat f = new DecimalFormat(places == 0 ? "0" : "0." + "0".repeat(places),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setGroupingUsed(false);
        return f;
    }

    public static Level level(Sample s) {
        if (s == null) {
            return Level.NONE;
        }
        if (Quality.isGood(s.q())) {
            return Level.GOOD;
        }
        return s.q() == Quality.CONNECTION_RESTORED ? Level.UNCERTAIN : Level.BAD;
    }

    /** The quality as words with a symbol for bad ones, e.g. "good", "✕ connection lost". */
    public static String quality(Sample s) {
        Level level = level(s);
        if (level == Level.NONE) {
            return Messages.get("quality.none");
        }
        String key = "quality." + (s.q() == null ? 0 : s.q());
        String text = Messages.getOrDefault(key, Messages.get("quality.other", s.q()));
        return level.symbol() + text;
    }

    /** The sample's time: time of day when it is today, date and time otherwise. */
    public static String time(Sample s, ZoneId zone, LocalDate today) {
        if (s == null) {
            return "";
        }
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(s.x(), 1_000_000L), Math.floorMod(s.x(), 1_000_000L) * 1000L).atZone(zone);
        return t.toLocalDate().equals(today) ? TIME.format(t) : DATE_TIME.format(t);
    }

    public static String time(Sample s) {
        ZoneId zone = ZoneId.systemDefault();
        return time(s, zone, LocalDate.now(zone));
    }

    /**
     * The time of a live value; for a tag that has never had one, says so ("never written"), so
     * that "no data yet" is not mistaken for an empty reading (a good null has a time).
     */
    public static String liveTime(Sample s) {
        return s == null ? Messages.get("time.never") : time(s);
    }

    /**
     * Operators write values to manual, enabled tags, and to connector tags whose binding has a
     * command (the value goes to the device); simulated and read-only connector tags are fed by their
     * source, and calculated tags by their formula (the engine refuses a write to them).
     */
    public static boolean writable(TagDef t) {
        if (t == null || !t.enabled()) {
            return false;
        }
        if (t.source() == SourceKind.CONNECTOR) {
            // A device tag is written to the device, which needs a command in the binding.
            try {
                return Binding.parse(t.id(), t.sourceConfig()).writable();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return t.source() == SourceKind.MANUAL && !t.calculated();
    }
}
