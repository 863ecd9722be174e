package org.peresvet.model;

import java.util.UUID;

/**
 * The runtime state of one alarm at a moment: what operators see, what is persisted so a restart
 * keeps active, acknowledged, latched, shelved and out-of-service alarms.
 *
 * @param active       the condition holds (after the on- and off-delays)
 * @param acknowledged nothing waits for an operator's acknowledgement
 * @param latched      a latching alarm holds after return to normal, until reset
 * @param suppressed   its suppression condition holds
 * @param activeSince  time of the last activation (µs), 0 when never active
 * @param changedAt    time of the last transition (µs)
 * @param value        the tag's value at the last transition, as text (null: none)
 * @param message      the message rendered at the last activation (or transition)
 * @param ack          the last acknowledgement, or null
 * @param shelving     the shelving in force, or null
 * @param outOfService who took it out of service, or null when in service
 */
public record AlarmStatus(UUID alarmId, AlarmState state, boolean active, boolean acknowledged, boolean latched,
                          boolean suppressed, long activeSince, long changedAt, String value, String message,
                          Ack ack, Shelving shelving, Service outOfService) {

    /** An acknowledgement (or a reset): who, when, why. */
    public record Ack(String user, long time, String comment) {
    }

    /**
     * A shelving: who, why, since when and until when.
     *
     * @param until end of a timed shelving (µs); 0 for a one-shot shelving that ends at the next
     *              return to normal
     */
    public record Shelving(String user, String reason, long at, long until) {
        public boolean oneShot() {
            return until == 0;
        }
    }

    /** Out of service: who, why, since when. */
    public record Service(String user, String reason, long at) {
    }

    /** A normal alarm with nothing pending and no mask: nothing worth keeping across a restart. */
    public boolean isQuiet() {
        return state == AlarmState.NORMAL && !active && acknowledged && !latched && shelving == null && outOfService == null;
    }
}
