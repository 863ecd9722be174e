package org.peresvet.model;

import java.util.Locale;

/**
 * What makes an alarm active. Limit kinds compare the tag's value with {@code limit};
 * {@link #DEVIATION} compares it with a setpoint tag; {@link #RATE} its change per second;
 * the discrete kinds compare it with {@code value}; {@link #BAD_QUALITY} watches the quality
 * code; {@link #EXPRESSION} evaluates a formula through a pluggable evaluator.
 */
public enum AlarmKind {
    /** Active while value &gt; limit (the high-high limit). */
    HIHI,
    /** Active while value &gt; limit. */
    HI,
    /** Active while value &lt; limit. */
    LO,
    /** Active while value &lt; limit (the low-low limit). */
    LOLO,
    /** Active while |value − setpoint tag| &gt; limit. */
    DEVIATION,
    /** Active while |Δvalue / Δt| &gt; limit, in units per second, between consecutive samples. */
    RATE,
    /** Active while value equals {@code value}. */
    DISCRETE_EQUALS,
    /** Active while value differs from {@code value}. */
    DISCRETE_DIFFERS,
    /** Active while the quality is not good (connection lost, bad data, …). */
    BAD_QUALITY,
    /** Active while the expression is true; evaluated by the formula engine when it is plugged in. */
    EXPRESSION;

    public boolean isLimit() {
        return this == HIHI || this == HI || this == LO || this == LOLO;
    }

    /** True for the kinds that compare numbers (and so need a numeric tag). */
    public boolean isNumeric() {
        return isLimit() || this == DEVIATION || this == RATE;
    }

    /** Active when the value goes up through the threshold (HiHi, Hi) rather than down. */
    public boolean isHigh() {
        return this == HIHI || this == HI;
    }

    public String label() {
        return switch (this) {
            case HIHI -> "hihi";
            case HI -> "hi";
            case LO -> "lo";
            case LOLO -> "lolo";
            case DEVIATION -> "deviation";
            case RATE -> "rate";
            case DISCRETE_EQUALS -> "equals";
            case DISCRETE_DIFFERS -> "differs";
            case BAD_QUALITY -> "badQuality";
            case EXPRESSION -> "expression";
        };
    }

    /** Accepts the {@link #label()} or the constant name, in any case. */
    public static AlarmKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        for (AlarmKind k : values()) {
            if (k.label().toLowerCase(Locale.ROOT).equals(t) || k.name().toLowerCase(Locale.ROOT).replace("_", "").equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown alarm kind '" + text
                + "' (expected hihi, hi, lo, lolo, deviation, rate, equals, differs, badQuality or expression)");
    }
}
