package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;
import org.peresvet.runtime.AlarmEvent;

/** The alarm journal and saved alarm states in the history file. */
class JournalStoreTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long MINUTE = 60_000_000L;

    @TempDir
    Path dir;

    private final UUID tankHi = UUID.randomUUID();
    private final UUID tank2Lo = UUID.randomUUID();
    private final UUID pumpTrip = UUID.randomUUID();

    private static AlarmStatus status(UUID id, AlarmState state, boolean active, boolean acked) {
        return new AlarmStatus(id, state, active, acked, false, false, active ? T0 : 0, T0, "1.5", "msg", null, null, null);
    }

    private static AlarmEvent event(long x, UUID id, String path, String object, AlarmPriority p, AlarmTransition t,
                                    AlarmStatus st, String user) {
        return new AlarmEvent(x, id, UUID.randomUUID(), path, object, p, t, AlarmState.NORMAL, st, 1.5, user, user == null ? null : "c", "msg");
    }

    private List<AlarmEvent> journal() {
        List<AlarmEvent> ev = new ArrayList<>();
        ev.add(event(T0, tankHi, "/Site/Tank/Level#Hi", "/Site/Tank", AlarmPriority.HIGH, AlarmTransition.ACTIVATED,
                status(tankHi, AlarmState.UNACKNOWLEDGED, true, false), null));
        ev.add(event(T0 + MINUTE, tank2Lo, "/Site/Tank2/Level#Lo", "/Site/Tank2", AlarmPriority.LOW, AlarmTransition.ACTIVATED,
                status(tank2Lo, AlarmState.UNACKNOWLEDGED, true, false), null));
        ev.add(event(T0 + 2 * MINUTE, pumpTrip, "/Site/Tank/Pump_1/Run#Trip", "/Site/Tank/Pump_1", AlarmPriority.CRITICAL,
                AlarmTransition.ACTIVATED, status(pumpTrip, AlarmState.UNACKNOWLEDGED, true, false), null));
        ev.add(event(T0 + 3 * MINUTE, tankHi, "/Site/Tank/Level#Hi", "/Site/Tank", AlarmPriority.HIGH, AlarmTransition.ACKNOWLEDGED,
                status(tankHi, AlarmState.ACKNOWLEDGED, true, true), "ivanov"));
        ev.add(event(T0 + 4 * MINUTE, tankHi, "/Site/Tank/Level#Hi", "/Site/Tank", AlarmPriority.HIGH, AlarmTransition.CLEARED,
                status(tankHi, AlarmState.NORMAL, false, true), null));
        return ev;
    }

    @Test
    void queriesByPeriodSubtreePriorityStateAndTransition() {
        try (HistoryStore h = HistoryStore.open(new ProjectFolder(dir))) {
            JournalStore j = new JournalStore(h);
            j.append(journal());
            AlarmJournalQuery all = AlarmJournalQuery.all();
            assertThat(j.query(all)).hasSize(5).extracting(AlarmJournalEntry::time).isSorted();
            assertThat(j.query(all.period(T0 + MINUTE, T0 + 3 * MINUTE))).extracting(AlarmJournalEntry::time)
                    .containsExactly(T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE);
            assertThat(j.query(all.subtree("/Site/Tank"))).extracting(AlarmJournalEntry::alarmId)
                    .containsExactly(tankHi, pumpTrip, tankHi, tankHi); // not /Site/Tank2
            assertThat(j.query(all.subtree("/Site/Tank/Pump_1"))).extracting(AlarmJournalEntry::alarmId).containsExactly(pumpTrip);
            assertThat(j.query(all.subtree("/Site/Tank/Pump%"))).isEmpty();
            assertThat(j.query(all.subtree("/"))).hasSize(5);
            assertThat(j.query(all.priorities(AlarmPriority.CRITICAL, AlarmPriority.LOW))).extracting(AlarmJournalEntry::alarmId)
                    .containsExactly(tank2Lo, pumpTrip);
            assertThat(j.query(all.states(AlarmState.NORMAL))).singleElement()
                    .satisfies(e -> assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED));
            assertThat(j.query(all.transitions(AlarmTransition.ACKNOWLEDGED))).singleElement().satisfies(e -> {
                assertThat(e.user()).isEqualTo("ivanov");
                assertThat(e.comment()).isEqualTo("c");
                assertThat(e.value()).isEqualTo("1.5");
                assertThat(e.priority()).isEqualTo(AlarmPriority.HIGH);
            });
            assertThat(j.query(all.alarm(tankHi).limit(2))).extracting(AlarmJournalEntry::transition)
                    .containsExactly(AlarmTransition.ACTIVATED, AlarmTransition.ACKNOWLEDGED);
            assertThat(j.purgeBefore(T0 + 2 * MINUTE)).isEqualTo(2);
            assertThat(j.query(all)).hasSize(3);
        }
    }

    @Test
    void theLatestStateOfEachAlarmIsSavedAndQuietOnesAreDropped() {
        try (HistoryStore h = HistoryStore.open(new ProjectFolder(dir))) {
            JournalStore j = new JournalStore(h);
            j.append(journal());
            AlarmStatus shelved = new AlarmStatus(tank2Lo, AlarmState.SHELVED, true, true, false, true, T0, T0 + 5 * MINUTE, null,
                    "low", new AlarmStatus.Ack("op", T0 + MINUTE, "ok"), new AlarmStatus.Shelving("op", "noisy", T0 + 5 * MINUTE, 0),
                    new AlarmStatus.Service("tech", "repair", T0 + 6 * MINUTE));
            j.append(List.of(event(T0 + 5 * MINUTE, tank2Lo, "/Site/Tank2/Level#Lo", "/Site/Tank2", AlarmPriority.LOW,
                    AlarmTransition.SHELVED, shelved, "op")));
        }
        try (HistoryStore h = HistoryStore.open(new ProjectFolder(dir))) {
            Map<UUID, AlarmStatus> states = new JournalStore(h).loadStates();
            assertThat(states).containsOnlyKeys(tank2Lo, pumpTrip); // tankHi ended quietly normal
            assertThat(states.get(tank2Lo).shelving().oneShot()).isTrue();
            assertThat(states.get(tank2Lo)).isEqualTo(new AlarmStatus(tank2Lo, AlarmState.SHELVED, true, true, false, true, T0,
                    T0 + 5 * MINUTE, null, "low", new AlarmStatus.Ack("op", T0 + MINUTE, "ok"),
                    new AlarmStatus.Shelving("op", "noisy", T0 + 5 * MINUTE, 0), new AlarmStatus.Service("tech", "repair", T0 + 6 * MINUTE)));
            assertThat(states.get(pumpTrip).state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        }
    }

    @Test
    void theWriterBatchesEventsAndFlushWaitsForThoseStillOnTheirWay() throws Exception {
        try (HistoryStore h = HistoryStore.open(new ProjectFolder(dir))) {
            JournalStore j = new JournalStore(h);
            List<AlarmEvent> ev = journal();
            try (JournalWriter w = new JournalWriter(j, 60_000)) {
                w.add(ev.get(0));
                w.add(ev.get(1));
                Thread late = new Thread(() -> ev.subList(2, 5).forEach(w::add));
                late.start(); // three more "still on the bus"
                w.flush(5, 10_000);
                assertThat(j.query(AlarmJournalQuery.all())).hasSize(5);
                assertThat(w.written()).isEqualTo(5);
                late.join();
                w.add(ev.get(0));
            } // close writes the rest
            assertThat(j.query(AlarmJournalQuery.all())).hasSize(6);
        }
    }
}
