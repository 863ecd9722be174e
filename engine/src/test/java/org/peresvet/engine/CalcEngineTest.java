package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Actor;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.model.io.TagCsv;

/** Calculated tags in a running engine: pipeline, refusal of writes, persistence, recalculation. */
class CalcEngineTest {
    @TempDir
    Path dir;

    private final ObjectDef tank = ObjectDef.create(null, "Tank");
    private final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef volume = TagDef.builder(tank.id(), "Volume", ValueType.DOUBLE).formula("{Level} * 2").build();
    private final TagDef high = TagDef.builder(tank.id(), "High", ValueType.BOOL).formula("{Volume} > 5")
            .trigger(CalcTrigger.CHANGE).build();

    private void build(Engine e) {
        e.edit(new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level), new ModelEdit.PutTag(volume), new ModelEdit.PutTag(high));
    }

    @Test
    void calculatedTagsFollowTheirInputsAndReachHistory() {
        long t0 = Micros.now() - 60 * Micros.PER_SECOND;
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            build(e);
            e.write(List.of(new TagSample(level.id(), Sample.of(t0, 1.0)), new TagSample(level.id(), Sample.of(t0 + 1000, 3.0))));
            e.flush();
            assertThat(e.current(volume.id())).isEqualTo(Sample.of(t0 + 1000, 6.0));
            assertThat(e.current(high.id())).isEqualTo(Sample.of(t0 + 1000, true));
            TagHistory h = e.history(HistoryQuery.range(volume.id(), t0, Micros.now()).withActual(true));
            assertThat(h.data()).extracting(Sample::y).containsExactly(2.0, 6.0);
            assertThatThrownBy(() -> e.write(volume.id(), 1.0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/Tank/Volume is calculated by its formula and cannot be written");
            assertThatThrownBy(() -> e.edit(new ModelEdit.PutTag(level.toBuilder().formula("{High} + 1").build())))
                    .isInstanceOf(ModelException.class).hasMessageContaining("cycle: ");
        }
    }

    @Test
    void formulasSurviveReopenJsonAndCsv() {
        TagDef periodic = TagDef.builder(tank.id(), "Avg", ValueType.DOUBLE).formula("avgOver({Level}, 60)")
                .trigger(CalcTrigger.every(5000)).build();
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            build(e);
            e.edit(new ModelEdit.PutTag(periodic));
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.model().tag(periodic.id())).isEqualTo(periodic);
            assertThat(e.model().tag(volume.id()).formula()).isEqualTo("{Level} * 2");
            String json = e.project().exportJson(null);
            assertThat(json).contains("\"formula\" : \"avgOver({Level}, 60)\"").contains("\"trigger\" : \"every 5000ms\"");
            assertThat(ProjectJson.read(json).tags()).contains(periodic, volume);
            String csv = TagCsv.write(e.model(), null);
            assertThat(csv).contains(",\"avgOver({Level}, 60)\",every 5000ms\r\n");
            TagCsv.Import imp = TagCsv.read(e.model(), csv);
            assertThat(imp.tagsUnchanged()).isEqualTo(4);
        }
    }

    @Test
    void recalculationReplacesStoredResultsFromStoredInputs() {
        long t0 = Micros.now() - 3_600 * Micros.PER_SECOND;
        try (Engine e = Engine.open(dir, EngineOptions.quiet()).start()) {
            build(e);
            for (int i = 0; i < 5; i++) {
                e.write(level.id(), Sample.of(t0 + i * Micros.PER_SECOND, (double) i));
            }
            e.flush();
            // The formula was wrong: it should have been * 3.
            e.edit(new ModelEdit.PutTag(volume.toBuilder().formula("{Level} * 3").build()));
            int n = e.history().recalculate(Actor.SYSTEM, volume.id(), t0, t0 + 10 * Micros.PER_SECOND);
            assertThat(n).isEqualTo(5);
            TagHistory h = e.history(HistoryQuery.range(volume.id(), t0, t0 + 10 * Micros.PER_SECOND).withActual(true));
            assertThat(h.data()).extracting(Sample::y).containsExactly(0.0, 3.0, 6.0, 9.0, 12.0);
            assertThatThrownBy(() -> e.history().recalculate(Actor.SYSTEM, level.id(), t0, t0 + 1)).hasMessageContaining("is not calculated");
        }
    }
}
