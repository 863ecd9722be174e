package org.peresvet.runtime;

import java.util.UUID;

/**
 * The outcome of a write to a device. Only {@link Status#CONFIRMED} means the device took the
 * value: its state echoed it back. A write is never reported successful on mere publication.
 *
 * @param requested      the value asked for, in the tag's type (as given when it could not be coerced)
 * @param confirmed      the value the device echoed (null unless confirmed)
 * @param reason         why it failed, or "" when confirmed
 * @param durationMicros from the request to the result
 */
public record WriteResult(UUID tagId, Status status, Object requested, Object confirmed, String reason, long durationMicros) {

    public enum Status {
        /** The device's state echoed the value within the timeout. */
        CONFIRMED,
        /** Refused before sending: unknown or disabled tag, not bound to a command, wrong type, out of range. */
        REJECTED,
        /** Could not be sent: connector down, disabled or failing. */
        NOT_SENT,
        /** Sent, but the device did not report any state within the timeout. */
        TIMEOUT,
        /** Sent, but the device reported another value until the timeout. */
        MISMATCH,
        /** A newer write to the same tag replaced it, or the engine stopped. */
        CANCELLED
    }

    public WriteResult {
        reason = reason == null ? "" : reason;
    }

    public boolean isConfirmed() {
        return status == Status.CONFIRMED;
    }
}
