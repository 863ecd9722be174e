package org.peresvet.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ScheduleDef;
import org.peresvet.runtime.ScheduleTick;

/** Interval and cron schedules with a fake clock, across a restart. */
class ScheduleRunnerTest {
    private static final long S = Micros.PER_SECOND;
    private static final long T0 = Micros.of(ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, ZoneOffset.UTC).toInstant());

    /** A run store kept in memory: it outlives a runner, like the project file. */
    private final Map<UUID, Long> saved = new HashMap<>();
    private final ScheduleRunner.RunStore store = new ScheduleRunner.RunStore() {
        @Override
        public Map<UUID, Long> load() {
            return new HashMap<>(saved);
        }

        @Override
        public void save(UUID scheduleId, long lastFire) {
            saved.put(scheduleId, lastFire);
        }
    };
    private final List<ScheduleTick> published = new ArrayList<>();

    private ScheduleRunner runner(ScheduleDef... defs) {
        ModelSnapshot m = ModelSnapshot.empty().apply(java.util.Arrays.stream(defs)
                .map(d -> (ModelEdit) new ModelEdit.PutSchedule(d)).toList()).snapshot();
        ScheduleRunner r = new ScheduleRunner(published::add, store, () -> 0, ZoneOffset.UTC);
        r.update(m);
        return r;
    }

    private static List<Long> times(List<ScheduleTick> ticks) {
        return ticks.stream().map(ScheduleTick::time).toList();
    }

    @Test
    void intervalSchedulesTickFromTheirStartUntilTheirEnd() {
        ScheduleDef every10 = ScheduleDef.interval("every10", 10, ScheduleDef.Unit.SECONDS).withStart(T0 + 3 * S).withEnd(T0 + 33 * S);
        ScheduleRunner r = runner(every10);
        assertThat(r.poll(T0)).isEmpty();
        assertThat(r.nextTick(every10.id())).isEqualTo(T0 + 3 * S);
        assertThat(times(r.poll(T0 + 3 * S))).containsExactly(T0 + 3 * S);
        assertThat(r.poll(T0 + 12 * S)).isEmpty();
        assertThat(times(r.poll(T0 + 13 * S + 50_000))).containsExactly(T0 + 13 * S);
        assertThat(times(r.poll(T0 + 23 * S))).containsExactly(T0 + 23 * S);
        assertThat(times(r.poll(T0 + 40 * S))).containsExactly(T0 + 33 * S); // the end is inclusive
        assertThat(r.poll(T0 + 100 * S)).isEmpty();
        assertThat(r.nextTick(every10.id())).isNull();
        assertThat(published).hasSize(4);
    }

    @Test
    void withoutAStartTicksAreAlignedToTheClock() {
        ScheduleDef hourly = ScheduleDef.interval("hourly", 1, ScheduleDef.Unit.HOURS);
        ScheduleRunner r = runner(hourly);
        r.poll(T0 + 10 * S);
        assertThat(r.nextTick(hourly.id())).isEqualTo(T0 + 3600 * S);
    }

    @Test
    void dailySchedulesKeepTheirLocalTimeAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        long start = Micros.of(ZonedDateTime.of(2026, 3, 27, 4, 30, 0, 0, berlin).toInstant());
        ScheduleDef daily = ScheduleDef.interval("daily", 1, ScheduleDef.Unit.DAYS).withStart(start).withZone("Europe/Berlin");
        ScheduleRunner r = runner(daily);
        r.poll(start + S); // arms after the first tick
        long next = r.nextTick(daily.id());
        assertThat(Micros.toInstant(next).atZone(berlin).toLocalDateTime().toString()).isEqualTo("2026-03-28T04:30");
        r.poll(next);
        long after = r.nextTick(daily.id());
        // Clocks go forward on 29 March: 04:30 local again, only 23 hours later.
        assertThat(Micros.toInstant(after).atZone(berlin).toLocalDateTime().toString()).isEqualTo("2026-03-29T04:30");
        assertThat(after - next).isEqualTo(23 * 3600 * S);
    }

    @Test
    void cronSchedulesFollowTheirExpression() {
        ScheduleDef quarter = ScheduleDef.cron("quarter", "*/15 * * * *");
        ScheduleDef seconds = ScheduleDef.cron("seconds", "*/20 * * * * *");
        ScheduleRunner r = runner(quarter, seconds);
        r.poll(T0 + 1);
        assertThat(r.nextTick(quarter.id())).isEqualTo(T0 + 15 * 60 * S);
        assertThat(r.nextTick(seconds.id())).isEqualTo(T0 + 20 * S);
        List<ScheduleTick> ticks = r.poll(T0 + 15 * 60 * S);
        assertThat(ticks).extracting(ScheduleTick::name).contains("quarter", "seconds");
        ScheduleDef nightly = ScheduleDef.cron("nightly", "0 2 * * *");
        ScheduleRunner n = runner(nightly);
        n.poll(T0);
        assertThat(n.nextTick(nightly.id())).isEqualTo(T0 + 14 * 3600 * S);
    }

    @Test
    void badCronExpressionsAreRefusedWhenSaved() {
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutSchedule(ScheduleDef.cron("bad", "61 * * * *")))))
                .isInstanceOf(ModelException.class).hasMessageContaining("schedule bad: cron: invalid cron expression '61 * * * *'");
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutSchedule(
                ScheduleDef.interval("zero", 0, ScheduleDef.Unit.MINUTES))))).hasMessageContaining("every: must be a positive number");
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutSchedule(
                ScheduleDef.interval("z", 1, ScheduleDef.Unit.MINUTES).withZone("Mars/Olympus"))))).hasMessageContaining("unknown time zone");
    }

    @Test
    void afterARestartMissedTicksAreSkippedOrRunOnceAndNeverRepeated() {
        ScheduleDef skip = ScheduleDef.interval("skip", 1, ScheduleDef.Unit.MINUTES).withStart(T0);
        ScheduleDef once = ScheduleDef.interval("once", 1, ScheduleDef.Unit.MINUTES).withStart(T0)
                .withMissed(ScheduleDef.MissedRuns.RUN_ONCE);
        ScheduleRunner first = runner(skip, once);
        assertThat(first.poll(T0)).hasSize(2);
        assertThat(first.poll(T0 + 60 * S)).hasSize(2);
        first.close();
        assertThat(saved).containsEntry(skip.id(), T0 + 60 * S).containsEntry(once.id(), T0 + 60 * S);

        // Stopped for ten minutes.
        published.clear();
        ScheduleRunner second = runner(skip, once);
        List<ScheduleTick> ticks = second.poll(T0 + 11 * 60 * S + 5 * S);
        assertThat(ticks).hasSize(1);
        assertThat(ticks.get(0).scheduleId()).isEqualTo(once.id());
        assertThat(ticks.get(0).catchUp()).isTrue();
        assertThat(ticks.get(0).time()).isEqualTo(T0 + 11 * 60 * S); // the latest missed instant
        assertThat(second.nextTick(skip.id())).isEqualTo(T0 + 12 * 60 * S);
        assertThat(second.nextTick(once.id())).isEqualTo(T0 + 12 * 60 * S);

        // Restarted again at once, at the same instant: nothing fires twice.
        ScheduleRunner third = runner(skip, once);
        assertThat(third.poll(T0 + 11 * 60 * S + 6 * S)).isEmpty();
        assertThat(times(third.poll(T0 + 12 * 60 * S))).hasSize(2).containsOnly(T0 + 12 * 60 * S);
    }

    @Test
    void disabledSchedulesDoNotTick() {
        ScheduleDef off = ScheduleDef.interval("off", 1, ScheduleDef.Unit.SECONDS).withStart(T0).withEnabled(false);
        ScheduleRunner r = runner(off);
        assertThat(r.poll(T0 + 10 * S)).isEmpty();
    }
}
