package org.peresvet.app.project;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.runtime.Subscription;

/**
 * The alarms an operator sees and the commands he gives them, each recorded with the context's
 * actor. Commands wait for the engine loop: call them off the FX thread.
 *
 * @throws IllegalArgumentException from a command on an alarm that no longer exists
 */
public interface AlarmCommands {

    /** Every alarm that is not normal. */
    List<AlarmView> active();

    /** Longest time an alarm may be shelved. */
    Duration maxShelve();

    boolean acknowledge(UUID alarmId, String comment);

    void shelve(UUID alarmId, String reason, Duration duration);

    /** Shelved until it returns to normal. */
    void shelveOneShot(UUID alarmId, String reason);

    boolean unshelve(UUID alarmId);

    /** The same, giving the reason a rule of the project asks for (null: none). */
    default boolean unshelve(UUID alarmId, String reason) {
        return unshelve(alarmId);
    }

    boolean reset(UUID alarmId, String comment);

    List<AlarmJournalEntry> journal(AlarmJournalQuery query);

    /** Calls {@code changed} (any thread) whenever an alarm changes state, until closed. */
    Subscription onAlarmEvent(Runnable changed);
}
