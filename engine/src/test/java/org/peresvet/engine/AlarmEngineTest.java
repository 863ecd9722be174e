package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.alarm.AlarmHealth;
import org.peresvet.alarm.AlarmView;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.runtime.AlarmEvent;
import org.peresvet.runtime.Subscription;
import org.peresvet.store.HistoryStore;
import org.peresvet.store.JournalStore;
import org.peresvet.store.ProjectFolder;

/** Alarms in a real engine on a project folder: bus, journal, and state that survives a restart. */
class AlarmEngineTest {
    @TempDir
    Path dir;

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
    void alarmsFireThroughTheEngineAndSurviveARestart() throws Exception {
        ObjectDef station = ObjectDef.create(null, "Station");
        ObjectDef tank = ObjectDef.create(station.id(), "Tank");
        TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").build();
        TagDef pressure = TagDef.builder(tank.id(), "Pressure", ValueType.DOUBLE).build();
        AlarmDef hi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).message("Level {value} {units}").build();
        AlarmDef hihi = AlarmDef.builder(level.id(), AlarmKind.HIHI).limit(4.5).latching(true).build();
        AlarmDef pHi = AlarmDef.builder(pressure.id(), AlarmKind.HI).limit(10.0).build();
        List<AlarmEvent> seen = new CopyOnWriteArrayList<>();
        long shelvedUntil;
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level),
                    new ModelEdit.PutTag(pressure), new ModelEdit.PutAlarm(hi), new ModelEdit.PutAlarm(hihi), new ModelEdit.PutAlarm(pHi));
            Subscription sub = e.events().subscribe(AlarmEvent.class, seen::add);
            e.write(level.id(), 4.8);
            e.write(pressure.id(), 12.0);
            e.flush();
            await(() -> seen.size() >= 3);
            assertThat(seen).extracting(AlarmEvent::alarmPath).containsExactlyInAnyOrder(
                    "/Station/Tank/Level#Hi", "/Station/Tank/Level#HiHi", "/Station/Tank/Pressure#Hi");
            assertThat(e.alarms().active()).hasSize(3);
            e.alarms().acknowledge(hi.id(), Actor.workstation("ivanov"), "watching it");
            e.alarms().shelve(pHi.id(), Actor.workstation("ivanov"), "gauge being replaced", Duration.ofHours(2));
            shelvedUntil = e.alarms().get(pHi.id()).status().shelving().until();
            e.write(level.id(), 4.2); // HiHi returns to normal but is latched
            e.flush();
            assertThat(e.alarms().get(hihi.id()).state()).isEqualTo(AlarmState.LATCHED);
            List<AlarmJournalEntry> journal = e.alarms().journal(AlarmJournalQuery.all());
            assertThat(journal).extracting(AlarmJournalEntry::transition).contains(AlarmTransition.ACTIVATED,
                    AlarmTransition.ACKNOWLEDGED, AlarmTransition.SHELVED, AlarmTransition.CLEARED);
            assertThat(journal).filteredOn(j -> j.transition() == AlarmTransition.ACKNOWLEDGED).singleElement()
                    .satisfies(j -> {
                        assertThat(j.user()).isEqualTo("ivanov");
                        assertThat(j.comment()).isEqualTo("watching it");
                        assertThat(j.alarmPath()).isEqualTo("/Station/Tank/Level#Hi");
                    });
            AlarmHealth.Report health = e.alarms().health(Duration.ofHours(1));
            assertThat(health.activations()).isEqualTo(3);
            assertThat(health.shelved()).extracting(AlarmView::id).containsExactly(pHi.id());
            assertThat(health.mostFrequent()).hasSize(3);
            StringBuilder csv = new StringBuilder();
            e.alarms().exportCsv(AlarmJournalQuery.all().subtree("/Station/Tank").transitions(AlarmTransition.ACKNOWLEDGED), csv);
            String[] lines = csv.toString().split("\r\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[1])
                    .contains(",/Station/Tank/Level#Hi,/Station/Tank,medium,ACKNOWLEDGED,ACKNOWLEDGED,4.8,ivanov,watching it,Level 4.8 m");
            sub.close();
        }

        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.model().alarms()).containsExactlyInAnyOrder(hi, hihi, pHi);
            assertThat(ProjectJson.read(e.project().exportJson(null)).alarms()).containsExactlyInAnyOrder(hi, hihi, pHi);
            e.start();
            AlarmView h = e.alarms().get(hi.id());
            assertThat(h.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
            assertThat(h.status().ack().user()).isEqualTo("ivanov");
            assertThat(h.message()).isEqualTo("Level 4.8 m");
            assertThat(e.alarms().get(hihi.id()).state()).isEqualTo(AlarmState.LATCHED);
            assertThat(e.alarms().shelved()).singleElement().satisfies(v -> {
                assertThat(v.id()).isEqualTo(pHi.id());
                assertThat(v.status().shelving().until()).isEqualTo(shelvedUntil);
                assertThat(v.status().active()).isTrue();
            });
            // the latched alarm can be reset after the restart
            e.alarms().acknowledge(hihi.id(), Actor.workstation("petrov"), null);
            assertThat(e.alarms().reset(hihi.id(), Actor.workstation("petrov"), "checked")).isTrue();
            e.flush();
            assertThat(e.alarms().journal(AlarmJournalQuery.all().alarm(hihi.id())).stream().map(AlarmJournalEntry::transition))
                    .containsExactly(AlarmTransition.ACTIVATED, AlarmTransition.CLEARED, AlarmTransition.ACKNOWLEDGED,
                            AlarmTransition.RESET);
            // deleting the tag deletes its alarms, in the running engine and in the file
            e.edit(new ModelEdit.DeleteTag(level.id()));
            assertThat(e.alarms().all()).extracting(AlarmView::id).containsExactly(pHi.id());
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            assertThat(e.model().alarms()).containsExactly(pHi);
            assertThat(e.alarms().shelved()).extracting(AlarmView::id).containsExactly(pHi.id());
        }
        try (HistoryStore h = HistoryStore.open(new ProjectFolder(dir))) {
            assertThat(new JournalStore(h).loadStates()).as("states of deleted alarms are forgotten")
                    .containsOnlyKeys(pHi.id());
        }
    }

    @Test
    void alarmsWatchValuesRestoredFromHistoryAtStart() throws Exception {
        ObjectDef o = ObjectDef.create(null, "Boiler");
        TagDef temp = TagDef.builder(o.id(), "Temp", ValueType.DOUBLE).build();
        UUID alarmId;
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            e.edit(new ModelEdit.PutObject(o), new ModelEdit.PutTag(temp));
            e.write(temp.id(), 120.0);
            e.flush();
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            AlarmDef hi = AlarmDef.builder(temp.id(), AlarmKind.HI).limit(100.0).build();
            e.edit(new ModelEdit.PutAlarm(hi));
            alarmId = hi.id();
            e.start();
            assertThat(e.alarms().get(alarmId).state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
        }
    }
}
