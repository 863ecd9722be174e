package org.peresvet.model;

/** What happened to an alarm: one row of the alarm journal, one event on the engine's bus. */
public enum AlarmTransition {
    /** The condition became true (after the on-delay). */
    ACTIVATED,
    /** The condition became false (after the off-delay): return to normal. */
    CLEARED,
    ACKNOWLEDGED,
    /** A latched alarm was reset by an operator after acknowledgement. */
    RESET,
    SHELVED,
    /** Unshelved by an operator, or a one-shot shelving ended at return to normal. */
    UNSHELVED,
    /** A timed shelving ran out. */
    SHELVE_EXPIRED,
    /** Its suppression condition became true. */
    SUPPRESSED,
    UNSUPPRESSED,
    REMOVED_FROM_SERVICE,
    RETURNED_TO_SERVICE
}
