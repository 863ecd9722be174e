package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.AlarmEvent;

/** Expression alarms evaluated by the formula engine inside a running engine. */
class ExpressionAlarmTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;

    @TempDir
    Path dir;

    private Engine engine;
    private final List<AlarmEvent> events = new CopyOnWriteArrayList<>();
    private final ObjectDef station = ObjectDef.create(null, "Station");
    private final ObjectDef tank = ObjectDef.create(station.id(), "Tank");
    private final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef limit = TagDef.builder(tank.id(), "Limit", ValueType.DOUBLE).build();
    private final TagDef divisor = TagDef.builder(tank.id(), "Divisor", ValueType.DOUBLE).build();
    private final TagDef mode = TagDef.builder(tank.id(), "Mode", ValueType.STRING).build();

    @BeforeEach
    void start() {
        engine = Engine.open(dir, EngineOptions.quiet()).start();
        engine.edit(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level),
                new ModelEdit.PutTag(limit), new ModelEdit.PutTag(divisor), new ModelEdit.PutTag(mode));
        engine.events().subscribe(AlarmEvent.class, events::add);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void write(TagDef t, long x, Object y, Integer q) {
        engine.write(t.id(), new Sample(x, y, q));
        engine.flush();
    }

    private AlarmState state(AlarmDef a) {
        return engine.alarms().get(a.id()).state();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void anExpressionAlarmGoesActiveAndBackToNormalWhenAnyInputChanges() throws Exception {
        // Relative paths start at the alarm tag's object, like a calculated tag's formula.
        AlarmDef over = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).name("OverLimit")
                .expression("{Level} > {Limit} and {Mode} == \"auto\"").message("Level {value} over its limit").build();
        engine.edit(new ModelEdit.PutAlarm(over));
        assertThat(engine.alarms().problem(over.id())).isNull();
        write(limit, T0, 4.0, null);
        write(mode, T0, "auto", null);
        write(level, T0 + SECOND, 4.5, null);
        await(() -> !events.isEmpty());
        assertThat(events.get(0).transition()).isEqualTo(AlarmTransition.ACTIVATED);
        assertThat(events.get(0).alarmPath()).isEqualTo("/Station/Tank/Level#OverLimit");
        assertThat(events.get(0).message()).isEqualTo("Level 4.5 over its limit");
        assertThat(state(over)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(limit, T0 + 2 * SECOND, 5.0, null); // an input that is not the alarm's own tag
        assertThat(state(over)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        engine.alarms().acknowledge(over.id(), Actor.workstation("ivanov"), null);
        assertThat(state(over)).isEqualTo(AlarmState.NORMAL);
        write(mode, T0 + 3 * SECOND, "manual", null);
        write(limit, T0 + 4 * SECOND, 1.0, null);
        assertThat(state(over)).as("the mode term keeps it normal").isEqualTo(AlarmState.NORMAL);
        write(mode, T0 + 5 * SECOND, "auto", null);
        assertThat(state(over)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        await(() -> events.size() >= 4);
        assertThat(events).extracting(AlarmEvent::transition).containsExactly(AlarmTransition.ACTIVATED,
                AlarmTransition.CLEARED, AlarmTransition.ACKNOWLEDGED, AlarmTransition.ACTIVATED);
    }

    @Test
    void aMissingOrBadInputKeepsTheState() throws Exception {
        AlarmDef over = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).expression("{Level} > {Limit}").build();
        engine.edit(new ModelEdit.PutAlarm(over));
        write(level, T0, 9.0, null);
        assertThat(state(over)).as("Limit has no value yet: cannot tell").isEqualTo(AlarmState.NORMAL);
        write(limit, T0 + SECOND, 5.0, null);
        assertThat(state(over)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(limit, T0 + 2 * SECOND, null, Quality.CONNECTION_LOST);
        write(level, T0 + 3 * SECOND, 1.0, null);
        assertThat(state(over)).as("a lost input does not clear it").isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(limit, T0 + 4 * SECOND, 5.0, null);
        assertThat(state(over)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(engine.alarms().problem(over.id())).isNull();
    }

    @Test
    void aBrokenExpressionIsRefusedWithTheAlarmPathTheFieldAndThePlace() {
        AlarmDef typo = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).expression("{Level} > {Limt}").build();
        assertThatThrownBy(() -> engine.edit(new ModelEdit.PutAlarm(typo))).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.where()).isEqualTo("/Station/Tank/Level#Expression");
            assertThat(e.field()).isEqualTo("expression");
            assertThat(e.reason()).contains("line 1, column 11").contains("Limt").contains("Limit");
        });
        AlarmDef number = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).expression("{Level} * 2").build();
        assertThatThrownBy(() -> engine.edit(new ModelEdit.PutAlarm(number))).isInstanceOf(ModelException.class)
                .hasMessageContaining("gives a number but an alarm needs a condition");
        assertThat(engine.model().alarmCount()).isZero();
        // An edit that would break an existing expression is refused too.
        AlarmDef over = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).expression("{Level} > {Limit}").build();
        engine.edit(new ModelEdit.PutAlarm(over));
        assertThatThrownBy(() -> engine.edit(new ModelEdit.DeleteTag(limit.id()))).isInstanceOf(ModelException.class)
                .hasMessageContaining("/Station/Tank/Level#Expression");
        assertThat(engine.model().tag(limit.id())).isNotNull();
    }

    @Test
    void anExpressionThatFailsWhileRunningIsReportedAndKeepsTheState() throws Exception {
        AlarmDef ratio = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).expression("{Level} / {Divisor} > 2").build();
        engine.edit(new ModelEdit.PutAlarm(ratio));
        write(divisor, T0, 2.0, null);
        write(level, T0 + SECOND, 5.0, null);
        assertThat(state(ratio)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        write(divisor, T0 + 2 * SECOND, 0.0, null);
        assertThat(state(ratio)).isEqualTo(AlarmState.UNACKNOWLEDGED);
        assertThat(engine.alarms().problem(ratio.id())).contains("division by zero");
        assertThat(engine.alarms().problems()).containsOnlyKeys(ratio.id());
        write(divisor, T0 + 3 * SECOND, 10.0, null);
        assertThat(state(ratio)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
        assertThat(engine.alarms().problem(ratio.id())).as("it works again").isNull();
    }

    @Test
    void theFormulaAdapterNamesThePlaceOfACompileError() {
        AlarmDef typo = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).expression("{Level} > {Limt}").build();
        FormulaAlarmExpressions expressions = new FormulaAlarmExpressions();
        assertThatThrownBy(() -> expressions.compile(typo.expression(), typo, engine.model()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1, column 11");
    }
}
