package org.peresvet.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.LoopStage;

/** The alarm stage and service over a model, with a fake clock and no engine, bus or files. */
class AlarmServiceTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;

    private long now = T0;
    private final List<AlarmEvent> events = new ArrayList<>();
    private final Map<UUID, Sample> currents = new HashMap<>();
    private final ObjectDef plant = ObjectDef.create(null, "Plant");
    private final ObjectDef tank = ObjectDef.create(plant.id(), "Tank");
    private final ObjectDef pump = ObjectDef.create(plant.id(), "Pump");
    private final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").build();
    private final TagDef flow = TagDef.builder(pump.id(), "Flow", ValueType.DOUBLE).units("m3/h").build();
    private final TagDef sp = TagDef.builder(pump.id(), "FlowSP", ValueType.DOUBLE).build();
    private final TagDef stopped = TagDef.builder(pump.id(), "Stopped", ValueType.BOOL).build();
    private final TagDef mode = TagDef.builder(pump.id(), "Mode", ValueType.STRING).build();
    private ModelSnapshot model = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(plant),
            new ModelEdit.PutObject(tank), new ModelEdit.PutObject(pump), new ModelEdit.PutTag(level),
            new ModelEdit.PutTag(flow), new ModelEdit.PutTag(sp), new ModelEdit.PutTag(stopped),
            new ModelEdit.PutTag(mode))).snapshot();
    private final Function<Runnable, CompletableFuture<Void>> inline = r -> {
        try {
            r.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    };
    private final Alarms alarms = new Alarms(events::add, () -> model, currents::get, inline, () -> now);
    private final LoopStage stage = alarms.stage();

    private AlarmDef define(AlarmDef a) {
        edit(new ModelEdit.PutAlarm(a));
        return a;
    }

    private void edit(ModelEdit... e) {
        model = model.apply(List.of(e)).snapshot();
        stage.modelChanged(model);
    }

    private void write(TagDef t, Object y) {
        write(t, y, null);
    }

    private void write(TagDef t, Object y, Integer q) {
        Sample s = new Sample(now, y, q);
        currents.put(t.id(), s);
        stage.process(List.of(new TagSample(t.id(), s)));
    }

    private void advance(long micros) {
        now += micros;
        stage.tick(now);
    }

    private List<AlarmTransition> transitions() {
        return events.stream().map(AlarmEvent::transition).toList();
    }

    private AlarmState state(AlarmDef a) {
        return alarms.get(a.id()).state();
    }

    @Test
    void limitAlarmWithDeadbandMessageAndAcknowledge() {
        AlarmDef hi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).deadband(5).priority(AlarmPriority.HIGH)
                .message("Level {value} {units} above {limit} at {path}").build());
        write(level, 79.0);
        assertThat(events).isEmpty();
        advance(SECOND);
        write(level, 81.5);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.ACTIVATED);
            assertThat(e.from()).isEqualTo(AlarmState.NORMAL);
            assertThat(e.state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
            assertThat(e.time()).isEqualTo(T0 + SECOND);
            assertThat(e.alarmPath()).isEqualTo("/Plant/Tank/Level#Hi");
            assertThat(e.objectPath()).isEqualTo("/Plant/Tank");
            assertThat(e.priority()).isEqualTo(AlarmPriority.HIGH);
            assertThat(e.value()).isEqualTo(81.5);
            assertThat(e.message()).isEqualTo("Level 81.5 m above 80 at /Plant/Tank/Level");
            assertThat(e.annunciated()).isTrue();
        });
        write(level, 76.0); // inside the deadband: still active
        assertThat(events).hasSize(1);
        write(level, 74.0);
        assertThat(state(hi)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(alarms.acknowledge(hi.id(), "ivanov", "level sensor checked")).isTrue();
        assertThat(alarms.acknowledge(hi.id(), "ivanov", null)).isFalse();
        assertThat(transitions()).containsExactly(AlarmTransition.ACTIVATED, AlarmTransition.CLEARED, AlarmTransition.ACKNOWLEDGED);
        assertThat(events.get(2).user()).isEqualTo("ivanov");
        assertThat(events.get(2).comment()).isEqualTo("level sensor checked");
        assertThat(alarms.active()).isEmpty();
        assertThat(alarms.get(hi.id()).message()).isEqualTo("Level 81.5 m above 80 at /Plant/Tank/Level");
    }

    @Test
    void lowLimitsAndHighHighTogether() {
        AlarmDef lo = define(AlarmDef.builder(level.id(), AlarmKind.LO).limit(20.0).build());
        AlarmDef lolo = define(AlarmDef.builder(level.id(), AlarmKind.LOLO).limit(10.0).build());
        AlarmDef hihi = define(AlarmDef.builder(level.id(), AlarmKind.HIHI).limit(95.0).build());
        write(level, 15.0);
        write(level, 5.0);
        assertThat(state(lo)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(state(lolo)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(state(hihi)).isEqualTo(AlarmState.NORMAL);
        assertThat(alarms.active()).extracting(AlarmView::path).containsExactly("/Plant/Tank/Level#LoLo", "/Plant/Tank/Level#Lo");
    }

    @Test
    void onAndOffDelaysRunOnTheLoopTimer() {
        AlarmDef hi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).onDelayMillis(2000).offDelayMillis(5000).build());
        write(level, 90.0);
        advance(SECOND);
        assertThat(events).isEmpty();
        advance(SECOND);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.time()).isEqualTo(T0 + 2 * SECOND));
        write(level, 50.0);
        advance(4 * SECOND);
        assertThat(state(hi)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        advance(SECOND);
        assertThat(state(hi)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    }

    @Test
    void suppressionByDesignFollowsItsTagAndShowsTheTrueStateWhenLifted() {
        AlarmDef low = define(AlarmDef.builder(flow.id(), AlarmKind.LO).limit(10.0).suppressionTagId(stopped.id()).build());
        write(stopped, true);
        assertThat(state(low)).isEqualTo(AlarmState.SUPPRESSED);
        write(flow, 0.0);
        AlarmEvent act = events.get(events.size() - 1);
        assertThat(act.transition()).isEqualTo(AlarmTransition.ACTIVATED);
        assertThat(act.state()).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(act.annunciated()).isFalse();
        write(stopped, false); // started, flow still low: a real alarm, at once
        assertThat(state(low)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(transitions()).containsExactly(AlarmTransition.SUPPRESSED, AlarmTransition.ACTIVATED, AlarmTransition.UNSUPPRESSED);
    }

    @Test
    void aNewAlarmLooksAtTheCurrentValuesOfItsTagAndItsSuppressionTag() {
        write(stopped, true);
        write(flow, 0.0);
        AlarmDef low = define(AlarmDef.builder(flow.id(), AlarmKind.LO).limit(10.0).suppressionTagId(stopped.id()).build());
        assertThat(state(low)).isEqualTo(AlarmState.SUPPRESSED);
        assertThat(alarms.get(low.id()).status().active()).isTrue();
    }

    @Test
    void deviationIsEvaluatedAgainWhenTheSetpointMoves() {
        AlarmDef dev = define(AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(5.0).setpointTagId(sp.id()).build());
        write(sp, 50.0);
        write(flow, 52.0);
        assertThat(events).isEmpty();
        write(sp, 40.0);
        assertThat(state(dev)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(flow, 43.0);
        assertThat(state(dev)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    }

    @Test
    void rateOfChangeBetweenConsecutiveSamples() {
        AlarmDef rate = define(AlarmDef.builder(level.id(), AlarmKind.RATE).limit(2.0).build());
        write(level, 10.0);
        advance(SECOND);
        write(level, 11.0);
        assertThat(events).isEmpty();
        advance(SECOND / 2);
        write(level, 13.0); // 4 m/s
        assertThat(state(rate)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        advance(SECOND);
        write(level, 13.5);
        assertThat(state(rate)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    }

    @Test
    void discreteAndBadQualityAlarms() {
        AlarmDef fault = define(AlarmDef.builder(mode.id(), AlarmKind.DISCRETE_EQUALS).value("fault").build());
        AlarmDef notAuto = define(AlarmDef.builder(mode.id(), AlarmKind.DISCRETE_DIFFERS).value("auto").build());
        AlarmDef comms = define(AlarmDef.builder(flow.id(), AlarmKind.BAD_QUALITY).build());
        AlarmDef hi = define(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(100.0).build());
        write(mode, "auto");
        assertThat(events).isEmpty();
        write(mode, "fault");
        assertThat(state(fault)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(state(notAuto)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(flow, 120.0);
        write(flow, null, Quality.CONNECTION_LOST);
        assertThat(state(comms)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(events.get(events.size() - 1).value()).isEqualTo("connection lost");
        assertThat(state(hi)).as("a bad sample does not clear a limit alarm").isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(flow, 50.0);
        assertThat(state(comms)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(state(hi)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    }

    @Test
    void expressionAlarmsUseThePluggedInEvaluatorAndAreEvaluatedWhenAnInputChanges() {
        AlarmDef expr = AlarmDef.builder(flow.id(), AlarmKind.EXPRESSION).expression("{Flow} > {FlowSP}").build();
        define(expr);
        write(sp, 10.0);
        write(flow, 20.0);
        assertThat(events).as("no formula engine yet: not evaluated").isEmpty();
        alarms.expressions((text, alarm, m) -> {
            assertThat(text).isEqualTo("{Flow} > {FlowSP}");
            return new AlarmExpressions.Compiled() {
                @Override
                public Set<UUID> inputs() {
                    return Set.of(flow.id(), sp.id());
                }

                @Override
                public Boolean evaluate(Function<UUID, Sample> values) {
                    Sample f = values.apply(flow.id());
                    Sample s = values.apply(sp.id());
                    return f == null || s == null ? null : f.asDouble() > s.asDouble();
                }
            };
        });
        stage.modelChanged(model);
        assertThat(state(expr)).as("compiled and evaluated on the current values").isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(sp, 30.0); // an input that is not the alarm's tag
        assertThat(state(expr)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    }

    @Test
    void anExpressionThatDoesNotCompileIsReportedAndNotEvaluated() {
        AlarmDef expr = define(AlarmDef.builder(flow.id(), AlarmKind.EXPRESSION).expression("{Flow} > {FlowSP}").build());
        assertThat(alarms.problem(expr.id())).contains("no formula engine");
        alarms.expressions((text, alarm, m) -> {
            throw new IllegalArgumentException("line 1, column 9: unknown tag FlowSP");
        });
        stage.modelChanged(model);
        write(sp, 10.0);
        write(flow, 20.0);
        assertThat(events).isEmpty();
        assertThat(state(expr)).isEqualTo(AlarmState.NORMAL);
        assertThat(alarms.problems()).containsOnlyKeys(expr.id());
        assertThat(alarms.problem(expr.id())).isEqualTo("its expression cannot be evaluated: line 1, column 9: unknown tag FlowSP");
        edit(new ModelEdit.DeleteAlarm(expr.id()));
        assertThat(alarms.problems()).isEmpty();
    }

    @Test
    void olderSamplesThanTheLastSeenDoNotDriveAlarms() {
        AlarmDef hi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).build());
        now = T0 + 10 * SECOND;
        write(level, 90.0);
        stage.process(List.of(new TagSample(level.id(), Sample.of(T0, 0.0)))); // backfill
        assertThat(state(hi)).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }

    @Test
    void shelvingIsTimedWithAMaximumAndNeedsAReason() {
        AlarmDef hi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).build());
        write(level, 90.0);
        assertThatThrownBy(() -> alarms.shelve(hi.id(), "op", "", Duration.ofMinutes(5))).hasMessageContaining("reason");
        assertThatThrownBy(() -> alarms.shelve(hi.id(), "op", "noisy", Duration.ofHours(13))).hasMessageContaining("at most 720 minutes");
        alarms.shelve(hi.id(), "op", "sensor fouled", Duration.ofMinutes(30));
        assertThat(alarms.shelved()).singleElement().satisfies(v -> {
            assertThat(v.status().shelving().reason()).isEqualTo("sensor fouled");
            assertThat(v.status().shelving().until()).isEqualTo(T0 + 1800 * SECOND);
        });
        write(level, 70.0);
        write(level, 95.0); // evaluated while shelved
        advance(1799 * SECOND);
        assertThat(state(hi)).isEqualTo(AlarmState.SHELVED);
        advance(SECOND);
        assertThat(state(hi)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(transitions()).endsWith(AlarmTransition.SHELVE_EXPIRED);
        alarms.shelveOneShot(hi.id(), "op", "known, crew on the way");
        write(level, 50.0);
        assertThat(state(hi)).isEqualTo(AlarmState.NORMAL);
        assertThat(alarms.shelved()).isEmpty();
    }

    @Test
    void latchedAlarmIsResetOnlyAfterAcknowledge() {
        AlarmDef trip = define(AlarmDef.builder(level.id(), AlarmKind.HIHI).limit(95.0).latching(true).build());
        write(level, 99.0);
        write(level, 50.0);
        assertThat(state(trip)).isEqualTo(AlarmState.LATCHED);
        assertThatThrownBy(() -> alarms.reset(trip.id(), "op", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acknowledged before");
        alarms.acknowledge(trip.id(), "op", null);
        assertThat(alarms.reset(trip.id(), "op", "pump restarted")).isTrue();
        assertThat(state(trip)).isEqualTo(AlarmState.NORMAL);
    }

    @Test
    void outOfServiceAndListsBySubtree() {
        AlarmDef hi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).build());
        AlarmDef lo = define(AlarmDef.builder(flow.id(), AlarmKind.LO).limit(10.0).priority(AlarmPriority.CRITICAL).build());
        write(level, 90.0);
        write(flow, 1.0);
        assertThat(alarms.active()).extracting(AlarmView::id).containsExactly(lo.id(), hi.id()); // most urgent first
        assertThat(alarms.active(tank.id())).extracting(AlarmView::id).containsExactly(hi.id());
        assertThat(alarms.active(pump.id())).extracting(AlarmView::id).containsExactly(lo.id());
        assertThat(alarms.removeFromService(hi.id(), "tech", "transmitter replaced")).isTrue();
        assertThat(alarms.get(hi.id()).state()).isEqualTo(AlarmState.OUT_OF_SERVICE);
        assertThat(alarms.acknowledgeAll(plant.id(), "op", "shift start")).isEqualTo(2);
        assertThat(alarms.returnToService(hi.id(), "tech")).isTrue();
        assertThat(state(hi)).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThatThrownBy(() -> alarms.acknowledge(UUID.randomUUID(), "op", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alarms.acknowledge(hi.id(), " ", null)).hasMessageContaining("operator");
    }

    @Test
    void editingADefinitionKeepsTheStateAndLooksAtTheCurrentValue() {
        AlarmDef hi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).build());
        write(level, 90.0);
        alarms.acknowledge(hi.id(), "op", null);
        define(hi.toBuilder().message("changed text").build());
        assertThat(state(hi)).isEqualTo(AlarmState.ACKNOWLEDGED);
        define(hi.toBuilder().limit(95.0).build());
        assertThat(state(hi)).isEqualTo(AlarmState.NORMAL);
        // disabling and deleting take it off every list
        define(hi.toBuilder().limit(50.0).enabled(false).build());
        assertThat(alarms.get(hi.id())).isNull();
        define(hi.toBuilder().limit(50.0).build());
        assertThat(state(hi)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        edit(new ModelEdit.DeleteTag(level.id()));
        assertThat(alarms.all()).isEmpty();
    }

    @Test
    void fastAndSlowPathsGiveTheSameTransitions() {
        // Level has only limit alarms (the fast path); Flow also has a bad-quality alarm (the slow path).
        AlarmDef fastHi = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).deadband(5).onDelayMillis(1000).build());
        AlarmDef fastLo = define(AlarmDef.builder(level.id(), AlarmKind.LOLO).limit(10.0).latching(true).build());
        AlarmDef slowHi = define(AlarmDef.builder(flow.id(), AlarmKind.HI).limit(80.0).deadband(5).onDelayMillis(1000).build());
        AlarmDef slowLo = define(AlarmDef.builder(flow.id(), AlarmKind.LOLO).limit(10.0).latching(true).build());
        define(AlarmDef.builder(flow.id(), AlarmKind.BAD_QUALITY).build());
        double[] values = {50, 81, 90, 77, 74, 85, 99, 60, 5, 30, Double.NaN, 2, 50};
        for (double v : values) {
            write(level, Double.isNaN(v) ? null : v, Double.isNaN(v) ? Quality.BAD_DATA : null);
            write(flow, Double.isNaN(v) ? null : v, Double.isNaN(v) ? Quality.BAD_DATA : null);
            advance(600_000);
        }
        alarms.acknowledge(fastLo.id(), "op", null);
        alarms.acknowledge(slowLo.id(), "op", null);
        Function<AlarmDef, List<String>> trace = a -> events.stream().filter(e -> e.alarmId().equals(a.id()))
                .map(e -> e.transition() + " " + e.state() + " " + e.value() + " @" + (e.time() - T0)).toList();
        assertThat(trace.apply(fastHi)).isNotEmpty().isEqualTo(trace.apply(slowHi));
        assertThat(trace.apply(fastLo)).isNotEmpty().isEqualTo(trace.apply(slowLo));
        assertThat(trace.apply(fastLo)).last().asString().startsWith("ACKNOWLEDGED LATCHED 50.0");
    }

    @Test
    void autoAckAlarmReturnsToNormalByItself() {
        AlarmDef a = define(AlarmDef.builder(level.id(), AlarmKind.HI).limit(80.0).autoAck(true).build());
        write(level, 90.0);
        write(level, 10.0);
        assertThat(state(a)).isEqualTo(AlarmState.NORMAL);
        assertThat(alarms.active()).isEmpty();
    }
}
