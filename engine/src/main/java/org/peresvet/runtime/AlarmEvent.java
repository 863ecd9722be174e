package org.peresvet.runtime;

import java.util.UUID;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;

/**
 * A transition of an alarm, published on the engine's bus (methods bind to it, the journal
 * records it, the UI annunciates it). It lives here, not in the alarm capability, so any
 * capability can listen without depending on another one.
 *
 * @param time       when it happened, µs since the epoch
 * @param from       the state before
 * @param status     the alarm's whole state after the transition ({@code status.state()} is the new state)
 * @param value      the tag's value at the transition (may be null)
 * @param user       the operator for acknowledge, shelve, reset, …; null when the process caused it
 * @param message    the alarm's message, placeholders filled in
 */
public record AlarmEvent(long time, UUID alarmId, UUID tagId, String alarmPath, String objectPath,
                         AlarmPriority priority, AlarmTransition transition, AlarmState from, AlarmStatus status,
                         Object value, String user, String comment, String message) implements EngineEvent {

    public AlarmState state() {
        return status.state();
    }

    /** True when operators should be told (the alarm is not shelved, suppressed or out of service). */
    public boolean annunciated() {
        return !status.state().isMasked();
    }

    public AlarmJournalEntry toJournalEntry() {
        return new AlarmJournalEntry(time, alarmId, tagId, alarmPath, objectPath, priority, transition, status.state(),
                value == null ? null : String.valueOf(value), user, comment, message);
    }
}
