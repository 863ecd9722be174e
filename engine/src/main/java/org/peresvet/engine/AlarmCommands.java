package org.peresvet.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.alarm.AlarmHealth;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;

/**
 * The alarms as the facade offers them: what is active, the journal, health, and the operator's
 * commands, each naming its {@link Actor} (recorded in the journal). The alarm stage, its restore
 * and its wiring stay inside the engine.
 */
public interface AlarmCommands {

    /** Alarms not normal (active, unacknowledged, shelved…), in list order. */
    List<AlarmView> active();

    /** Alarms not normal in a subtree (null root: everywhere). */
    List<AlarmView> active(UUID subtreeRoot);

    List<AlarmView> shelved();

    /** Every enabled alarm with its state. */
    List<AlarmView> all();

    /** One alarm, or null when there is no such enabled alarm. */
    AlarmView get(UUID alarmId);

    /** Alarms that cannot be evaluated, with the reason. */
    Map<UUID, String> problems();

    String problem(UUID alarmId);

    /** The longest shelving allowed. */
    Duration maxShelve();

    /** Transitions published on the bus so far (a counter for /metrics). */
    long published();

    List<AlarmJournalEntry> journal(AlarmJournalQuery query);

    void exportCsv(AlarmJournalQuery query, Appendable out) throws IOException;

    AlarmHealth.Report health(long from, long to);

    AlarmHealth.Report health(Duration period);

    /** Acknowledges (active or returned to normal); false when there was nothing to acknowledge. */
    boolean acknowledge(UUID alarmId, Actor actor, String comment);

    /** Acknowledges every unacknowledged alarm in a subtree (null: everywhere); returns how many. */
    int acknowledgeAll(UUID subtreeRoot, Actor actor, String comment);

    /**
     * Resets a latched alarm; false when it is not latched.
     *
     * @throws IllegalStateException when it is latched but not acknowledged yet
     */
    boolean reset(UUID alarmId, Actor actor, String comment);

    /** Shelves for a time (at most {@link #maxShelve()}). */
    void shelve(UUID alarmId, Actor actor, String reason, Duration duration);

    /** Shelves until the alarm next returns to normal. */
    void shelveOneShot(UUID alarmId, Actor actor, String reason);

    boolean unshelve(UUID alarmId, Actor actor);

    boolean removeFromService(UUID alarmId, Actor actor, String reason);

    boolean returnToService(UUID alarmId, Actor actor);
}
