package org.peresvet.bench.api;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.peresvet.api.ApiConfig;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure (issue 25): {@code GET /v1/health} p99 &lt; 20 ms while 50 slow clients hang (half-sent
 * requests, a byte now and then) and 4 maximal legal queries run at once (each a {@code timeStep}
 * series of exactly {@code api.maxPointsPerAnswer} = 1,000,000 points, asked again as soon as
 * it is answered). Health is asked every 20 ms on its own keep-alive connection.
 *
 * <pre>java -Xmx1g -cp bench/target/classes:bench/target/lib/* org.peresvet.bench.api.ApiHealthUnderAbuseBench [--seconds 20]</pre>
 */
public final class ApiHealthUnderAbuseBench {
    private static final double FIGURE_P99_MS = 20.0;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(BenchTarget.arg(args, "seconds", "20"));
        long cap = ApiConfig.DEFAULT_MAX_POINTS;
        try (BenchTarget target = new BenchTarget(4)) {
            long t0 = 1_700_000_000_000_000L;
            List<TagSample> batch = new ArrayList<>();
            for (UUID tag : target.tags) {
                for (int i = 0; i < 10_000; i++) {
                    batch.add(new TagSample(tag, new Sample(t0 + i * 100_000_000L, (double) (i % 100), null)));
                }
            }
            target.engine.write(batch);
            target.engine.flush();
            URI base = URI.create(target.url());
            AtomicBoolean stop = new AtomicBoolean();

            // 50 slow clients: half a request each, a byte every second.
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                s.getOutputStream().write(("GET /v1/health HTTP/1.1\r\nHost: " + base.getHost() + "\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            Thread trickle = new Thread(() -> {
                while (!stop.get()) {
                    for (Socket s : slow) {
                        try {
                            OutputStream o = s.getOutputStream();
                            o.write('a');
                            o.flush();
                        } catch (Exception e) {
                            // dropped by the server
                        }
                    }
                    sleep(1000);
                }
            }, "bench-slow");
            trickle.setDaemon(true);
            trickle.start();

            // 4 maximal legal queries, again and again: timeStep series of exactly the cap.
            long step = 1_000L;
            long finish = t0 + (cap - 1) * step;
            AtomicLong answered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            List<Thread> heavy = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                UUID tag = target.tags.get(q);
                String path = "/v1/data/?tagId=" + tag + "&start=" + t0 + "&finish=" + finish + "&timeStep=" + step;
                Thread t = new Thread(() -> {
                    try (KeepAliveClient c = new KeepAliveClient(base.getHost(), base.getPort())) {
                        while (!stop.get()) {
                            int st = c.get(path);
                            (st == 200 ? answered : refused).incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (!stop.get()) {
                            System.out.println("heavy query failed: " + e);
                        }
                    }
                }, "bench-heavy-" + q);
                t.setDaemon(true);
                t.start();
                heavy.add(t);
            }
            sleep(2000);

            long[] lat = new long[seconds * 50 + 10];
            int n = 0;
            try (KeepAliveClient health = new KeepAliveClient(base.getHost(), base.getPort())) {
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long due = System.nanoTime();
                while (System.nanoTime() < end && n < lat.length) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long s = System.nanoTime();
                    int st = health.get("/v1/health");
                    lat[n++] = System.nanoTime() - Math.min(s, due); // counted from when it was due
                    if (st != 200) {
                        throw new IllegalStateException("health answered " + st);
                    }
                    due += 20_000_000L;
                }
            }
            stop.set(true);
            for (Socket s : slow) {
                s.close();
            }
            long[] sorted = Arrays.copyOf(lat, n);
            Arrays.sort(sorted);
            double p50 = ApiHistoryAnswerBench.ms(sorted, 0.50);
            double p99 = ApiHistoryAnswerBench.ms(sorted, 0.99);
            System.out.printf("API health under abuse: %d health calls in %d s with 50 slow clients and 4 maximal "
                            + "queries (%,d points each; %d answered, %d refused 503 while busy); health p50 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms; heap used %d MiB; load average %.2f; figure p99 < %.0f ms: %s%n",
                    n, seconds, cap, answered.get(), refused.get(), p50, p99, sorted[n - 1] / 1e6,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), FIGURE_P99_MS,
                    p99 < FIGURE_P99_MS ? "PASS" : "FAIL");
        }
    }

    private static void sleep(long ms) {
        sleep(ms, 0);
    }

    private static void sleep(long ms, int nanos) {
        try {
            Thread.sleep(ms, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
