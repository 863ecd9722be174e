package org.peresvet.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** The calculated-tags stage, driven directly with samples and tick times (no threads, no sleeps). */
class CalcStageTest {
    private final ObjectDef obj = ObjectDef.create(null, "P");
    private final Map<UUID, Sample> current = new HashMap<>();
    private final CalculatedTags stage = new CalculatedTags(current::get);
    private final List<ModelEdit> edits = new ArrayList<>(List.of(new ModelEdit.PutObject(obj)));
    private ModelSnapshot model;

    private TagDef tag(String name, ValueType type, String formula) {
        TagDef t = TagDef.builder(obj.id(), name, type).formula(formula).build();
        edits.add(new ModelEdit.PutTag(t));
        return t;
    }

    private void load() {
        model = ModelSnapshot.empty().apply(edits).snapshot();
        stage.modelChanged(model);
    }

    private static TagSample s(TagDef t, long x, Object y) {
        return new TagSample(t.id(), Sample.of(x, y));
    }

    private Map<UUID, Sample> byTag(List<TagSample> out) {
        Map<UUID, Sample> m = new HashMap<>();
        out.forEach(ts -> m.put(ts.tagId(), ts.sample()));
        return m;
    }

    @Test
    void dependentsRunOnceInTopologicalOrderWithTheTriggeringTimestamp() {
        TagDef a = tag("a", ValueType.DOUBLE, null);
        TagDef b = tag("b", ValueType.DOUBLE, null);
        // Declared in an order the topological sort must fix: d reads c, c reads a and b.
        TagDef d = tag("d", ValueType.DOUBLE, "{c} * 10 + {a}");
        TagDef c = tag("c", ValueType.DOUBLE, "{a} + {b}");
        TagDef e = tag("e", ValueType.INT, "{d} + {c}");
        load();
        List<TagSample> out = stage.process(List.of(s(a, 100, 1.0), s(b, 100, 2.0)));
        assertThat(out).extracting(TagSample::tagId).containsExactly(c.id(), d.id(), e.id());
        assertThat(out).extracting(ts -> ts.sample().x()).containsOnly(100L);
        assertThat(byTag(out).get(d.id()).y()).isEqualTo(31.0);
        assertThat(byTag(out).get(e.id()).y()).isEqualTo(34L);
        // Only b changes: c, d and e again, once each; different timestamps are separate rounds.
        out = stage.process(List.of(s(b, 200, 3.0), s(a, 300, 0.0)));
        assertThat(out).extracting(ts -> ts.sample().x()).containsExactly(200L, 200L, 200L, 300L, 300L, 300L);
        assertThat(out.get(2).sample().y()).isEqualTo(45L);
        assertThat(stage.evaluations()).isEqualTo(9);
    }

