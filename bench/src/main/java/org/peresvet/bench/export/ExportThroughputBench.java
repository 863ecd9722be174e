package org.peresvet.bench.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagSample;

/**
 * Sustained export to a real VictoriaMetrics on loopback: samples are offered as fast as the
 * exporter takes them (the in-memory hand-off and the unsent queue are kept under 2 million
 * samples), and the rate the server accepted them is measured after a warm-up.
 * Target: at least 300,000 samples/s.
 *
 * <p>Options: {@code --seconds=30 --warmup=5 --tags=1000 --target=300000}.
 */
public final class ExportThroughputBench {
    private ExportThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = ExportBench.arg(args, "seconds", 30);
        long warmup = ExportBench.arg(args, "warmup", 5);
        int tags = (int) ExportBench.arg(args, "tags", 1000);
        long target = ExportBench.arg(args, "target", 300_000);
        Path dir = ExportBench.tempDir("throughput");
        ModelSnapshot model = ExportBench.model(tags / 10, 10);
        boolean ok;
        try (ExportBench.Vm vm = new ExportBench.Vm(dir).start()) {
            ExportConfig config = ExportConfig.of(ExportConfig.Target.of("bench", vm.url()));
            try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
                ExportBench.Generator gen = new ExportBench.Generator(model, Micros.now() - 86_400_000_000L, 1000);
                long deadline = System.nanoTime() + Duration.ofSeconds(warmup + seconds).toNanos();
                long measureFrom = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
                long sent0 = -1;
                long cpu0 = 0;
                long vmCpu0 = 0;
                long t0 = 0;
                long offered = 0;
                int ticks = Math.max(1, 10_000 / tags);
                while (System.nanoTime() < deadline) {
                    if (sent0 < 0 && System.nanoTime() >= measureFrom) {
                        sent0 = ExportBench.target(x).sentSamples();
                        cpu0 = ExportBench.exporterCpuNanos();
                        vmCpu0 = vm.cpuMillis();
                        t0 = System.nanoTime();
                    }
                    var st = x.status();
                    if (st.bufferedSamples() + st.targets().get(0).unsentSamples() > 2_000_000) {
                        Thread.sleep(1);
                        continue;
                    }
                    List<TagSample> batch = gen.next(ticks);
                    x.sink().accepted(batch);
                    offered += batch.size();
                }
                long sent1 = ExportBench.target(x).sentSamples();
                long t1 = System.nanoTime();
                long cpu1 = ExportBench.exporterCpuNanos();
                long vmCpu1 = vm.cpuMillis();
                double secs = (t1 - t0) / 1e9;
                double rate = (sent1 - sent0) / secs;
                ok = rate >= target;
                System.out.printf("export-throughput: %s samples/s accepted by VictoriaMetrics over %.1f s "
                                + "(%s offered in all; %d tags, batches of 10000, gzip JSON lines)%n",
                        ExportBench.fmt(rate), secs, ExportBench.fmt(offered), tags);
                System.out.printf("export-throughput: exporter threads CPU %.0f %% of one core; VictoriaMetrics CPU %.0f %% of one core%n",
                        (cpu1 - cpu0) / 1e9 / secs * 100, (vmCpu1 - vmCpu0) / 1000.0 / secs * 100);
                System.out.printf("export-throughput: %s (target >= %s samples/s)%n", ok ? "PASS" : "FAIL", ExportBench.fmt(target));
                x.awaitDrained(Duration.ofSeconds(60));
            }
        } finally {
            ExportBench.deleteTree(dir);
        }
        System.exit(ok ? 0 : 1);
    }
}
