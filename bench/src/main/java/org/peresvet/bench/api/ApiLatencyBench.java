package org.peresvet.bench.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure: {@code GET /v1/data/?tagId=…} (the current value) answers with p99 &lt; 5 ms while 50
 * clients ask at once on loopback. Each client sends its next request as soon as the last one
 * was answered, for a random tag; meanwhile the engine takes 1,000 samples/s, so the values
 * change. Runs its own engine and API on a loopback port; the clients run in the same JVM.
 *
 * <pre>java -cp bench/target/classes:bench/target/lib/* org.peresvet.bench.api.ApiLatencyBench
 *      [--clients 50] [--tags 100] [--seconds 20] [--warmup 5]</pre>
 */
public final class ApiLatencyBench {
    private static final double FIGURE_MS = 5.0;

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(BenchTarget.arg(args, "clients", "50"));
        int nTags = Integer.parseInt(BenchTarget.arg(args, "tags", "100"));
        int seconds = Integer.parseInt(BenchTarget.arg(args, "seconds", "20"));
        int warmup = Integer.parseInt(BenchTarget.arg(args, "warmup", "5"));

        try (BenchTarget target = new BenchTarget(nTags)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> feed(target, stop), "bench-feed");
            writer.setDaemon(true);
            writer.start();

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
            List<URI> uris = new ArrayList<>();
            for (UUID id : target.tags) {
                uris.add(URI.create(target.url() + "/v1/data/?tagId=" + id));
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            CountDownLatch ready = new CountDownLatch(clients);
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                results.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    ready.countDown();
                    ready.await();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        URI uri = uris.get(ThreadLocalRandom.current().nextInt(uris.size()));
                        HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(uri).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t0;
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException("GET answered " + resp.statusCode());
                        }
                        if (t0 >= warmEnd) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = took;
                        }
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                all.add(f.get());
            }
            pool.shutdown();
            stop.set(true);
            long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double p50 = ms(lat, 0.50);
            double p99 = ms(lat, 0.99);
            double p999 = ms(lat, 0.999);
            double max = lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6;
            System.out.printf("API current value: %,d GETs by %d clients in %d s (%,.0f/s); latency p50 %.2f ms, "
                            + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; figure p99 < %.0f ms: %s%n",
                    lat.length, clients, seconds, lat.length / (double) seconds, p50, p99, p999, max, FIGURE_MS,
                    p99 < FIGURE_MS && lat.length > 0 ? "PASS" : "FAIL");
        }
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** 1,000 samples/s: every tag gets a new value ten times a second. */
    private static void feed(BenchTarget target, AtomicBoolean stop) {
        long k = 0;
        while (!stop.get()) {
            List<TagSample> batch = new ArrayList<>(target.tags.size());
            long now = Micros.now();
            for (UUID id : target.tags) {
                batch.add(new TagSample(id, Sample.of(now, (double) (k++ % 1000))));
            }
            target.engine.write(batch);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
