package org.peresvet.model;

import java.util.Locale;

/** Alarm priorities, most urgent first (ISA-18.2 recommends few critical and many low). */
public enum AlarmPriority {
    CRITICAL, HIGH, MEDIUM, LOW, DIAGNOSTIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlarmPriority parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown alarm priority '" + text
                    + "' (expected critical, high, medium, low or diagnostic)");
        }
    }
}