    @Test
    void aLongChainPropagatesInOneRound() {
        TagDef src = tag("src", ValueType.DOUBLE, null);
        String prev = "src";
        List<TagDef> chain = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            chain.add(tag("c" + i, ValueType.DOUBLE, "{" + prev + "} + 1"));
            prev = "c" + i;
        }
        load();
        List<TagSample> out = stage.process(List.of(s(src, 5, 0.0)));
        assertThat(out).hasSize(1000);
        assertThat(out.get(999).tagId()).isEqualTo(chain.get(999).id());
        assertThat(out.get(999).sample().y()).isEqualTo(1000.0);
    }

    @Test
    void badInputsPropagateAndErrorsStayInTheirTag() {
        TagDef a = tag("a", ValueType.DOUBLE, null);
        TagDef b = tag("b", ValueType.DOUBLE, null);
        TagDef ratio = tag("ratio", ValueType.DOUBLE, "{a} / {b}");
        TagDef sum = tag("sum", ValueType.DOUBLE, "{a} + {b}");
        TagDef safe = tag("safe", ValueType.DOUBLE, "valueOr({ratio}, -1)");
        load();
        Map<UUID, Sample> out = byTag(stage.process(List.of(s(a, 1, 1.0), s(b, 1, 0.0))));
        assertThat(out.get(ratio.id())).isEqualTo(new Sample(1, null, Quality.BAD_DATA));
        assertThat(stage.lastError(ratio.id())).isEqualTo("division by zero");
        assertThat(out.get(sum.id()).y()).isEqualTo(1.0);
        assertThat(out.get(safe.id()).y()).isEqualTo(-1.0);
        out = byTag(stage.process(List.of(new TagSample(b.id(), new Sample(2, null, Quality.CONNECTION_LOST)))));
        assertThat(out.get(sum.id()).q()).isEqualTo(Quality.CONNECTION_LOST);
        assertThat(out.get(ratio.id()).q()).isEqualTo(Quality.CONNECTION_LOST);
        assertThat(stage.lastError(ratio.id())).isNull();
        out = byTag(stage.process(List.of(s(b, 3, 4.0))));
        assertThat(out.get(ratio.id()).y()).isEqualTo(0.25);
        assertThat(out.get(safe.id()).y()).isEqualTo(0.25);
    }

    @Test
    void startsFromCurrentValuesAndGivesANewFormulaAValueAtTheNextTick() {
        TagDef a = tag("a", ValueType.DOUBLE, null);
        TagDef x = tag("x", ValueType.DOUBLE, "{a} * 3");
        current.put(a.id(), Sample.of(1, 2.0));
        load();
        List<TagSample> out = stage.tick(50);
        assertThat(out).containsExactly(new TagSample(x.id(), Sample.of(1, 6.0))); // at the time of its newest input
        assertThat(stage.tick(60)).isEmpty();
        // An unrelated model change keeps the formula and its state: no new first value.
        edits.add(new ModelEdit.PutTag(TagDef.builder(obj.id(), "other", ValueType.DOUBLE).build()));
        load();
        assertThat(stage.tick(70)).isEmpty();
        // Stateful formulas and formulas without input values wait for a trigger.
        TagDef total = tag("total", ValueType.DOUBLE, "integral({a})");
        TagDef none = tag("none", ValueType.DOUBLE, "{b} + 1");
        tag("b", ValueType.DOUBLE, null);
        load();
        assertThat(stage.tick(80)).isEmpty();
        assertThat(stage.process(List.of(s(a, 90, 1.0)))).extracting(TagSample::tagId).containsExactly(total.id(), x.id());
        assertThat(none.formula()).isNotNull();
    }

    @Test
    void firstValuesOfAChainAreComputedOnceEachAndSurviveARepeatedModelChange() {
        TagDef a = tag("a", ValueType.DOUBLE, null);
        TagDef x = tag("x", ValueType.DOUBLE, "{a} + 1");
        TagDef y = tag("y", ValueType.DOUBLE, "{x} * 2");
        current.put(a.id(), Sample.of(7, 1.0));
        load();
        load(); // the engine tells the stage again when it starts
        List<TagSample> out = stage.tick(100);
        assertThat(out).containsExactly(new TagSample(x.id(), Sample.of(7, 2.0)), new TagSample(y.id(), Sample.of(7, 4.0)));
        assertThat(stage.evaluations()).isEqualTo(2);
    }

    @Test
    void periodicTriggersRunOnAlignedTicksOnly() {
        TagDef a = tag("a", ValueType.DOUBLE, null);
        TagDef avg = TagDef.builder(obj.id(), "avg", ValueType.DOUBLE).formula("{a} + 1").trigger(CalcTrigger.every(1000)).build();
        edits.add(new ModelEdit.PutTag(avg));
        TagDef after = tag("after", ValueType.DOUBLE, "{avg} * 2");
        load();
        assertThat(stage.process(List.of(s(a, 10, 1.0)))).isEmpty(); // not on change
        long second = 1_000_000;
        assertThat(stage.tick(5 * second + 300_000)).extracting(TagSample::tagId).doesNotContain(avg.id()); // arms for 6 s
        assertThat(stage.tick(5 * second + 900_000)).isEmpty();
        List<TagSample> out = stage.tick(6 * second + 50_000);
        assertThat(out).containsExactly(new TagSample(avg.id(), Sample.of(6 * second, 2.0)),
                new TagSample(after.id(), Sample.of(6 * second, 4.0)));
        assertThat(stage.tick(6 * second + 150_000)).isEmpty();
        assertThat(stage.tick(7 * second)).hasSize(2);
    }

    @Test
    void scheduleTriggersRunAtTheNextTickWithTheScheduleTime() {
        TagDef a = tag("a", ValueType.DOUBLE, null);
        org.peresvet.model.ScheduleDef def = org.peresvet.model.ScheduleDef.interval("every minute", 1,
                org.peresvet.model.ScheduleDef.Unit.MINUTES);
        edits.add(new ModelEdit.PutSchedule(def));
        UUID schedule = def.id();
        TagDef snap = TagDef.builder(obj.id(), "snap", ValueType.DOUBLE).formula("{a}").trigger(CalcTrigger.schedule(schedule)).build();
        edits.add(new ModelEdit.PutTag(snap));
        load();
        stage.process(List.of(s(a, 10, 7.0)));
        assertThat(stage.tick(100)).isEmpty();
        stage.scheduleFired(UUID.randomUUID(), 150);
        stage.scheduleFired(schedule, 200);
        assertThat(stage.tick(300)).containsExactly(new TagSample(snap.id(), Sample.of(200, 7.0)));
    }

    @Test
    void aCarriedCounterGoesOnFromTheValueRestoredAtStart() {
        TagDef flow = tag("flow", ValueType.DOUBLE, null);
        TagDef total = tag("total", ValueType.DOUBLE, "carried(0) + totalizer({flow})");
        current.put(total.id(), Sample.of(0, 1000.0)); // the last stored total, as the engine restores it
        load();
        long s = 1_000_000;
        stage.process(List.of(s(flow, 0, 2.0)));
        Map<UUID, Sample> out = byTag(stage.process(List.of(s(flow, 10 * s, 2.0))));
        assertThat(out.get(total.id()).y()).isEqualTo(1020.0);
    }

    @Test
    void statefulFormulasKeepTheirMemoryPerTag() {
        TagDef flow = tag("flow", ValueType.DOUBLE, null);
        TagDef total = tag("total", ValueType.DOUBLE, "totalizer({flow})");
        TagDef starts = tag("starts", ValueType.INT, "risingEdges({flow} > 0)");
        load();
        long s = 1_000_000;
        stage.process(List.of(s(flow, 0, 0.0)));
        stage.process(List.of(s(flow, 10 * s, 2.0)));
        Map<UUID, Sample> out = byTag(stage.process(List.of(s(flow, 20 * s, 2.0))));
        assertThat(out.get(total.id()).y()).isEqualTo(10.0 + 20.0);
        assertThat(out.get(starts.id()).y()).isEqualTo(1L);
    }
}
