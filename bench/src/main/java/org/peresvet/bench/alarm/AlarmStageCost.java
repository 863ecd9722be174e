package org.peresvet.bench.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.peresvet.alarm.Alarms;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * Diagnostic: what evaluating 10,000 alarm definitions costs the engine loop per sample, measured
 * on the alarm stage alone (no threads, no files), so it depends little on other load on the
 * machine. Same tags, alarm mix and values as {@link AlarmPipelineBenchmark}; only the calls to
 * the stage are timed. Criterion: under 1 µs per sample (the stage alone keeps up with a million
 * samples per second on one core). {@code bench.rounds} (2000) rounds of 10,000 samples.
 */
public final class AlarmStageCost {
    public static void main(String[] args) {
        int rounds = Integer.getInteger("bench.rounds", 2000);
        List<ModelEdit> edits = new ArrayList<>();
        List<UUID> tags = new ArrayList<>();
        for (int o = 0; o < BenchProject.OBJECTS; o++) {
            ObjectDef obj = ObjectDef.create(null, "Unit" + o);
            edits.add(new ModelEdit.PutObject(obj));
            for (int t = 0; t < BenchProject.TAGS_PER_OBJECT; t++) {
                TagDef tag = TagDef.builder(obj.id(), "T" + t, ValueType.DOUBLE).units("u").build();
                edits.add(new ModelEdit.PutTag(tag));
                tags.add(tag.id());
            }
        }
        for (AlarmDef a : BenchProject.alarmsFor(tags, 85, 15)) {
            edits.add(new ModelEdit.PutAlarm(a));
        }
        ModelSnapshot model = ModelSnapshot.empty().apply(edits).snapshot();
        long[] events = new long[1];
        Alarms alarms = new Alarms(e -> events[0]++, () -> model, id -> null,
                r -> {
                    r.run();
                    return CompletableFuture.completedFuture(null);
                }, Micros::now);
        var stage = alarms.stage();
        stage.modelChanged(model);
        // Samples carry their own UUID instances, as samples from a connector or the API do.
        List<UUID> keys = tags.stream().map(u -> new UUID(u.getMostSignificantBits(), u.getLeastSignificantBits())).toList();
        long x = Micros.now() - 3_600 * Micros.PER_SECOND;
        long timed = 0;
        long samples = 0;
        long warmupRounds = rounds / 4;
        for (int round = 0; round < rounds; round++, x += 10 * Micros.PER_MS) {
            List<List<TagSample>> batches = new ArrayList<>();
            List<TagSample> batch = new ArrayList<>(1000);
            for (int i = 0; i < keys.size(); i++) {
                double phase = 2 * Math.PI * ((round + (long) i * 7) % AlarmPipelineBenchmark.PERIOD_ROUNDS) / AlarmPipelineBenchmark.PERIOD_ROUNDS;
                batch.add(new TagSample(keys.get(i), Sample.of(x, 50 + 40 * Math.sin(phase))));
                if (batch.size() == 1000) {
                    batches.add(batch);
                    batch = new ArrayList<>(1000);
                }
            }
            long t0 = System.nanoTime();
            for (List<TagSample> b : batches) {
                stage.process(b);
            }
            stage.tick(Micros.now());
            long dt = System.nanoTime() - t0;
            if (round >= warmupRounds) {
                timed += dt;
                samples += keys.size();
            }
        }
        double ns = timed / (double) samples;
        boolean pass = ns < 1000;
        System.out.printf("alarm-stage: evaluating 10,000 alarm definitions costs %.0f ns per sample on the loop thread"
                + " (%,d samples, %,d transitions; goal < 1000 ns): %s%n", ns, samples, events[0], pass ? "PASS" : "FAIL");
        System.exit(pass ? 0 : 1);
    }
}
