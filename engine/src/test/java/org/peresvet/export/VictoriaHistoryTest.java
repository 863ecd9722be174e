package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.export.internal.MergedSource;
import org.peresvet.history.Bin;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryQueries;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.MemorySampleSource;
import org.peresvet.history.SampleSource;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** History older than local history comes from VictoriaMetrics, merged without a seam. */
class VictoriaHistoryTest {
    private static final long DAY = 86_400L * Micros.PER_SECOND;

    @TempDir
    Path dir;

    @Test
    void aMergedSourceAnswersEveryQueryLikeOneSourceWithAllSamples() {
        Random rnd = new Random(42);
        List<Sample> all = new ArrayList<>();
        long x = 1_000_000;
        for (int i = 0; i < 400; i++) {
            x += 1 + rnd.nextInt(5000);
            all.add(new Sample(x, i % 37 == 0 ? null : (double) rnd.nextInt(100), i % 37 == 0 ? Quality.CONNECTION_LOST : null));
        }
        long cutoff = all.get(173).x();
        SampleSource whole = new MemorySampleSource(all);
        SampleSource merged = new MergedSource(new MemorySampleSource(all.stream().filter(s -> s.x() < cutoff).toList()),
                new MemorySampleSource(all.stream().filter(s -> s.x() >= cutoff).toList()), cutoff);
        long first = all.get(0).x();
        long last = all.get(all.size() - 1).x();
        long now = last + 10_000;
        for (int k = 0; k < 300; k++) {
            long a = first - 5000 + (long) (rnd.nextDouble() * (last - first + 10_000));
            long b = first - 5000 + (long) (rnd.nextDouble() * (last - first + 10_000));
            long start = Math.min(a, b);
            long finish = Math.max(a, b);
            List<HistoryQuery> queries = List.of(
                    HistoryQuery.range(null, start, finish),
                    HistoryQuery.range(null, start, finish).withActual(true),
                    HistoryQuery.range(null, start, finish).withCount(1 + rnd.nextInt(20)),
                    HistoryQuery.range(null, start, finish).withMaxCount(1 + rnd.nextInt(20)),
                    HistoryQuery.range(null, start, finish).withTimeStep(1 + (finish - start) / 17),
                    HistoryQuery.current(null).withFinish(finish),
                    HistoryQuery.current(null).withFinish(finish).withCount(1 + rnd.nextInt(30)),
                    HistoryQuery.current(null).withFinish(finish).withActual(true));
            for (HistoryQuery q : queries) {
                TagHistory expected = HistoryQueries.run(q, ValueType.DOUBLE, false, whole, now);
                TagHistory got = HistoryQueries.run(q, ValueType.DOUBLE, false, merged, now);
                assertThat(got).as("%s", q).isEqualTo(expected);
            }
        }
    }

    @Test
    void theEngineReadsHistoryOlderThanItsLocalHistoryFromVictoriaMetrics() throws Exception {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        long now = Micros.now();
        long oldStart = (now - 40 * DAY) / 1000 * 1000;
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            ExportConfig config = ExportConfig.of(ExportConfig.Target.of("vm", vm.url()));
            // Forty days ago, another installation exported the tags; this project's local history is new.
            List<TagSample> old = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                old.add(new TagSample(f.level.id(), Sample.of(oldStart + i * 60_000_000L, (double) i)));
                old.add(new TagSample(f.count.id(), new Sample(oldStart + i * 60_000_000L, i == 500 ? null : (long) i,
                        i == 500 ? Quality.SOURCE_LOST : null)));
                old.add(new TagSample(f.running.id(), Sample.of(oldStart + i * 60_000_000L, i % 2 == 0)));
            }
            try (Exporters x = Exporters.start(config, dir.resolve("old-queue"), () -> model)) {
                x.sink().accepted(old);
                assertThat(x.awaitDrained(Duration.ofSeconds(30))).isTrue();
            }
            vm.awaitExport("{tag_id=\"" + f.level.id() + "\"}", oldStart / 1000, oldStart / 1000 + 1000 * 60_000L,
                    l -> ExportFixtures.total(l) >= 2000, Duration.ofSeconds(20));

