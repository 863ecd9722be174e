package org.peresvet.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.alarm.AlarmHealth;
import org.peresvet.alarm.AlarmView;
import org.peresvet.alarm.Alarms;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;

/** The facade's view of the alarm service: reads and commands; the actor's name goes into the journal. */
final class EngineAlarms implements AlarmCommands {
    private final Alarms alarms;

    EngineAlarms(Alarms alarms) {
        this.alarms = alarms;
    }

    private static String who(Actor actor) {
        if (actor == null) {
            throw new IllegalArgumentException("an alarm command needs the operator's name");
        }
        return actor.name();
    }

    @Override
    public List<AlarmView> active() {
        return alarms.active();
    }

    @Override
    public List<AlarmView> active(UUID subtreeRoot) {
        return alarms.active(subtreeRoot);
    }

    @Override
    public List<AlarmView> shelved() {
        return alarms.shelved();
    }

    @Override
    public List<AlarmView> all() {
        return alarms.all();
    }

    @Override
    public AlarmView get(UUID alarmId) {
        return alarms.get(alarmId);
    }

    @Override
    public Map<UUID, String> problems() {
        return alarms.problems();
    }

    @Override
    public String problem(UUID alarmId) {
        return alarms.problem(alarmId);
    }

    @Override
    public Duration maxShelve() {
        return alarms.maxShelve();
    }

    @Override
    public long published() {
        return alarms.published();
    }

    @Override
    public List<AlarmJournalEntry> journal(AlarmJournalQuery query) {
        return alarms.journal(query);
    }

    @Override
    public void exportCsv(AlarmJournalQuery query, Appendable out) throws IOException {
        alarms.exportCsv(query, out);
    }

    @Override
    public AlarmHealth.Report health(long from, long to) {
        return alarms.health(from, to);
    }

    @Override
    public AlarmHealth.Report health(Duration period) {
        return alarms.health(period);
    }

    @Override
    public boolean acknowledge(UUID alarmId, Actor actor, String comment) {
        return alarms.acknowledge(alarmId, who(actor), comment);
    }

    @Override
    public int acknowledgeAll(UUID subtreeRoot, Actor actor, String comment) {
        return alarms.acknowledgeAll(subtreeRoot, who(actor), comment);
    }

    @Override
    public boolean reset(UUID alarmId, Actor actor, String comment) {
        return alarms.reset(alarmId, who(actor), comment);
    }

    @Override
    public void shelve(UUID alarmId, Actor actor, String reason, Duration duration) {
        alarms.shelve(alarmId, who(actor), reason, duration);
    }

    @Override
    public void shelveOneShot(UUID alarmId, Actor actor, String reason) {
        alarms.shelveOneShot(alarmId, who(actor), reason);
    }

    @Override
    public boolean unshelve(UUID alarmId, Actor actor) {
        return alarms.unshelve(alarmId, who(actor));
    }

    @Override
    public boolean removeFromService(UUID alarmId, Actor actor, String reason) {
        return alarms.removeFromService(alarmId, who(actor), reason);
    }

    @Override
    public boolean returnToService(UUID alarmId, Actor actor) {
        return alarms.returnToService(alarmId, who(actor));
    }
}
