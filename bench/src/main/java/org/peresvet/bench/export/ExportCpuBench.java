package org.peresvet.bench.export;

import java.nio.file.Path;
import java.time.Duration;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;

/**
 * Exporter CPU at a plant's pace: 10,000 samples/s in real time (1,000 tags, every 100 ms) to a
 * real VictoriaMetrics; the CPU time of the exporter threads (batcher and sender, from
 * ThreadMXBean) over the measured period, as a share of one core. Target: at most 10 %.
 *
 * <p>Options: {@code --seconds=60 --warmup=10 --rate=10000 --tags=1000 --target-percent=10}.
 */
public final class ExportCpuBench {
    private ExportCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = ExportBench.arg(args, "seconds", 60);
        long warmup = ExportBench.arg(args, "warmup", 10);
        long rate = ExportBench.arg(args, "rate", 10_000);
        int tags = (int) ExportBench.arg(args, "tags", 1000);
        long targetPercent = ExportBench.arg(args, "target-percent", 10);
        Path dir = ExportBench.tempDir("cpu");
        ModelSnapshot model = ExportBench.model(tags / 10, 10);
        boolean ok;
        try (ExportBench.Vm vm = new ExportBench.Vm(dir).start()) {
            ExportConfig config = ExportConfig.of(ExportConfig.Target.of("bench", vm.url()));
            try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
                long periodMs = 100;
                long ticksPerPeriod = Math.max(1, rate * periodMs / 1000 / tags);
                ExportBench.Generator gen = new ExportBench.Generator(model, Micros.now(), periodMs * 1000 / ticksPerPeriod);
                long start = System.nanoTime();
                long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
                long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
                long cpu0 = -1;
                long sent0 = 0;
                long t0 = 0;
                long next = start;
                while (System.nanoTime() < end) {
                    if (cpu0 < 0 && System.nanoTime() >= measureFrom) {
                        cpu0 = ExportBench.exporterCpuNanos();
                        sent0 = ExportBench.target(x).sentSamples();
                        t0 = System.nanoTime();
                    }
                    x.sink().accepted(gen.next((int) ticksPerPeriod));
                    next += periodMs * 1_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                }
                long cpu1 = ExportBench.exporterCpuNanos();
                long t1 = System.nanoTime();
                long sent1 = ExportBench.target(x).sentSamples();
                double secs = (t1 - t0) / 1e9;
                double percent = (cpu1 - cpu0) / 1e9 / secs * 100;
                ok = percent <= targetPercent && ExportBench.target(x).lastError() == null;
                System.out.printf("export-cpu: %s samples/s offered, %s samples/s accepted by the server over %.0f s%n",
                        ExportBench.fmt(ticksPerPeriod * tags * 1000.0 / periodMs), ExportBench.fmt((sent1 - sent0) / secs), secs);
                System.out.printf("export-cpu: exporter threads used %.2f %% of one core (%.0f ms CPU)%n", percent, (cpu1 - cpu0) / 1e6);
                System.out.printf("export-cpu: %s (target <= %d %%)%n", ok ? "PASS" : "FAIL", targetPercent);
            }
        } finally {
            ExportBench.deleteTree(dir);
        }
        System.exit(ok ? 0 : 1);
    }
}
