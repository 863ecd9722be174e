package org.peresvet.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;

/** The alarm list's view model, without the toolkit. */
class AlarmListModelTest {
    private final Alarms4Test p = new Alarms4Test();
    private final AlarmListModel model = new AlarmListModel();

    @Test
    void sortsByPriorityThenNewestFirstAndCountsUnacknowledged() {
        model.update(List.of(
                p.view(p.currentHi, AlarmState.UNACKNOWLEDGED, 300),
                p.view(p.levelHi, AlarmState.ACKNOWLEDGED, 100),
                p.view(p.levelHiHi, AlarmState.RETURNED_UNACKNOWLEDGED, 200)), p.model);

        assertThat(model.rows()).extracting(AlarmRow::alarm).containsExactly("HiHi", "Hi", "Hi");
        assertThat(model.rows()).extracting(AlarmRow::priority)
                .containsExactly(AlarmPriority.CRITICAL, AlarmPriority.HIGH, AlarmPriority.LOW);
        assertThat(model.rows().get(0).objectPath()).isEqualTo("/Plant/Tank/Level");
        assertThat(model.rows().get(0).value()).isEqualTo("4.9 m");
        assertThat(model.unacknowledgedProperty().get()).isEqualTo(2);
        assertThat(model.mostImportantProperty().get().id()).isEqualTo(p.levelHiHi.id());
        assertThat(model.visibleUnacknowledged()).containsExactly(p.levelHiHi.id(), p.currentHi.id());
        assertThat(model.marksByTag()).as("the object view's alarm column: the tag's most urgent alarm")
                .containsEntry(p.level.id(), "\u25A0 HiHi ! Cleared, unack").containsEntry(p.current.id(), "\u25CF Hi ! Unack");
    }

    @Test
    void sameAlarmsSameStateChangeNothing() {
        model.update(List.of(p.view(p.levelHi, AlarmState.UNACKNOWLEDGED, 100)), p.model);
        int[] changes = {0};
        model.rows().addListener((javafx.collections.ListChangeListener<AlarmRow>) c -> changes[0]++);
        model.update(List.of(p.view(p.levelHi, AlarmState.UNACKNOWLEDGED, 100)), p.model);
        assertThat(changes[0]).as("a refresh without news redraws nothing").isZero();
        model.update(List.of(p.view(p.levelHi, AlarmState.ACKNOWLEDGED, 100)), p.model);
        assertThat(changes[0]).isEqualTo(1);
        assertThat(model.unacknowledgedProperty().get()).isZero();
        assertThat(model.mostImportantProperty().get()).isNull();
    }

    @Test
    void filtersByPrioritySubtreeAndMasks() {
        model.update(List.of(
                p.view(p.currentHi, AlarmState.UNACKNOWLEDGED, 300),
                p.view(p.levelHi, AlarmState.SHELVED, 100),
                p.view(p.levelHiHi, AlarmState.ACKNOWLEDGED, 200)), p.model);
        assertThat(model.rows()).as("shelved alarms leave the list by default").hasSize(2);
        model.showMaskedProperty().set(true);
        assertThat(model.rows()).hasSize(3);

        model.minPriorityProperty().set(AlarmPriority.HIGH);
        assertThat(model.rows()).extracting(AlarmRow::alarm).containsExactly("HiHi", "Hi");
        model.minPriorityProperty().set(null);

        assertThat(model.subtreePath("/Plant/Pump")).isNull();
        assertThat(model.rows()).extracting(AlarmRow::objectPath).containsExactly("/Plant/Pump/Current");
        assertThat(model.subtreePath()).isEqualTo("/Plant/Pump");
        assertThat(model.subtreePath("/Plant/Nowhere")).as("an unknown path is refused").isEqualTo("/Plant/Nowhere");
        assertThat(model.subtreePath()).as("and the filter stays").isEqualTo("/Plant/Pump");
        assertThat(model.subtreePath(" ")).isNull();
        assertThat(model.rows()).hasSize(3);

        // Counts and the banner ignore the filter.
        model.subtreePath("/Plant/Tank");
        assertThat(model.unacknowledgedProperty().get()).isEqualTo(1);
        assertThat(model.visibleUnacknowledged()).isEmpty();
    }

    @Test
    void rowsTellWhatOperatorsCanDo() {
        model.showMaskedProperty().set(true);
        model.update(List.of(p.view(p.levelHi, AlarmState.SHELVED, 100), p.view(p.currentHi, AlarmState.UNACKNOWLEDGED, 5)), p.model);
        AlarmRow shelved = model.rows().stream().filter(r -> r.state() == AlarmState.SHELVED).findFirst().orElseThrow();
        assertThat(shelved.shelved()).isTrue();
        assertThat(shelved.needsAck()).isFalse();
        assertThat(shelved.annunciated()).isFalse();
        AlarmRow unacked = model.rows().stream().filter(r -> r.state() == AlarmState.UNACKNOWLEDGED).findFirst().orElseThrow();
        assertThat(unacked.needsAck()).isTrue();
        assertThat(unacked.resettable()).isFalse();
    }
}
