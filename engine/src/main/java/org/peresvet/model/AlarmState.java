package org.peresvet.model;

/**
 * The ISA-18.2 states of an alarm as an operator sees them. The first five follow the process
 * and the operator's acknowledgement; the last three mask them (the alarm is still evaluated
 * underneath, so lifting the mask shows the true state at once). Precedence when several masks
 * apply: out of service, then shelved, then suppressed by design.
 */
public enum AlarmState {
    /** Process normal, nothing to acknowledge. */
    NORMAL,
    /** Active, not acknowledged. */
    UNACKNOWLEDGED,
    /** Active, acknowledged. */
    ACKNOWLEDGED,
    /** The process returned to normal before the alarm was acknowledged. */
    RETURNED_UNACKNOWLEDGED,
    /** A latching alarm whose process returned to normal; it waits for acknowledgement and reset. */
    LATCHED,
    /** Hidden by an operator for a limited time or until it next returns to normal. */
    SHELVED,
    /** Hidden by design while its suppression condition holds (e.g. the pump is stopped). */
    SUPPRESSED,
    /** Taken out of service (maintenance); not annunciated. */
    OUT_OF_SERVICE;

    /** True for the states that mask the process state. */
    public boolean isMasked() {
        return this == SHELVED || this == SUPPRESSED || this == OUT_OF_SERVICE;
    }
}
