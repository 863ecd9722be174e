package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SimulatorSpec;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;
import org.peresvet.store.ProjectLockedException;

class EngineTest {
    @TempDir
    Path dir;

    private static final long T0 = 1_700_000_000_000_000L;

    private record Plant(ObjectDef station, ObjectDef tank, TagDef level, TagDef mode) {
    }

    private Plant build(Engine e) {
        ObjectDef station = ObjectDef.create(null, "Station");
        ObjectDef tank = ObjectDef.create(station.id(), "Tank");
        TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").min(0.0).max(5.0).deadband(0.1).build();
        TagDef mode = TagDef.builder(tank.id(), "Mode", ValueType.STRING).build();
        e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level), new ModelEdit.PutTag(mode));
        return new Plant(station, tank, level, mode);
    }

    @Test
    void modelSurvivesReopen() {
        Plant p;
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            p = build(e);
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.model().findTag("/Station/Tank/Level")).contains(p.level());
            assertThat(e.model().objectPath(p.tank().id())).isEqualTo("/Station/Tank");
            assertThat(e.model().tagsOf(p.tank().id())).extracting(TagDef::name).containsExactly("Level", "Mode");
        }
    }

    @Test
    void rejectedEditChangesNothingInMemoryOrOnDisk() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            Plant p = build(e);
            TagDef clash = TagDef.builder(p.tank().id(), "Level", ValueType.INT).build();
            TagDef fine = TagDef.builder(p.tank().id(), "Volume", ValueType.DOUBLE).build();
            assertThatThrownBy(() -> e.edit(new ModelEdit.PutTag(fine), new ModelEdit.PutTag(clash)))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("/Station/Tank/Level")
                    .hasMessageContaining("already exists");
            assertThat(e.model().findTag("/Station/Tank/Volume")).isEmpty();
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.model().findTag("/Station/Tank/Volume")).isEmpty();
            assertThat(e.model().tagCount()).isEqualTo(2);
        }
    }

    @Test
    void samplesFlowThroughDeadbandToCurrentValueAndHistory() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            Plant p = build(e);
            UUID id = p.level().id();
            e.write(List.of(
                    new TagSample(id, Sample.of(T0, 1.0)),
                    new TagSample(id, Sample.of(T0 + 1_000_000, 1.05)), // inside deadband 0.1: dropped
                    new TagSample(id, Sample.of(T0 + 2_000_000, 1.2)),
                    new TagSample(id, new Sample(T0 + 3_000_000, null, Quality.CONNECTION_LOST))));
            e.flush();
            assertThat(e.current(id)).isEqualTo(new Sample(T0 + 3_000_000, null, Quality.CONNECTION_LOST));
            TagHistory h = e.history(HistoryQuery.range(id, T0, T0 + 3_000_000).withActual(true));
            assertThat(h.data()).containsExactly(
                    Sample.of(T0, 1.0), Sample.of(T0 + 2_000_000, 1.2), new Sample(T0 + 3_000_000, null, Quality.CONNECTION_LOST));
        }
    }

    @Test
    void historyAndCurrentValuesSurviveRestart() {
        UUID id;
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            id = build(e).level().id();
            for (int i = 0; i < 100; i++) {
                e.write(id, Sample.of(T0 + i * 1_000_000L, (double) i));
            }
        } // close flushes without an explicit flush()
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            assertThat(e.current(id)).isEqualTo(Sample.of(T0 + 99_000_000L, 99.0));
            assertThat(e.history(HistoryQuery.range(id, T0, T0 + 99_000_000L).withActual(true)).data()).hasSize(100);
        }
    }

    @Test
    void badValueRejectsTheWholeBatch() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            Plant p = build(e);
            assertThatThrownBy(() -> e.write(List.of(
                    new TagSample(p.mode().id(), Sample.of(T0, "auto")),
                    new TagSample(p.level().id(), Sample.of(T0, "high")))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/Station/Tank/Level")
                    .hasMessageContaining("not a valid double");
            e.flush();
            assertThat(e.current(p.mode().id())).isNull();
            assertThatThrownBy(() -> e.write(UUID.randomUUID(), 1.0)).hasMessageContaining("unknown tag");
        }
    }

    @Test
    void editsApplyToTheRunningEngine() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            Plant p = build(e);
            TagDef withDefault = TagDef.builder(p.tank().id(), "Setpoint", ValueType.DOUBLE).defaultValue(3.0).build();
            e.edit(new ModelEdit.PutTag(withDefault));
            e.flush();
            assertThat(e.current(withDefault.id()).y()).isEqualTo(3.0);

            e.edit(new ModelEdit.PutTag(p.level().toBuilder().deadband(0).build()));
            e.write(p.level().id(), Sample.of(T0, 1.0));
            e.write(p.level().id(), Sample.of(T0 + 1, 1.01));
            e.flush();
            assertThat(e.current(p.level().id()).y()).isEqualTo(1.01); // deadband 0 now keeps it

            e.edit(new ModelEdit.DeleteObject(p.station().id()));
            assertThat(e.model().tagCount()).isZero();
            assertThat(e.current(p.level().id())).isNull();
            assertThatThrownBy(() -> e.write(p.level().id(), 1.0)).hasMessageContaining("unknown tag");
        }
    }

    @Test
    void subscriberGetsCurrentValueAtOnceThenChanges() throws Exception {
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            Plant p = build(e);
            e.write(p.level().id(), Sample.of(T0, 1.0));
            e.flush();
            List<TagSample> got = new CopyOnWriteArrayList<>();
            try (Subscription s = e.subscribe(SubscriptionFilter.subtree(p.station().id()), got::addAll)) {
                waitFor(() -> got.size() >= 1);
                assertThat(got.get(0)).isEqualTo(new TagSample(p.level().id(), Sample.of(T0, 1.0)));
                e.write(p.mode().id(), Sample.of(T0 + 5, "auto"));
                waitFor(() -> got.size() >= 2);
                assertThat(got.get(1).sample().y()).isEqualTo("auto");
            }
            int before = got.size();
            e.write(p.mode().id(), Sample.of(T0 + 6, "manual"));
            e.flush();
            Thread.sleep(100);
            assertThat(got).hasSize(before); // closed: no more deliveries
        }
    }

    @Test
    void slowSubscriberDoesNotStallTheEngine() throws Exception {
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            Plant p = build(e);
            List<List<TagSample>> batches = new CopyOnWriteArrayList<>();
            try (Subscription s = e.subscribe(SubscriptionFilter.all(), b -> {
                batches.add(b);
                sleep(300);
            })) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    e.write(p.level().id(), Sample.of(T0 + i, (double) i));
                }
                e.flush();
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(tookMs).as("engine must not wait for the subscriber").isLessThan(3000);
                waitFor(() -> batches.stream().flatMap(List::stream).anyMatch(ts -> ts.sample().y().equals(1999.0)));
                // Coalesced: far fewer deliveries than samples.
                assertThat(batches.size()).isLessThan(20);
            }
        }
    }

    @Test
    void secondEngineOnTheSameProjectIsRefusedClearly() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThatThrownBy(() -> Engine.open(dir, EngineOptions.quiet()))
                    .isInstanceOf(ProjectLockedException.class)
                    .hasMessageContaining("open in another Peresvet process");
        }
    }

    /** The two files open side by side: either one failing closes the other and frees the project. */
    @Test
    void aDamagedFileIsNamedAndTheOtherFileAndTheLockAreReleased() throws Exception {
        ObjectDef o = ObjectDef.create(null, "Boiler");
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            e.edit(new ModelEdit.PutObject(o));
        }
        for (String file : List.of("history.mv.db", "model.mv.db")) {
            Path f = dir.resolve(file);
            Path kept = dir.resolve(file + ".kept");
            java.nio.file.Files.move(f, kept);
            java.nio.file.Files.writeString(f, "this is not an H2 file at all".repeat(200));
            assertThatThrownBy(() -> Engine.open(dir, EngineOptions.quiet()))
                    .isInstanceOf(org.peresvet.store.StoreException.class)
                    .hasMessageContaining(file);
            java.nio.file.Files.delete(f);
            java.nio.file.Files.move(kept, f);
            try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
                assertThat(e.model().object(o.id())).isEqualTo(o);
            }
        }
    }

    @Test
    void simulatedTagProducesValues() throws Exception {
        try (Engine e = Engine.open(dir, EngineOptions.quiet().withSimulate(true)).start()) {
            ObjectDef o = ObjectDef.create(null, "Sim");
            TagDef t = TagDef.builder(o.id(), "Wave", ValueType.DOUBLE)
                    .simulated(new SimulatorSpec(SimulatorSpec.Function.SINE, 10, 5, 50, 0, 50)).build();
            e.edit(new ModelEdit.PutObject(o), new ModelEdit.PutTag(t));
            waitFor(() -> e.current(t.id()) != null);
            assertThat((Double) e.current(t.id()).y()).isBetween(45.0, 55.0);
        }
    }

    @Test
    void aBrokenSeedIsReportedAndRetriedOnceFixed() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("project.json"), "{\"objects\":[{\"name\":\"A\",\"colour\":1}]}");
        assertThatThrownBy(() -> Engine.open(dir, EngineOptions.quiet()))
                .isInstanceOf(ModelException.class).hasMessageContaining("$.objects[0].colour");
        java.nio.file.Files.writeString(dir.resolve("project.json"), "{\"objects\":[{\"name\":\"A\"}]}");
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.model().findObject("/A")).isPresent();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
