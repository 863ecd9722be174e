package org.peresvet.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;

/** The ISA-18.2 life cycle: every state × every event, timers on a fake clock, latching, masks. */
class AlarmStateMachineTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;
    private static final long HOUR = 3600 * SECOND;

    /** The starting states of the table; the masked ones sit on an unacknowledged active alarm. */
    enum Start {
        NORMAL, UNACK, ACKED, RTN_UNACK, LATCHED, LATCHED_ACKED, SHELVED, SHELVED_ONCE, SUPPRESSED, OOS
    }

    /** Every event an alarm can get. */
    enum Event {
        ON, OFF, ACK, RESET, SHELVE, SHELVE_ONCE, UNSHELVE, EXPIRE, SUPPRESS, UNSUPPRESS, REMOVE, RETURN
    }

    /**
     * start event -> resulting state [transitions reported]. Abbreviations: UNACK, ACKED, RTN_UNACK
     * stand for UNACKNOWLEDGED, ACKNOWLEDGED, RETURNED_UNACKNOWLEDGED; OOS for OUT_OF_SERVICE.
     */
    private static final String TABLE = """
            NORMAL        ON          -> UNACK      ACTIVATED
            NORMAL        OFF         -> NORMAL
            NORMAL        ACK         -> NORMAL
            NORMAL        RESET       -> NORMAL
            NORMAL        SHELVE      -> SHELVED    SHELVED
            NORMAL        SHELVE_ONCE -> SHELVED    SHELVED
            NORMAL        UNSHELVE    -> NORMAL
            NORMAL        EXPIRE      -> NORMAL
            NORMAL        SUPPRESS    -> SUPPRESSED SUPPRESSED
            NORMAL        UNSUPPRESS  -> NORMAL
            NORMAL        REMOVE      -> OOS        REMOVED_FROM_SERVICE
            NORMAL        RETURN      -> NORMAL

            UNACK         ON          -> UNACK
            UNACK         OFF         -> RTN_UNACK  CLEARED
            UNACK         ACK         -> ACKED      ACKNOWLEDGED
            UNACK         RESET       -> UNACK
            UNACK         SHELVE      -> SHELVED    SHELVED
            UNACK         SHELVE_ONCE -> SHELVED    SHELVED
            UNACK         UNSHELVE    -> UNACK
            UNACK         EXPIRE      -> UNACK
            UNACK         SUPPRESS    -> SUPPRESSED SUPPRESSED
            UNACK         UNSUPPRESS  -> UNACK
            UNACK         REMOVE      -> OOS        REMOVED_FROM_SERVICE
            UNACK         RETURN      -> UNACK

            ACKED         ON          -> ACKED
            ACKED         OFF         -> NORMAL     CLEARED
            ACKED         ACK         -> ACKED
            ACKED         RESET       -> ACKED
            ACKED         SHELVE      -> SHELVED    SHELVED
            ACKED         SHELVE_ONCE -> SHELVED    SHELVED
            ACKED         UNSHELVE    -> ACKED
            ACKED         EXPIRE      -> ACKED
            ACKED         SUPPRESS    -> SUPPRESSED SUPPRESSED
            ACKED         UNSUPPRESS  -> ACKED
            ACKED         REMOVE      -> OOS        REMOVED_FROM_SERVICE
            ACKED         RETURN      -> ACKED

            RTN_UNACK     ON          -> UNACK      ACTIVATED
            RTN_UNACK     OFF         -> RTN_UNACK
            RTN_UNACK     ACK         -> NORMAL     ACKNOWLEDGED
            RTN_UNACK     RESET       -> RTN_UNACK
            RTN_UNACK     SHELVE      -> SHELVED    SHELVED
            RTN_UNACK     SHELVE_ONCE -> SHELVED    SHELVED
            RTN_UNACK     UNSHELVE    -> RTN_UNACK
            RTN_UNACK     EXPIRE      -> RTN_UNACK
            RTN_UNACK     SUPPRESS    -> SUPPRESSED SUPPRESSED
            RTN_UNACK     UNSUPPRESS  -> RTN_UNACK
            RTN_UNACK     REMOVE      -> OOS        REMOVED_FROM_SERVICE
            RTN_UNACK     RETURN      -> RTN_UNACK

            LATCHED       ON          -> UNACK      ACTIVATED
            LATCHED       OFF         -> LATCHED
            LATCHED       ACK         -> LATCHED    ACKNOWLEDGED
            LATCHED       RESET       -> LATCHED
            LATCHED       SHELVE      -> SHELVED    SHELVED
            LATCHED       SHELVE_ONCE -> SHELVED    SHELVED
            LATCHED       UNSHELVE    -> LATCHED
            LATCHED       EXPIRE      -> LATCHED
            LATCHED       SUPPRESS    -> SUPPRESSED SUPPRESSED
            LATCHED       UNSUPPRESS  -> LATCHED
            LATCHED       REMOVE      -> OOS        REMOVED_FROM_SERVICE
            LATCHED       RETURN      -> LATCHED

            LATCHED_ACKED ON          -> UNACK      ACTIVATED
            LATCHED_ACKED OFF         -> LATCHED
            LATCHED_ACKED ACK         -> LATCHED
            LATCHED_ACKED RESET       -> NORMAL     RESET
            LATCHED_ACKED SHELVE      -> SHELVED    SHELVED
            LATCHED_ACKED SHELVE_ONCE -> SHELVED    SHELVED
            LATCHED_ACKED UNSHELVE    -> LATCHED
            LATCHED_ACKED EXPIRE      -> LATCHED
            LATCHED_ACKED SUPPRESS    -> SUPPRESSED SUPPRESSED
            LATCHED_ACKED UNSUPPRESS  -> LATCHED
            LATCHED_ACKED REMOVE      -> OOS        REMOVED_FROM_SERVICE
            LATCHED_ACKED RETURN      -> LATCHED

            SHELVED       ON          -> SHELVED
            SHELVED       OFF         -> SHELVED    CLEARED
            SHELVED       ACK         -> SHELVED    ACKNOWLEDGED
            SHELVED       RESET       -> SHELVED
            SHELVED       SHELVE      -> SHELVED    SHELVED
            SHELVED       SHELVE_ONCE -> SHELVED    SHELVED
            SHELVED       UNSHELVE    -> UNACK      UNSHELVED
            SHELVED       EXPIRE      -> UNACK      SHELVE_EXPIRED
            SHELVED       SUPPRESS    -> SHELVED    SUPPRESSED
            SHELVED       UNSUPPRESS  -> SHELVED
            SHELVED       REMOVE      -> OOS        REMOVED_FROM_SERVICE
            SHELVED       RETURN      -> SHELVED

            SHELVED_ONCE  ON          -> SHELVED
            SHELVED_ONCE  OFF         -> NORMAL     CLEARED UNSHELVED
            SHELVED_ONCE  ACK         -> SHELVED    ACKNOWLEDGED
            SHELVED_ONCE  RESET       -> SHELVED
            SHELVED_ONCE  SHELVE      -> SHELVED    SHELVED
            SHELVED_ONCE  SHELVE_ONCE -> SHELVED    SHELVED
            SHELVED_ONCE  UNSHELVE    -> UNACK      UNSHELVED
            SHELVED_ONCE  EXPIRE      -> SHELVED
            SHELVED_ONCE  SUPPRESS    -> SHELVED    SUPPRESSED
            SHELVED_ONCE  UNSUPPRESS  -> SHELVED
            SHELVED_ONCE  REMOVE      -> OOS        REMOVED_FROM_SERVICE
            SHELVED_ONCE  RETURN      -> SHELVED

            SUPPRESSED    ON          -> SUPPRESSED
            SUPPRESSED    OFF         -> SUPPRESSED CLEARED
            SUPPRESSED    ACK         -> SUPPRESSED ACKNOWLEDGED
            SUPPRESSED    RESET       -> SUPPRESSED
            SUPPRESSED    SHELVE      -> SHELVED    SHELVED
            SUPPRESSED    SHELVE_ONCE -> SHELVED    SHELVED
            SUPPRESSED    UNSHELVE    -> SUPPRESSED
            SUPPRESSED    EXPIRE      -> SUPPRESSED
            SUPPRESSED    SUPPRESS    -> SUPPRESSED
            SUPPRESSED    UNSUPPRESS  -> UNACK      UNSUPPRESSED
            SUPPRESSED    REMOVE      -> OOS        REMOVED_FROM_SERVICE
            SUPPRESSED    RETURN      -> SUPPRESSED

            OOS           ON          -> OOS
            OOS           OFF         -> OOS        CLEARED
            OOS           ACK         -> OOS        ACKNOWLEDGED
            OOS           RESET       -> OOS
            OOS           SHELVE      -> OOS        SHELVED
            OOS           SHELVE_ONCE -> OOS        SHELVED
            OOS           UNSHELVE    -> OOS
            OOS           EXPIRE      -> OOS
            OOS           SUPPRESS    -> OOS        SUPPRESSED
            OOS           UNSUPPRESS  -> OOS
            OOS           REMOVE      -> OOS
            OOS           RETURN      -> UNACK      RETURNED_TO_SERVICE
            """;

    private final List<AlarmStateMachine.Change> changes = new ArrayList<>();

    private AlarmStateMachine machine(AlarmStateMachine.Options options) {
        return new AlarmStateMachine(options, changes::add);
    }

    private static AlarmState state(String abbreviation) {
        return switch (abbreviation) {
            case "UNACK" -> AlarmState.UNACKNOWLEDGED;
            case "ACKED" -> AlarmState.ACKNOWLEDGED;
            case "RTN_UNACK" -> AlarmState.RETURNED_UNACKNOWLEDGED;
            case "OOS" -> AlarmState.OUT_OF_SERVICE;
            default -> AlarmState.valueOf(abbreviation);
        };
    }

    record Row(Start start, Event event, AlarmState expected, List<AlarmTransition> transitions) {
        @Override
        public String toString() {
            return start + " × " + event + " → " + expected + " " + transitions;
        }
    }

    static Stream<Row> table() {
        return TABLE.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> {
            String[] w = l.split("\\s+");
            assertThat(w[2]).isEqualTo("->");
            List<AlarmTransition> ts = Arrays.stream(w, 4, w.length).map(AlarmTransition::valueOf).toList();
            return new Row(Start.valueOf(w[0]), Event.valueOf(w[1]), state(w[3]), ts);
        });
    }

    @Test
    void theTableCoversEveryStateTimesEveryEventOnce() {
        Set<String> seen = new HashSet<>();
        table().forEach(r -> assertThat(seen.add(r.start() + "/" + r.event())).as("duplicate row %s", r).isTrue());
        assertThat(seen).hasSize(Start.values().length * Event.values().length);
        // every ISA-18.2 state is reached by some row
        Set<AlarmState> reached = EnumSet.noneOf(AlarmState.class);
        table().forEach(r -> reached.add(r.expected()));
        assertThat(reached).containsExactlyInAnyOrder(AlarmState.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void transitionTable(Row row) {
        AlarmStateMachine m = machine(row.start() == Start.LATCHED || row.start() == Start.LATCHED_ACKED
                ? new AlarmStateMachine.Options(0, 0, true, false) : AlarmStateMachine.Options.NONE);
        long t = T0;
        switch (row.start()) {
            case NORMAL -> { }
            case UNACK -> m.evaluate(true, 5.0, t);
            case ACKED -> {
                m.evaluate(true, 5.0, t);
                m.acknowledge("op", null, t);
            }
            case RTN_UNACK, LATCHED -> {
                m.evaluate(true, 5.0, t);
                m.evaluate(false, 1.0, t);
            }
            case LATCHED_ACKED -> {
                m.evaluate(true, 5.0, t);
                m.evaluate(false, 1.0, t);
                m.acknowledge("op", null, t);
            }
            case SHELVED -> {
                m.evaluate(true, 5.0, t);
                m.shelve("op", "chattering", t + HOUR, t);
            }
            case SHELVED_ONCE -> {
                m.evaluate(true, 5.0, t);
                m.shelveOneShot("op", "known fault", t);
            }
            case SUPPRESSED -> {
                m.evaluate(true, 5.0, t);
                m.suppress(true, t);
            }
            case OOS -> {
                m.evaluate(true, 5.0, t);
                m.removeFromService("tech", "sensor replaced", t);
            }
        }
        AlarmState before = m.state();
        changes.clear();
        long now = t + SECOND;
        switch (row.event()) {
            case ON -> m.evaluate(true, 6.0, now);
            case OFF -> m.evaluate(false, 0.5, now);
            case ACK -> m.acknowledge("op", "seen", now);
            case RESET -> m.reset("op", null, now);
            case SHELVE -> m.shelve("op", "again", now + HOUR, now);
            case SHELVE_ONCE -> m.shelveOneShot("op", "once", now);
            case UNSHELVE -> m.unshelve("op", now);
            case EXPIRE -> m.tick(t + 2 * HOUR);
            case SUPPRESS -> m.suppress(true, now);
            case UNSUPPRESS -> m.suppress(false, now);
            case REMOVE -> m.removeFromService("tech", "maintenance", now);
            case RETURN -> m.returnToService("tech", now);
        }
        assertThat(m.state()).isEqualTo(row.expected());
        assertThat(changes).extracting(AlarmStateMachine.Change::transition).containsExactlyElementsOf(row.transitions());
        // reported changes chain from the state before to the state after
        AlarmState cur = before;
        for (AlarmStateMachine.Change c : changes) {
            assertThat(c.from()).isEqualTo(cur);
            cur = c.to();
        }
        assertThat(cur).isEqualTo(m.state());
    }

    @Test
    void onDelayActivatesOnlyWhenTheConditionHeldLongEnough() {
        AlarmStateMachine m = machine(new AlarmStateMachine.Options(5 * SECOND, 0, false, false));
        m.evaluate(true, 9.0, T0);
        m.tick(T0 + 4 * SECOND);
        assertThat(m.state()).isEqualTo(AlarmState.NORMAL);
        m.evaluate(false, 1.0, T0 + 4 * SECOND + 500_000); // a blip back: the delay starts again
        m.evaluate(true, 9.5, T0 + 6 * SECOND);
        m.tick(T0 + 10 * SECOND);
        assertThat(m.state()).isEqualTo(AlarmState.NORMAL);
        assertThat(m.nextDeadline()).isEqualTo(T0 + 11 * SECOND);
        m.tick(T0 + 11 * SECOND);
        assertThat(m.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.transition()).isEqualTo(AlarmTransition.ACTIVATED);
            assertThat(c.time()).isEqualTo(T0 + 11 * SECOND);
            assertThat(c.value()).isEqualTo(9.5);
        });
        assertThat(m.status(UUID.randomUUID(), "").activeSince()).isEqualTo(T0 + 11 * SECOND);
    }

    @Test
    void aSampleAfterTheDelayActivatesWithoutWaitingForTheTimer() {
        AlarmStateMachine m = machine(new AlarmStateMachine.Options(5 * SECOND, 0, false, false));
        m.evaluate(true, 9.0, T0);
        m.evaluate(true, 9.1, T0 + 5 * SECOND);
        assertThat(m.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }

    @Test
    void offDelayKeepsTheAlarmActiveThroughShortReturns() {
        AlarmStateMachine m = machine(new AlarmStateMachine.Options(0, 3 * SECOND, false, false));
        m.evaluate(true, 9.0, T0);
        m.evaluate(false, 1.0, T0 + SECOND);
        m.tick(T0 + 3 * SECOND);
        m.evaluate(true, 9.0, T0 + 3 * SECOND); // back before the off-delay ran out: still the same activation
        m.evaluate(false, 1.0, T0 + 5 * SECOND);
        m.tick(T0 + 7 * SECOND);
        assertThat(m.isActive()).isTrue();
        m.tick(T0 + 8 * SECOND);
        assertThat(m.state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(changes).extracting(AlarmStateMachine.Change::transition)
                .containsExactly(AlarmTransition.ACTIVATED, AlarmTransition.CLEARED);
        assertThat(changes.get(1).time()).isEqualTo(T0 + 8 * SECOND);
    }

    @Test
    void timedShelvingExpiresOnTheClockAndShowsTheTrueState() {
        AlarmStateMachine m = machine(AlarmStateMachine.Options.NONE);
        m.shelve("op", "chattering switch", T0 + 2 * HOUR, T0);
        m.evaluate(true, 1, T0 + HOUR); // evaluated while shelved
        assertThat(m.state()).isEqualTo(AlarmState.SHELVED);
        assertThat(m.processState()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        m.tick(T0 + 2 * HOUR - 1);
        assertThat(m.state()).isEqualTo(AlarmState.SHELVED);
        assertThat(m.nextDeadline()).isEqualTo(T0 + 2 * HOUR);
        m.tick(T0 + 2 * HOUR);
        assertThat(m.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(changes).extracting(AlarmStateMachine.Change::transition).containsExactly(
                AlarmTransition.SHELVED, AlarmTransition.ACTIVATED, AlarmTransition.SHELVE_EXPIRED);
        assertThat(m.shelving()).isNull();
    }

    @Test
    void shelvingMustEndInTheFuture() {
        AlarmStateMachine m = machine(AlarmStateMachine.Options.NONE);
        assertThatThrownBy(() -> m.shelve("op", "x", T0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(changes).isEmpty();
    }

    @Test
    void aReturnToNormalWhileMaskedNeedsNoAcknowledgementAndDoesNotLatch() {
        AlarmStateMachine m = machine(new AlarmStateMachine.Options(0, 0, true, false));
        m.suppress(true, T0);
        m.evaluate(true, 1, T0 + 1);
        m.evaluate(false, 0, T0 + 2);
        m.suppress(false, T0 + 3);
        assertThat(m.state()).isEqualTo(AlarmState.NORMAL);
    }

    @Test
    void latchedAlarmNeedsAcknowledgeThenReset() {
        AlarmStateMachine m = machine(new AlarmStateMachine.Options(0, 0, true, false));
        m.evaluate(true, 1, T0);
        assertThat(m.reset("op", null, T0 + 1)).as("still active: nothing to reset").isFalse();
        m.evaluate(false, 0, T0 + 2);
        assertThat(m.state()).isEqualTo(AlarmState.LATCHED);
        assertThat(m.reset("op", null, T0 + 3)).as("not acknowledged yet").isFalse();
        assertThat(m.acknowledge("op", "checked the trip", T0 + 4)).isTrue();
        assertThat(m.state()).isEqualTo(AlarmState.LATCHED);
        assertThat(m.reset("op", "restarted", T0 + 5)).isTrue();
        assertThat(m.state()).isEqualTo(AlarmState.NORMAL);
        assertThat(changes).extracting(AlarmStateMachine.Change::transition).containsExactly(AlarmTransition.ACTIVATED,
                AlarmTransition.CLEARED, AlarmTransition.ACKNOWLEDGED, AlarmTransition.RESET);
        assertThat(changes.get(3).user()).isEqualTo("op");
        assertThat(changes.get(3).comment()).isEqualTo("restarted");
    }

    @Test
    void acknowledgeWhileActiveRecordsUserTimeAndComment() {
        AlarmStateMachine m = machine(AlarmStateMachine.Options.NONE);
        m.evaluate(true, 7.5, T0);
        m.acknowledge("ivanov", "crew sent", T0 + SECOND);
        AlarmStatus s = m.status(UUID.randomUUID(), "msg");
        assertThat(s.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(s.ack()).isEqualTo(new AlarmStatus.Ack("ivanov", T0 + SECOND, "crew sent"));
        assertThat(s.value()).isEqualTo("7.5");
    }

    @Test
    void autoAckReturnsStraightToNormal() {
        AlarmStateMachine m = machine(new AlarmStateMachine.Options(0, 0, false, true));
        m.evaluate(true, 1, T0);
        assertThat(m.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        m.evaluate(false, 0, T0 + 1);
        assertThat(m.state()).isEqualTo(AlarmState.NORMAL);
        assertThat(m.status(UUID.randomUUID(), "").ack().user()).isEqualTo(AlarmStateMachine.AUTO_USER);
    }

    @Test
    void suppressionByDesignHidesButKeepsEvaluating() {
        AlarmStateMachine m = machine(AlarmStateMachine.Options.NONE);
        m.suppress(true, T0); // pump stopped
        m.evaluate(true, 0.0, T0 + 1); // low flow: expected while stopped
        assertThat(m.state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(m.isActive()).isTrue();
        m.suppress(false, T0 + 2); // pump started, flow still low: a real alarm
        assertThat(m.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }

    @Test
    void outOfServiceWinsOverShelvingWhichWinsOverSuppression() {
        AlarmStateMachine m = machine(AlarmStateMachine.Options.NONE);
        m.suppress(true, T0);
        m.shelve("op", "r", T0 + HOUR, T0);
        m.removeFromService("tech", "r", T0);
        assertThat(m.state()).isEqualTo(AlarmState.OUT_OF_SERVICE);
        m.returnToService("tech", T0);
        assertThat(m.state()).isEqualTo(AlarmState.SHELVED);
        m.unshelve("op", T0);
        assertThat(m.state()).isEqualTo(AlarmState.SUPPRESSED);
    }

    @Test
    void restoreTakesOverAPersistedStateWithoutReportingAnything() {
        AlarmStateMachine a = machine(new AlarmStateMachine.Options(0, 0, true, false));
        a.evaluate(true, 3, T0);
        a.acknowledge("op", null, T0 + 1);
        a.shelve("op", "r", T0 + HOUR, T0 + 2);
        UUID id = UUID.randomUUID();
        AlarmStatus saved = a.status(id, "m");
        changes.clear();
        AlarmStateMachine b = machine(new AlarmStateMachine.Options(0, 0, true, false));
        b.restore(saved);
        assertThat(b.status(id, "m")).isEqualTo(saved);
        assertThat(changes).isEmpty();
        b.unshelve("op", T0 + 3);
        b.evaluate(false, 0, T0 + 4);
        assertThat(b.state()).isEqualTo(AlarmState.LATCHED);
    }
}
