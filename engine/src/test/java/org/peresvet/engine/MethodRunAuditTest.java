package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;

/** A method run by a schedule or by an alarm leaves one audit record: the schedule or the alarm is the actor, the method the target. */
class MethodRunAuditTest {
    @TempDir
    Path dir;

    @Test
    void scheduleAndAlarmRunsAreRecordedOnceEach() throws Exception {
        ObjectDef pump = ObjectDef.create(null, "Pump");
        TagDef level = TagDef.builder(pump.id(), "Level", ValueType.DOUBLE).build();
        TagDef out = TagDef.builder(pump.id(), "Out", ValueType.DOUBLE).build();
        TagDef alarmOut = TagDef.builder(pump.id(), "AlarmOut", ValueType.DOUBLE).build();
        AlarmDef hi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(5.0).build();
        ScheduleDef tick = ScheduleDef.interval("tick", 1, ScheduleDef.Unit.SECONDS);
        MethodDef byClock = MethodDef.write("Sample", pump.id(), "Out", "1", List.of(MethodDef.Initiator.schedule(tick.id())));
        MethodDef byAlarm = MethodDef.write("Trip", pump.id(), "AlarmOut", "2", List.of(MethodDef.Initiator.event("AlarmEvent", null)));
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutTag(level), new ModelEdit.PutTag(out), new ModelEdit.PutTag(alarmOut),
                    new ModelEdit.PutAlarm(hi), new ModelEdit.PutSchedule(tick), new ModelEdit.PutMethod(byClock),
                    new ModelEdit.PutMethod(byAlarm));
            Supplier<List<AuditRecord>> runs = () -> e.security().audit(new AuditQuery(null, null, null, "method.run", null, 100));
            await(() -> runs.get().stream().anyMatch(r -> r.entry().target().equals("/Pump/Sample")));
            AuditRecord clock = runs.get().stream().filter(r -> r.entry().target().equals("/Pump/Sample")).findFirst().orElseThrow();
            assertThat(clock.entry().actor()).isEqualTo("schedule tick");
            assertThat(clock.entry().origin()).isEqualTo("schedule");
            assertThat(clock.entry().result()).isEqualTo("ok");

            e.write(level.id(), 9.0); // HI: the alarm's transition runs Trip once
            await(() -> runs.get().stream().anyMatch(r -> r.entry().target().equals("/Pump/Trip")));
            e.flush();
            e.security().audit(AuditQuery.last(1)); // the trail flushed
            List<AuditRecord> trips = runs.get().stream().filter(r -> r.entry().target().equals("/Pump/Trip")).toList();
            assertThat(trips).hasSize(1);
            assertThat(trips.get(0).entry().actor()).isEqualTo("alarm");
            assertThat(trips.get(0).entry().newValue()).isEqualTo("2.0");
            assertThat(e.security().verifyAudit().intact()).isTrue();
        }
    }

    private static void await(Supplier<Boolean> c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.get()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
