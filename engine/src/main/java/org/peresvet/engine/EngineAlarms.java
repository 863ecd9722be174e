package org.peresvet.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.peresvet.alarm.AlarmHealth;
import org.peresvet.alarm.AlarmView;
import org.peresvet.alarm.Alarms;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.security.Permission;

/** The facade's view of the alarm service: reads and commands; the actor's name goes into the journal. */
final class EngineAlarms implements AlarmCommands {
    private final Alarms alarms;

    private final Guard guard;

    EngineAlarms(Alarms alarms, Guard guard) {
        this.alarms = alarms;
        this.guard = guard;
    }

    /** ACK_ALARMS on the alarm's object, then the command, with one audit record. */
    private <T> T command(UUID alarmId, Actor actor, String action, String reason, String detail, Supplier<T> call) {
        who(actor);
        return guard.run(actor, List.of(new Guard.Need(Permission.ACK_ALARMS, guard.objectOfAlarm(alarmId))),
                new Guard.What(action, guard.alarmPath(alarmId), null, detail, reason), call,
                r -> Boolean.FALSE.equals(r) ? "no change" : "ok");
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
        return command(alarmId, actor, "alarm.acknowledge", comment, null, () -> alarms.acknowledge(alarmId, who(actor), comment));
    }

    @Override
    public int acknowledgeAll(UUID subtreeRoot, Actor actor, String comment) {
        who(actor);
        return guard.run(actor, List.of(new Guard.Need(Permission.ACK_ALARMS, subtreeRoot)),
                new Guard.What("alarm.acknowledgeAll", guard.objectPath(subtreeRoot), null, null, comment),
                () -> alarms.acknowledgeAll(subtreeRoot, who(actor), comment), n -> "ok: " + n + " acknowledged");
    }

    @Override
    public boolean reset(UUID alarmId, Actor actor, String comment) {
        return command(alarmId, actor, "alarm.reset", comment, null, () -> alarms.reset(alarmId, who(actor), comment));
    }

    @Override
    public void shelve(UUID alarmId, Actor actor, String reason, Duration duration) {
        command(alarmId, actor, "alarm.shelve", reason, "for " + duration, () -> {
            alarms.shelve(alarmId, who(actor), reason, duration);
            return null;
        });
    }

    @Override
    public void shelveOneShot(UUID alarmId, Actor actor, String reason) {
        command(alarmId, actor, "alarm.shelve", reason, "one shot", () -> {
            alarms.shelveOneShot(alarmId, who(actor), reason);
            return null;
        });
    }

    @Override
    public boolean unshelve(UUID alarmId, Actor actor) {
        return command(alarmId, actor, "alarm.unshelve", null, null, () -> alarms.unshelve(alarmId, who(actor)));
    }

    @Override
    public boolean removeFromService(UUID alarmId, Actor actor, String reason) {
        return command(alarmId, actor, "alarm.outOfService", reason, null, () -> alarms.removeFromService(alarmId, who(actor), reason));
    }

    @Override
    public boolean returnToService(UUID alarmId, Actor actor) {
        return command(alarmId, actor, "alarm.returnToService", null, null, () -> alarms.returnToService(alarmId, who(actor)));
    }
}
