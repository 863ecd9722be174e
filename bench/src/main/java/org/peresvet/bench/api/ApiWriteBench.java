package org.peresvet.bench.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.peresvet.model.Micros;

/**
 * Figure: {@code POST /v1/data/} in batches of 10,000 samples puts at least 200,000 samples/s into
 * the engine. Each answer comes after the engine applied the batch and wrote it to the history
 * file, so the rate is end to end. Runs its own engine and API on a loopback port.
 *
 * <pre>java -cp bench/target/classes:bench/target/lib/* org.peresvet.bench.api.ApiWriteBench
 *      [--tags 100] [--batch 10000] [--batches 200] [--clients 2] [--warmup 20]</pre>
 */
public final class ApiWriteBench {
    private static final double FIGURE = 200_000;

    public static void main(String[] args) throws Exception {
        int nTags = Integer.parseInt(BenchTarget.arg(args, "tags", "100"));
        int batch = Integer.parseInt(BenchTarget.arg(args, "batch", "10000"));
        int batches = Integer.parseInt(BenchTarget.arg(args, "batches", "200"));
        int clients = Integer.parseInt(BenchTarget.arg(args, "clients", "2"));
        int warmup = Integer.parseInt(BenchTarget.arg(args, "warmup", "20"));

        try (BenchTarget target = new BenchTarget(nTags)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create(target.url() + "/v1/data/");
            long t0 = Micros.now() - 3_600_000_000L; // an hour ago: every sample is in the past
            AtomicInteger seq = new AtomicInteger();
            // Bodies are built before timing: the figure is the server's, not the JSON writer's.
            int total = warmup + batches;
            List<byte[]> bodies = new ArrayList<>(total);
            for (int b = 0; b < total; b++) {
                bodies.add(body(target.tags, batch, t0, b));
            }
            run(http, uri, bodies.subList(0, warmup), clients, seq);
            target.engine.flush();
            long receivedBefore = target.engine.status().samplesReceived();

            long start = System.nanoTime();
            run(http, uri, bodies.subList(warmup, total), clients, seq);
            double seconds = (System.nanoTime() - start) / 1e9;
            long received = target.engine.status().samplesReceived() - receivedBefore;
            target.engine.flush();
            long samples = (long) batches * batch;
            double rate = samples / seconds;
            System.out.printf("engine: %,d samples received, %,d accepted, %,d written to history%n",
                    received, target.engine.status().samplesAccepted(), target.engine.status().historyWritten());
            System.out.printf("API write: %,d samples in %d POSTs of %,d (%d clients) in %.2f s = %,.0f samples/s; "
                            + "figure >= %,.0f samples/s: %s%n",
                    samples, batches, batch, clients, seconds, rate, FIGURE,
                    rate >= FIGURE && received == samples ? "PASS" : "FAIL");
        }
    }

    private static void run(HttpClient http, URI uri, List<byte[]> bodies, int clients, AtomicInteger seq) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                    HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("POST answered " + resp.statusCode() + ": " + resp.body());
                    }
                    seq.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** One batch: the samples spread over the tags, each tag's x increasing by 1 ms per sample. */
    private static byte[] body(List<UUID> tags, int batch, long t0, int b) {
        int perTag = batch / tags.size();
        StringBuilder sb = new StringBuilder(batch * 40);
        sb.append("{\"data\":[");
        for (int t = 0; t < tags.size(); t++) {
            if (t > 0) {
                sb.append(',');
            }
            sb.append("{\"tagId\":\"").append(tags.get(t)).append("\",\"data\":[");
            int n = t < batch % tags.size() ? perTag + 1 : perTag;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                long x = t0 + ((long) b * (perTag + 1) + i) * 1000L;
                sb.append('[').append(x).append(',').append(((b * 31 + i * 7 + t) % 1000) / 10.0).append(",null]");
            }
            sb.append("]}");
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
