package org.peresvet.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;

/** Health figures and CSV export from hand-made journals. */
class AlarmHealthTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private final List<AlarmJournalEntry> journal = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();

    private UUID alarm(int n) {
        while (ids.size() <= n) {
            ids.add(UUID.randomUUID());
        }
        return ids.get(n);
    }

    private void activation(int alarm, long x) {
        journal.add(new AlarmJournalEntry(x, alarm(alarm), null, "/P/T" + alarm + "#Hi", "/P", AlarmPriority.MEDIUM,
                AlarmTransition.ACTIVATED, AlarmState.UNACKNOWLEDGED, "1", null, null, "m"));
    }

    private void other(int alarm, long x) {
        journal.add(new AlarmJournalEntry(x, alarm(alarm), null, "/P/T" + alarm + "#Hi", "/P", AlarmPriority.MEDIUM,
                AlarmTransition.CLEARED, AlarmState.RETURNED_UNACKNOWLEDGED, "0", null, null, "m"));
    }

    @Test
    void ratesPerTenMinutes() {
        for (int i = 0; i < 4; i++) {
            activation(i, T0 + i * MINUTE); // 4 in the first interval
        }
        activation(0, T0 + 25 * MINUTE); // 1 in the third
        other(0, T0 + 26 * MINUTE); // not an activation
        activation(0, T0 + 31 * MINUTE); // outside the period
        AlarmHealth.Report r = AlarmHealth.compute(journal, List.of(), T0, T0 + 30 * MINUTE, T0 + 30 * MINUTE);
        assertThat(r.activations()).isEqualTo(5);
        assertThat(r.activationsPer10Minutes()).extracting(AlarmHealth.Interval::activations).containsExactly(4, 0, 1);
        assertThat(r.activationsPer10Minutes().get(1).start()).isEqualTo(T0 + 10 * MINUTE);
        assertThat(r.averagePer10Minutes()).isEqualTo(5 / 3.0);
        assertThat(r.peakPer10Minutes()).isEqualTo(4);
        assertThat(r.floods()).isEmpty();
    }

    @Test
    void floodIsMoreThanTenActivationsWithinTenMinutesAndOverlapsMerge() {
        for (int i = 0; i < 10; i++) {
            activation(i, T0 + i * 50 * SECOND); // exactly 10 within 10 minutes: not a flood
        }
        assertThat(AlarmHealth.compute(journal, List.of(), T0, T0 + 2 * HOUR, T0).floods()).isEmpty();
        journal.clear();
        // a flood of 15 in 7 minutes, straddling a fixed 10-minute boundary
        for (int i = 0; i < 15; i++) {
            activation(i, T0 + 5 * MINUTE + i * 30 * SECOND);
        }
        // a second flood an hour later: 11 within a minute
        for (int i = 0; i < 11; i++) {
            activation(i, T0 + HOUR + i * 5 * SECOND);
        }
        AlarmHealth.Report r = AlarmHealth.compute(journal, List.of(), T0, T0 + 2 * HOUR, T0);
        assertThat(r.floods()).containsExactly(
                new AlarmHealth.Flood(T0 + 5 * MINUTE, T0 + 5 * MINUTE + 14 * 30 * SECOND, 15),
                new AlarmHealth.Flood(T0 + HOUR, T0 + HOUR + 50 * SECOND, 11));
        assertThat(r.peakPer10Minutes()).isEqualTo(11);
    }

    @Test
    void chatteringIsThreeActivationsOfOneAlarmWithinAMinute() {
        activation(0, T0);
        activation(0, T0 + 20 * SECOND);
        activation(0, T0 + 59 * SECOND);
        activation(0, T0 + 10 * MINUTE);
        activation(1, T0); // three in two minutes: not chattering
        activation(1, T0 + MINUTE);
        activation(1, T0 + 2 * MINUTE);
        AlarmHealth.Report r = AlarmHealth.compute(journal, List.of(), T0, T0 + HOUR, T0 + HOUR);
        assertThat(r.chattering()).singleElement().satisfies(c -> {
            assertThat(c.alarmId()).isEqualTo(alarm(0));
            assertThat(c.maxPerMinute()).isEqualTo(3);
            assertThat(c.activations()).isEqualTo(4);
            assertThat(c.path()).isEqualTo("/P/T0#Hi");
        });
    }

    @Test
    void topTenMostFrequent() {
        for (int a = 0; a < 12; a++) {
            for (int k = 0; k <= a; k++) {
                activation(a, T0 + k * 5 * MINUTE + a * SECOND);
            }
        }
        AlarmHealth.Report r = AlarmHealth.compute(journal, List.of(), T0, T0 + 2 * HOUR, T0);
        assertThat(r.mostFrequent()).hasSize(10).extracting(AlarmHealth.Frequent::activations)
                .containsExactly(12, 11, 10, 9, 8, 7, 6, 5, 4, 3);
        assertThat(r.mostFrequent().get(0).alarmId()).isEqualTo(alarm(11));
    }

    private static AlarmView view(String path, boolean active, long since, AlarmStatus.Shelving shelving) {
        AlarmDef d = AlarmDef.builder(UUID.randomUUID(), AlarmKind.HI).limit(1.0).build();
        AlarmState s = shelving != null ? AlarmState.SHELVED : active ? AlarmState.ACKNOWLEDGED : AlarmState.NORMAL;
        return new AlarmView(d, path, new AlarmStatus(d.id(), s, active, true, false, false, since, since, null, "", null, shelving, null));
    }

    @Test
    void staleAndShelvedComeFromTheCurrentAlarms() {
        long now = T0 + 48 * HOUR;
        AlarmView stale = view("/P/A#Hi", true, now - 25 * HOUR, null);
        AlarmView recent = view("/P/B#Hi", true, now - 23 * HOUR, null);
        AlarmView shelved = view("/P/C#Hi", true, now - 30 * HOUR, new AlarmStatus.Shelving("op", "noisy", now - HOUR, now + HOUR));
        AlarmView normal = view("/P/D#Hi", false, 0, null);
        AlarmHealth.Report r = AlarmHealth.compute(List.of(), List.of(stale, recent, shelved, normal), now - HOUR, now, now);
        assertThat(r.stale()).containsExactly(shelved, stale); // oldest first; a shelved alarm can be stale too
        assertThat(r.shelved()).containsExactly(shelved);
        assertThat(r.activations()).isZero();
    }

    @Test
    void csvExportQuotesWhatNeedsIt() throws IOException {
        journal.add(new AlarmJournalEntry(T0, alarm(0), null, "/P/T#Hi", "/P", AlarmPriority.HIGH, AlarmTransition.ACKNOWLEDGED,
                AlarmState.ACKNOWLEDGED, "4.5", "ivanov", "seen, \"crew\" sent", "Level 4.5 m"));
        StringBuilder sb = new StringBuilder();
        AlarmJournalCsv.write(journal, sb);
        assertThat(sb.toString()).isEqualTo(AlarmJournalCsv.HEADER + "\r\n"
                + "2023-11-14T22:13:20Z,/P/T#Hi,/P,high,ACKNOWLEDGED,ACKNOWLEDGED,4.5,ivanov,\"seen, \"\"crew\"\" sent\",Level 4.5 m\r\n");
    }
}
