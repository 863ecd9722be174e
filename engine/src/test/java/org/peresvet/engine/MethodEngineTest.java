package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.method.MethodResult;
import org.peresvet.model.Actor;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectJson;

/** Methods and schedules in a running engine, and their persistence. */
class MethodEngineTest {
    @TempDir
    Path dir;

    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final TagDef level = TagDef.builder(pump.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef doubled = TagDef.builder(pump.id(), "Doubled", ValueType.DOUBLE).formula("{Level} * 2").build();
    private final TagDef stop = TagDef.builder(pump.id(), "Stop", ValueType.BOOL).build();
    private final ScheduleDef nightly = ScheduleDef.cron("nightly", "0 2 * * *").withMissed(ScheduleDef.MissedRuns.RUN_ONCE);
    private final TagDef snapshot = TagDef.builder(pump.id(), "AtTwo", ValueType.DOUBLE).formula("{Level}")
            .trigger(CalcTrigger.schedule(nightly.id())).build();
    /** Initiated by a calculated tag: methods see derived samples of the same round. */
    private final MethodDef guard = MethodDef.write("guard", pump.id(), "Stop", "{Doubled} > 10",
            List.of(MethodDef.Initiator.tag("Doubled", null))).withMode(MethodDef.RunMode.QUEUED, 10);

    private void build(Engine e) {
        e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutTag(level), new ModelEdit.PutTag(doubled), new ModelEdit.PutTag(stop),
                new ModelEdit.PutSchedule(nightly), new ModelEdit.PutTag(snapshot), new ModelEdit.PutMethod(guard));
    }

    @Test
    void aMethodReactsToACalculatedTagAndWritesItsTarget() throws Exception {
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            build(e);
            BlockingQueue<MethodResult> results = new LinkedBlockingQueue<>();
            e.events().subscribe(MethodResult.class, results::add);
            e.write(level.id(), 6.0);
            // Doubled may first get a (bad) value of its own when its formula is loaded; wait for the good run.
            MethodResult r;
            do {
                r = results.poll(10, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
            } while (!r.ok());
            assertThat(r.value()).isEqualTo(true);
            e.flush();
            assertThat(e.current(stop.id()).y()).isEqualTo(true);
            assertThat(e.runMethod(guard.id(), Actor.workstation("ivanov"))).isTrue();
            do {
                r = results.poll(10, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
            } while (!r.initiator().equals("manual ivanov")); // the initiator names who ran it
            assertThat(r.ok()).isTrue();
            assertThat(e.nextScheduleTick(nightly.id())).isNotNull();
        }
    }

    @Test
    void schedulesAndMethodsSurviveReopenAndTheProjectDocument() {
        String json;
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            build(e);
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.model().schedule(nightly.id())).isEqualTo(nightly);
            assertThat(e.model().method(guard.id())).isEqualTo(guard);
            json = e.project().exportJson(null);
        }
        assertThat(json).contains("\"schedules\" : [").contains("\"cron\" : \"0 2 * * *\"").contains("\"methods\" : [")
                .contains("\"missed\" : \"run-once\"");
        ProjectDocument doc = ProjectJson.read(json);
        assertThat(doc.schedules()).containsExactly(nightly);
        assertThat(doc.methods()).containsExactly(guard);
        try (Engine e = Engine.open(dir.resolve("copy"), EngineOptions.quiet())) {
            e.importDocument(doc, null, true);
            assertThat(e.model().methods()).containsExactly(guard);
            assertThat(e.model().tag(snapshot.id()).trigger()).isEqualTo(CalcTrigger.schedule(nightly.id()));
            // Replacing with an empty document removes them too.
            e.importDocument(new ProjectDocument(null, List.of(), List.of()), null, true);
            assertThat(e.model().methods()).isEmpty();
            assertThat(e.model().schedules()).isEmpty();
        }
    }

    @Test
    void theProjectStoreKeepsTheLastTickOfEachSchedule() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            build(e);
        }
        try (org.peresvet.store.ProjectStore ps = org.peresvet.store.ProjectStore.open(new org.peresvet.store.ProjectFolder(dir))) {
            ps.saveScheduleRun(nightly.id(), 123L);
            ps.saveScheduleRun(nightly.id(), 456L);
            assertThat(ps.scheduleRuns()).containsEntry(nightly.id(), 456L);
        }
        assertThat(Sample.of(1, 1.0).isGood()).isTrue();
    }
}
