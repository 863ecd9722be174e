package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SimulatorSpec;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

class ProjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void editsAndSettingsPersist() {
        ObjectDef o = ObjectDef.create(null, "Boiler");
        TagDef t = TagDef.builder(o.id(), "Temp", ValueType.DOUBLE).units("°C").defaultValue(20.0).deadband(0.5).build();
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot before = ModelSnapshot.empty();
            var change = before.apply(List.of(new ModelEdit.PutObject(o), new ModelEdit.PutTag(t)));
            s.persist(before, change.applied());
            var rename = change.snapshot().apply(List.of(new ModelEdit.PutTag(t.toBuilder().name("Temperature").build())));
            s.persist(change.snapshot(), rename.applied());
            s.saveSettings(new ProjectSettings("Boiler room", 7, 500));
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot m = s.load();
            TagDef loaded = m.findTag("/Boiler/Temperature").orElseThrow();
            assertThat(loaded).isEqualTo(t.toBuilder().name("Temperature").build());
            assertThat(s.loadSettings("x")).isEqualTo(new ProjectSettings("Boiler room", 7, 500));
        }
    }

    /** Every column of every table written by ModelWrites comes back through ModelRows as it was. */
    @Test
    void everyFieldWrittenReadsBack() {
        ObjectDef plant = ObjectDef.create(null, "Plant");
        ObjectDef pump = new ObjectDef(java.util.UUID.randomUUID(), plant.id(), "Pump", "the feed pump");
        TagDef speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).description("shaft speed").units("rpm")
                .min(0.0).max(3000.0).step(true).update(true).deadband(2.5).defaultValue(100.0).enabled(false)
                .simulated(SimulatorSpec.sine(60, 1, 2.5)).build();
        TagDef count = TagDef.builder(pump.id(), "Starts", ValueType.INT).defaultValue(3L).build();
        TagDef running = TagDef.builder(pump.id(), "Running", ValueType.BOOL).defaultValue(true).build();
        TagDef mode = TagDef.builder(pump.id(), "Mode", ValueType.STRING).defaultValue("auto").deadband(1).build();
        TagDef recipe = TagDef.builder(pump.id(), "Recipe", ValueType.JSON)
                .defaultValue(ValueType.JSON.coerce("{\"a\":[1,2]}")).build();
        ScheduleDef hourly = ScheduleDef.interval("hourly", 1, ScheduleDef.Unit.HOURS);
        TagDef twice = TagDef.builder(pump.id(), "Twice", ValueType.DOUBLE).formula("{Speed} * 2")
                .trigger(CalcTrigger.schedule(hourly.id())).build();
        TagDef sum = TagDef.builder(pump.id(), "Sum", ValueType.DOUBLE).formula("{Speed} + {Starts}")
                .trigger(CalcTrigger.every(500)).build();
        AlarmDef hi = AlarmDef.builder(speed.id(), AlarmKind.HI).limit(2800.0).deadband(10).onDelayMillis(2000)
                .offDelayMillis(500).message("Fast: {value}").suppressionTagId(running.id()).autoAck(true).build();
        AlarmDef modeAlarm = AlarmDef.builder(mode.id(), AlarmKind.DISCRETE_EQUALS).value("manual").latching(true).build();
        MethodDef stop = MethodDef.write("stop", pump.id(), "Mode", "{Speed} > 10",
                List.of(MethodDef.Initiator.tag("Speed", "{Speed} > 2900")));
        List<ModelEdit> edits = List.of(new ModelEdit.PutObject(plant), new ModelEdit.PutObject(pump),
                new ModelEdit.PutTag(speed), new ModelEdit.PutTag(count), new ModelEdit.PutTag(running),
                new ModelEdit.PutTag(mode), new ModelEdit.PutTag(recipe), new ModelEdit.PutSchedule(hourly),
                new ModelEdit.PutTag(twice), new ModelEdit.PutTag(sum), new ModelEdit.PutAlarm(hi),
                new ModelEdit.PutAlarm(modeAlarm), new ModelEdit.PutMethod(stop));
        ModelSnapshot written;
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot before = ModelSnapshot.empty();
            var change = before.apply(edits);
            s.persist(before, change.applied());
            s.saveScheduleRun(hourly.id(), 1_700_000_000_000_000L);
            written = change.snapshot();
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot read = s.load();
            assertThat(read.objects()).containsExactlyInAnyOrderElementsOf(written.objects());
            assertThat(read.tags()).containsExactlyInAnyOrderElementsOf(written.tags());
            assertThat(read.alarms()).containsExactlyInAnyOrderElementsOf(written.alarms());
            assertThat(read.schedules()).containsExactlyInAnyOrderElementsOf(written.schedules());
            assertThat(read.methods()).containsExactlyInAnyOrderElementsOf(written.methods());
            assertThat(s.scheduleRuns()).isEqualTo(java.util.Map.of(hourly.id(), 1_700_000_000_000_000L));
            assertThat(s.isEmpty()).isFalse();
        }
    }

    @Test
    void aClashRollsBackTheWholeEditAndLaterEditsOfTheSameRowWin() {
        ObjectDef o = ObjectDef.create(null, "Boiler");
        TagDef t = TagDef.builder(o.id(), "Temp", ValueType.DOUBLE).build();
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot before = s.load();
            s.persist(before, before.apply(List.of(new ModelEdit.PutObject(o), new ModelEdit.PutTag(t))).applied());
            // A second tag with the id of the first, said to be new: the database refuses it, the transaction rolls back.
            ModelSnapshot after = s.load();
            ObjectDef other = ObjectDef.create(null, "Other");
            assertThatThrownBy(() -> s.persist(ModelSnapshot.empty(), List.of(new ModelEdit.PutObject(other),
                    new ModelEdit.PutTag(t.toBuilder().name("Again").build()))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("nothing was changed");
            assertThat(s.load().objects()).containsExactlyInAnyOrderElementsOf(after.objects());
            assertThat(s.load().tag(t.id())).isEqualTo(t);

            // put, change, delete and put again in one transaction: applied in order
            TagDef renamed = t.toBuilder().name("Temperature").build();
            s.persist(after, List.of(new ModelEdit.PutTag(renamed), new ModelEdit.DeleteTag(t.id()),
                    new ModelEdit.PutTag(renamed.toBuilder().units("K").build())));
            assertThat(s.load().tag(t.id())).isEqualTo(renamed.toBuilder().units("K").build());
            // a row the snapshot knows but the file lost is written again rather than lost
            s.persist(s.load(), List.of(new ModelEdit.DeleteTag(t.id())));
            s.persist(after, List.of(new ModelEdit.PutTag(renamed)));
            assertThat(s.load().tag(t.id())).isEqualTo(renamed);
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            assertThat(s.load().object(o.id())).isEqualTo(o);
        }
    }

    @Test
    void newerSchemaIsRefusedWithAClearMessage() throws Exception {
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            assertThat(s.isEmpty()).isTrue();
        }
        try (var c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("model").toAbsolutePath(), "sa", "")) {
            c.createStatement().execute("INSERT INTO schema_version(version, name, checksum) VALUES (99, 'V99.sql', 'future')");
        }
        assertThatThrownBy(() -> ProjectStore.open(new ProjectFolder(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Peresvet");
    }

    @Test
    void damagedFileIsReportedNotCrashed() throws Exception {
        Files.writeString(dir.resolve("model.mv.db"), "this is not an H2 file at all".repeat(200));
        assertThatThrownBy(() -> ProjectStore.open(new ProjectFolder(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("model.mv.db");
    }
}
