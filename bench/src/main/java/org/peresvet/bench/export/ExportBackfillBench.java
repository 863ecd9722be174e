package org.peresvet.bench.export;

import java.nio.file.Path;
import java.time.Duration;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;

/**
 * Backfill after an outage: while VictoriaMetrics is down, a 10-minute outage at 10,000
 * samples/s (6 million samples, batched as the exporter batches them live: 10,000 samples per
 * batch) goes into the durable queue; then the server starts and the time to drain the queue is
 * measured, while live samples keep arriving at 10,000/s. Target: at least 200,000 samples/s.
 *
 * <p>The outage is compressed: its samples carry 10 minutes of timestamps but are queued as fast
 * as the exporter takes them; {@code --real-time} waits the full outage instead. Options:
 * {@code --outage-seconds=600 --rate=10000 --tags=1000 --target=200000 --real-time}.
 */
public final class ExportBackfillBench {
    private ExportBackfillBench() {
    }

    public static void main(String[] args) throws Exception {
        long outage = ExportBench.arg(args, "outage-seconds", 600);
        long rate = ExportBench.arg(args, "rate", 10_000);
        int tags = (int) ExportBench.arg(args, "tags", 1000);
        long target = ExportBench.arg(args, "target", 200_000);
        boolean realTime = ExportBench.flag(args, "real-time");
        Path dir = ExportBench.tempDir("backfill");
        ModelSnapshot model = ExportBench.model(tags / 10, 10);
        boolean ok;
        try (ExportBench.Vm vm = new ExportBench.Vm(dir)) {
            ExportConfig config = ExportConfig.of(ExportConfig.Target.of("bench", vm.url()));
            try (Exporters x = Exporters.start(config, dir.resolve("queue"), () -> model)) {
                long tickMicros = 1_000_000L * tags / rate;
                long outageTicks = outage * rate / tags;
                ExportBench.Generator gen = new ExportBench.Generator(model, Micros.now() - outage * 1_000_000L - 60_000_000L, tickMicros);
                long ticksPerSecond = Math.max(1, rate / tags);
                long fill0 = System.nanoTime();
                for (long t = 0; t < outageTicks; t += ticksPerSecond) {
                    x.sink().accepted(gen.next((int) ticksPerSecond));
                    if (realTime) {
                        ExportBench.sleep(Duration.ofSeconds(1));
                    } else if (x.status().bufferedSamples() > 1_000_000) {
                        x.flush();
                    }
                }
                x.flush();
                long backlog = ExportBench.target(x).unsentSamples();
                System.out.printf("export-backfill: queued %s samples (%s MiB on disk) in %.1f s while the server was down%n",
                        ExportBench.fmt(backlog), ExportBench.fmt(ExportBench.target(x).queueBytes() / 1048576.0),
                        (System.nanoTime() - fill0) / 1e9);

                // Live samples keep coming during the drain.
                Thread live = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        x.sink().accepted(gen.next((int) Math.max(1, ticksPerSecond / 10)));
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "live-feed");
                vm.start();
                long started = System.nanoTime();
                live.start();
                long firstAccepted = 0;
                long cpu0 = ExportBench.exporterCpuNanos();
                while (ExportBench.target(x).sentSamples() < backlog) {
                    if (firstAccepted == 0 && ExportBench.target(x).sentSamples() > 0) {
                        firstAccepted = System.nanoTime();
                    }
                    Thread.sleep(10);
                }
                long done = System.nanoTime();
                long cpu1 = ExportBench.exporterCpuNanos();
                live.interrupt();
                live.join();
                long sent = ExportBench.target(x).sentSamples();
                if (firstAccepted == 0) {
                    firstAccepted = done;
                }
                double drainSecs = (done - firstAccepted) / 1e9;
                double drainRate = sent / Math.max(drainSecs, 1e-3);
                double fromStart = sent / ((done - started) / 1e9);
                ok = drainRate >= target;
                System.out.printf("export-backfill: drained %s samples (backlog + live) in %.1f s: %s samples/s "
                                + "(%.1f s from server start to first acceptance, the retry back-off; %s samples/s counting it)%n",
                        ExportBench.fmt(sent), drainSecs, ExportBench.fmt(drainRate), (firstAccepted - started) / 1e9,
                        ExportBench.fmt(fromStart));
                System.out.printf("export-backfill: exporter threads CPU during the drain %.0f %% of one core%n",
                        (cpu1 - cpu0) / 1e9 / ((done - started) / 1e9) * 100);
                System.out.printf("export-backfill: %s (target >= %s samples/s)%n", ok ? "PASS" : "FAIL", ExportBench.fmt(target));
                x.awaitDrained(Duration.ofSeconds(60));
            }
        } finally {
            ExportBench.deleteTree(dir);
        }
        System.exit(ok ? 0 : 1);
    }
}
