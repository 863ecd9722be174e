package org.peresvet.app.alarm;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.peresvet.app.Messages;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;

/**
 * How priorities and states read on screen. Each priority has a shape as well as a colour and a
 * word, so it is told apart without colour (ISA-101: colour is never the only cue). Pure: no toolkit.
 */
public final class AlarmText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private AlarmText() {
    }

    /**
     * A shape per priority, the same as the screens' alarm marks ({@code mnemonic.AlarmIndicator}),
     * so one alarm reads alike on a symbol, the banner and the list.
     */
    public static String marker(AlarmPriority p) {
        return switch (p) {
            case CRITICAL -> "\u25A0"; // ■
            case HIGH -> "\u25C6"; // ◆
            case MEDIUM -> "\u25B2"; // ▲
            case LOW -> "\u25CF"; // ●
            case DIAGNOSTIC -> "\u25CB"; // ○
        };
    }

    /** "▲ High": shape and word. */
    public static String priority(AlarmPriority p) {
        return marker(p) + " " + Messages.get("alarm.priority." + p.label());
    }

    public static String state(AlarmState s) {
        return Messages.get("alarm.state." + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The state in the few words of a list column (operators' usual terms; the tooltip has {@link #state}). */
    public static String shortState(AlarmState s) {
        return Messages.get("alarm.short." + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The CSS pseudo-class name of a priority, e.g. {@code priority-high}. */
    public static String priorityClass(AlarmPriority p) {
        return "priority-" + p.label();
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    /** Short, for the active list: the clock for today, else the day and minute (the tooltip has it all). */
    public static String shortTime(long micros, java.time.LocalDate today) {
        if (micros <= 0) {
            return "";
        }
        var t = Instant.ofEpochMilli(micros / 1000).atZone(ZoneId.systemDefault());
        return (t.toLocalDate().equals(today) ? CLOCK : DAY_CLOCK).format(t);
    }

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    /** Hours and minutes today, else the day too (when a shelving ends). */
    public static String minute(long micros, java.time.LocalDate today) {
        var t = Instant.ofEpochMilli(micros / 1000).atZone(ZoneId.systemDefault());
        return (t.toLocalDate().equals(today) ? MINUTE : DAY_CLOCK).format(t);
    }

    /** Local month, day and time, seconds precision (the CSV export has the full ISO time). */
    public static String time(long micros) {
        if (micros <= 0) {
            return "";
        }
        return TIME.format(Instant.ofEpochMilli(micros / 1000).atZone(ZoneId.systemDefault()));
    }
}
