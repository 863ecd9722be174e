package org.peresvet.bench.formula;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.formula.CalculatedTags;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * Figure: one input change propagated through a chain of 1,000 calculated tags (c1 = src + 1,
 * c2 = c1 + 1, …). Measured twice: (1) the calculated-tags stage alone, as the engine loop calls
 * it; (2) end to end in a running engine, from {@code write} until the last tag of the chain
 * holds the new value (queue hand-off, 1,000 evaluations, deadband, current values, sinks).
 * Goal: end to end median &lt; 1 ms.
 */
public final class ChainPropagationBench {
    static final int CHAIN = 1_000;
    static final double GOAL_MS = 1.0;

    private ChainPropagationBench() {
    }

    public static void main(String[] args) {
        int changes = Integer.getInteger("bench.changes", 2_000);
        ObjectDef obj = ObjectDef.create(null, "Chain");
        List<ModelEdit> edits = new ArrayList<>();
        edits.add(new ModelEdit.PutObject(obj));
        TagDef src = TagDef.builder(obj.id(), "src", ValueType.DOUBLE).build();
        edits.add(new ModelEdit.PutTag(src));
        String prev = "src";
        TagDef last = null;
        for (int i = 1; i <= CHAIN; i++) {
            last = TagDef.builder(obj.id(), "c" + i, ValueType.DOUBLE).formula("{" + prev + "} + 1").build();
            edits.add(new ModelEdit.PutTag(last));
            prev = "c" + i;
        }

        // (1) The stage alone.
        ModelSnapshot model = ModelSnapshot.empty().apply(edits).snapshot();
        Map<UUID, Sample> none = new HashMap<>();
        CalculatedTags stage = new CalculatedTags(none::get);
        stage.modelChanged(model);
        double[] stageMs = new double[changes];
        int warm = 5_000; // let the JIT compile the stage before measuring
        for (int i = 0; i < changes + warm; i++) {
            long t0 = System.nanoTime();
            List<TagSample> out = stage.process(List.of(new TagSample(src.id(), Sample.of(i, (double) i))));
            long t1 = System.nanoTime();
            if (out.size() != CHAIN || !out.get(CHAIN - 1).sample().y().equals((double) i + CHAIN)) {
                throw new IllegalStateException("wrong propagation");
            }
            if (i >= warm) {
                stageMs[i - warm] = (t1 - t0) / 1e6;
            }
        }
        Arrays.sort(stageMs);

        // (2) End to end in an engine.
        Path dir = BenchSupport.tempProject("peresvet-bench-chain");
        double[] e2eMs = new double[changes];
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            engine.edit(edits);
            engine.start();
            long x0 = Micros.now() - 3_600 * Micros.PER_SECOND;
            for (int i = 0; i < changes + 1000; i++) {
                long x = x0 + i;
                long t0 = System.nanoTime();
                engine.write(src.id(), Sample.of(x, (double) i));
                while (true) {
                    Sample s = engine.current(last.id());
                    if (s != null && s.x() == x) {
                        break;
                    }
                    Thread.onSpinWait();
                }
                long t1 = System.nanoTime();
                if (i >= 1000) {
                    e2eMs[i - 1000] = (t1 - t0) / 1e6;
                }
            }
            if (!engine.current(last.id()).y().equals((double) (changes + 999) + CHAIN)) {
                throw new IllegalStateException("wrong end value " + engine.current(last.id()));
            }
        } finally {
            BenchSupport.delete(dir);
        }
        Arrays.sort(e2eMs);
        BenchSupport.detail("chain of %d calculated tags, %d input changes each", CHAIN, changes);
        BenchSupport.detail("stage alone: median %.3f ms, p90 %.3f ms, p99 %.3f ms (%.0f ns per tag)",
                stageMs[changes / 2], stageMs[changes * 9 / 10], stageMs[changes * 99 / 100], stageMs[changes / 2] * 1e6 / CHAIN);
        BenchSupport.detail("end to end (write → last tag current): median %.3f ms, p90 %.3f ms, p99 %.3f ms",
                e2eMs[changes / 2], e2eMs[changes * 9 / 10], e2eMs[changes * 99 / 100]);
        boolean pass = e2eMs[changes / 2] < GOAL_MS;
        BenchSupport.summary("formula-chain", String.format("1,000-tag chain: %.3f ms median end to end (stage alone %.3f ms), goal < %.0f ms",
                e2eMs[changes / 2], stageMs[changes / 2], GOAL_MS), pass);
        System.exit(pass ? 0 : 1);
    }
}