            config.save(dir.resolve("project"));
            try (Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet())) {
                e.telemetry().attachExporters();
                e.start();
                e.edit(f.edits());
                long recent = now - DAY;
                List<TagSample> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(new TagSample(f.level.id(), Sample.of(recent + i * 1_000_000L, 5000.0 + i)));
                }
                e.write(batch);
                e.flush();

                // One answer across both stores: old samples from VictoriaMetrics, recent ones local.
                TagHistory h = e.history(HistoryQuery.range(f.level.id(), oldStart - DAY, now).withActual(true));
                assertThat(h.data()).hasSize(1100);
                assertThat(h.data().get(0)).isEqualTo(Sample.of(oldStart, 0.0));
                assertThat(h.data().get(999)).isEqualTo(Sample.of(oldStart + 999 * 60_000_000L, 999.0));
                assertThat(h.data().get(1000)).isEqualTo(Sample.of(recent, 5000.0));

                // Boundary points and series interpolate across the seam.
                long mid = oldStart + 999 * 60_000_000L + (recent - oldStart - 999 * 60_000_000L) / 2;
                TagHistory at = e.history(HistoryQuery.current(f.level.id()).withFinish(mid));
                assertThat((Double) at.data().get(0).y()).isCloseTo(2999.5, org.assertj.core.data.Offset.offset(1e-6));
                TagHistory series = e.history(HistoryQuery.range(f.level.id(), oldStart, oldStart + 10 * 60_000_000L)
                        .withTimeStep(30_000_000L));
                assertThat(series.data()).hasSize(21);
                assertThat((Double) series.data().get(1).y()).isEqualTo(0.5);

                // The last N before a moment reach back into VictoriaMetrics when local history has fewer.
                TagHistory lastN = e.history(HistoryQuery.current(f.level.id()).withFinish(recent + 5_000_000L).withCount(10));
                assertThat(lastN.data()).extracting(Sample::y)
                        .containsExactly(996.0, 997.0, 998.0, 999.0, 5000.0, 5001.0, 5002.0, 5003.0, 5004.0, 5005.0);

                // A tag with no local history: VictoriaMetrics answers before the start of local retention.
                TagHistory counts = e.history(HistoryQuery.range(f.count.id(), oldStart, oldStart + 600 * 60_000_000L).withActual(true));
                assertThat(counts.data()).hasSize(601);
                assertThat(counts.data().get(3)).isEqualTo(Sample.of(oldStart + 3 * 60_000_000L, 3L));
                assertThat(counts.data().get(500)).isEqualTo(new Sample(oldStart + 500 * 60_000_000L, null, Quality.SOURCE_LOST));
                TagHistory bools = e.history(HistoryQuery.range(f.running.id(), oldStart, oldStart + 60_000_000L).withActual(true));
                assertThat(bools.data()).extracting(Sample::y).containsExactly(true, false);

                // A trend's bins over both stores: raw when few, else binned; no gap and no duplicate at the seam.
                long end = recent + 99_000_000L;
                BinnedHistory raw = e.history().bins(new BinQuery(f.level.id(), oldStart, end, 2000));
                assertThat(raw.raw()).isTrue();
                assertThat(raw.samples()).isEqualTo(e.history(HistoryQuery.range(f.level.id(), oldStart, end).withActual(true)).data());
                BinnedHistory binned = e.history().bins(new BinQuery(f.level.id(), oldStart, end, 500));
                assertThat(binned.raw()).isFalse();
                assertThat(binned.sampleCount()).isEqualTo(1100);
                assertThat(binned.bins().get(0).first()).isEqualTo(Sample.of(oldStart, 0.0));
                assertThat(binned.bins().get(binned.bins().size() - 1).last()).isEqualTo(Sample.of(end, 5099.0));
                assertThat(binned.bins().stream().filter(b -> b.end() <= recent).mapToInt(Bin::count).sum()).isEqualTo(1000);
                assertThat(binned.bins().stream().filter(b -> b.end() <= recent).mapToDouble(Bin::max).max().orElseThrow()).isEqualTo(999.0);

                // The server goes away: the local part still answers.
                vm.stop();
                TagHistory localOnly = e.history(HistoryQuery.range(f.level.id(), oldStart - DAY, now).withActual(true));
                assertThat(localOnly.data()).hasSize(100);
            }
        }
    }
}
