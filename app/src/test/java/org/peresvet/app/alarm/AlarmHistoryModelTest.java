package org.peresvet.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmTransition;

/** The history tab's filters become a journal query; rows show newest first. */
class AlarmHistoryModelTest {
    private final AlarmHistoryModel model = new AlarmHistoryModel();

    @Test
    void filtersMakeTheQuery() {
        long now = 10_000_000_000L;
        AlarmJournalQuery q = model.query(now);
        assertThat(q.to()).isEqualTo(now);
        assertThat(q.from()).isEqualTo(now - Duration.ofDays(1).toNanos() / 1000);
        assertThat(q.priorities()).isEmpty();
        assertThat(q.states()).isEmpty();

        model.periodProperty().set(AlarmHistoryModel.Period.HOUR);
        model.minPriorityProperty().set(AlarmPriority.HIGH);
        model.stateProperty().set(AlarmState.ACKNOWLEDGED);
        q = model.query(now);
        assertThat(q.from()).isEqualTo(now - 3_600_000_000L);
        assertThat(q.priorities()).containsExactlyInAnyOrder(AlarmPriority.CRITICAL, AlarmPriority.HIGH);
        assertThat(q.states()).containsExactly(AlarmState.ACKNOWLEDGED);
        assertThat(q.limit()).isEqualTo(AlarmHistoryModel.MAX_ROWS + 1);
    }

    @Test
    void rowsNewestFirstAndTooManyAreSaid() {
        List<AlarmJournalEntry> read = new ArrayList<>();
        for (int i = 0; i <= AlarmHistoryModel.MAX_ROWS; i++) {
            read.add(new AlarmJournalEntry(i, UUID.randomUUID(), UUID.randomUUID(), "/A/T#Hi", "/A", AlarmPriority.LOW,
                    AlarmTransition.ACTIVATED, AlarmState.UNACKNOWLEDGED, "1", null, null, "m"));
        }
        model.show(read.subList(0, 3));
        assertThat(model.rows()).extracting(AlarmJournalEntry::time).containsExactly(2L, 1L, 0L);
        assertThat(model.truncatedProperty().get()).isFalse();
        model.show(read);
        assertThat(model.rows()).hasSize(AlarmHistoryModel.MAX_ROWS);
        assertThat(model.truncatedProperty().get()).isTrue();
    }

    @Test
    void shelveLengthsStopAtTheEnginesLongest() {
        assertThat(ShelveChoice.offered(Duration.ofHours(2))).extracting(ShelveChoice::duration)
                .containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), null);
        assertThat(ShelveChoice.offered(Duration.ofMinutes(45))).extracting(ShelveChoice::duration)
                .containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(45), null);
        assertThat(ShelveChoice.offered(Duration.ofMinutes(5)).get(0).toString()).isEqualTo("5 minutes");
        assertThat(new ShelveChoice(Duration.ofHours(1)).toString()).isEqualTo("1 hour");
    }
}
