package org.peresvet.app.mnemonic;

import javafx.scene.paint.Color;
import org.peresvet.model.AlarmPriority;

/**
 * The ISA-101 palette of the symbols: greys for everything normal, colour only for what is
 * abnormal (faults, alarms, values beyond their limits, bad quality). Every colour cue comes with
 * a second one (fill, shape, text) so it reads without colour too.
 */
final class Isa101 {
    static final Color BACKGROUND = Color.web("#DDDDDD");
    static final Color OUTLINE = Color.web("#333333");
    /** Equipment running, valve open, flow: filled dark. */
    static final Color ACTIVE = Color.web("#3C3C3C");
    /** Equipment stopped, valve closed: hollow light. */
    static final Color IDLE = Color.web("#F4F4F4");
    static final Color TEXT = Color.web("#1A1A1A");
    static final Color MUTED = Color.web("#8A8A8A");
    static final Color TRACK = Color.web("#C4C4C4");
    static final Color NORMAL_BAND = Color.web("#A6A6A6");
    static final Color LEVEL = Color.web("#7F8C99");
    static final Color NO_FLOW = Color.web("#A9A9A9");
    static final Color FAULT = Color.web("#D9261C");
    static final Color WARNING = Color.web("#F2B705");
    static final Color BAD_QUALITY = Color.web("#8E24AA");

    private Isa101() {
    }

    /** A colour written in a screen ("#RRGGBB", a CSS name), or {@code dflt} when blank or not a colour. */
    static Color color(String text, Color dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            return Color.web(text.trim());
        } catch (IllegalArgumentException e) {
            return dflt;
        }
    }

    /** The colour of an alarm of {@code p}: red, orange, yellow, blue, violet. */
    static Color alarm(AlarmPriority p) {
        return switch (p) {
            case CRITICAL -> Color.web("#D9261C");
            case HIGH -> Color.web("#F07E06");
            case MEDIUM -> Color.web("#F2D40F");
            case LOW -> Color.web("#2F7FD8");
            case DIAGNOSTIC -> Color.web("#9A6FD1");
        };
    }

    /** The number shown in an alarm's priority shape, 1 (critical) to 5. */
    static String alarmNumber(AlarmPriority p) {
        return Integer.toString(p.ordinal() + 1);
    }
}
