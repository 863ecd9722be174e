package org.peresvet.bench.api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure: {@code GET /v1/data/?tagId=…} (the current value) answers with p99 &lt; 5 ms with 50
 * concurrent clients on loopback. Runs its own engine and API on a loopback port; the clients
 * (a thread pool of 50 sharing one {@code java.net.http.HttpClient}) run in the same JVM.
 * Meanwhile the engine takes 1,000 samples/s, so the values change.
 *
 * <p>Two modes. Paced (default, {@code --interval 20}): each client asks for a random tag every
 * 20 ms (50 clients: 2,500 requests/s), and a request's latency counts from the moment it was
 * due, so time spent waiting behind a slow answer is included. Saturated ({@code --interval 0}):
 * each client asks again as soon as it has its answer; then latency is mostly queueing, 50
 * clients divided by the throughput the machine's cores give client and server together.
 *
 * <pre>java -cp bench/target/classes:bench/target/lib/* org.peresvet.bench.api.ApiLatencyBench
 *      [--clients 50] [--interval 20] [--tags 100] [--seconds 20] [--warmup 5] [--client socket|jdk]</pre>
 *
 * <p>Clients: {@code socket} (default), one keep-alive HTTP/1.1 connection per client on a plain
 * blocking socket ({@link KeepAliveClient}), like independent scripts; {@code jdk}, one shared
 * {@code java.net.http.HttpClient}, whose own CPU (about twice the server's per request) competes
 * with the server for the same cores.
 */
public final class ApiLatencyBench {
    private static final double FIGURE_MS = 5.0;

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(BenchTarget.arg(args, "clients", "50"));
        long intervalMs = Long.parseLong(BenchTarget.arg(args, "interval", "20"));
        int nTags = Integer.parseInt(BenchTarget.arg(args, "tags", "100"));
        int seconds = Integer.parseInt(BenchTarget.arg(args, "seconds", "20"));
        int warmup = Integer.parseInt(BenchTarget.arg(args, "warmup", "5"));
        long intervalNanos = intervalMs * 1_000_000L;
        String clientKind = BenchTarget.arg(args, "client", "socket");
        if (!clientKind.equals("socket") && !clientKind.equals("jdk")) {
            throw new IllegalArgumentException("--client must be socket or jdk");
        }

        try (BenchTarget target = new BenchTarget(nTags)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> feed(target, stop), "bench-feed");
            writer.setDaemon(true);
            writer.start();

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4, r -> named(r, "bench-http")))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<URI> uris = new ArrayList<>();
            for (UUID id : target.tags) {
                uris.add(URI.create(target.url() + "/v1/data/?tagId=" + id));
            }
            URI base = URI.create(target.url());
            ExecutorService pool = Executors.newFixedThreadPool(clients, r -> named(r, "bench-client"));
            long begin = System.nanoTime() + 200_000_000L;
            long warmEnd = begin + warmup * 1_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            CountDownLatch warm = new CountDownLatch(clients);
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                // Paced clients start spread over one interval, as independent clients would.
                long first = begin + (intervalNanos == 0 ? 0 : intervalNanos * c / clients);
                Getter getter;
                if (clientKind.equals("jdk")) {
                    getter = uri -> http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                            .statusCode();
                } else {
                    KeepAliveClient kc = new KeepAliveClient(base.getHost(), base.getPort());
                    getter = uri -> kc.get(uri.getRawPath() + "?" + uri.getRawQuery());
                }
                results.add(pool.submit(() -> run(getter, uris, first, intervalNanos, warmEnd, end, warm)));
            }
            warm.await();
            Map<String, Long> cpuBefore = cpuByThreadGroup();
            long[] serverBefore = serverBuckets(http, target.url());
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                all.add(f.get());
            }
            Map<String, Long> cpuAfter = cpuByThreadGroup();
            long[] serverAfter = serverBuckets(http, target.url());
            pool.shutdown();
            stop.set(true);

            long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long server = delta(cpuBefore, cpuAfter, "server");
            long client = delta(cpuBefore, cpuAfter, "client");
            double p99 = ms(lat, 0.99);
            String mode = (intervalNanos == 0 ? "saturated (no pause between requests)"
                    : String.format("paced, one request per client every %d ms", intervalMs))
                    + (clientKind.equals("jdk") ? ", java.net.http.HttpClient" : ", keep-alive socket per client");
            System.out.printf("CPU per request: server %.0f µs (HTTP dispatcher and API threads), client %.0f µs "
                            + "(client threads); %d cores, load average %.2f%n",
                    lat.length == 0 ? 0.0 : server / 1e3 / lat.length, lat.length == 0 ? 0.0 : client / 1e3 / lat.length,
                    Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("Server handling time (from the API's histogram; the dispatcher's hand-off and the "
                    + "client are not in it): " + serverSummary(serverBefore, serverAfter));
            System.out.printf("API current value: %,d GETs by %d clients in %d s (%,.0f/s), %s; latency p50 %.2f ms, "
                            + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; figure p99 < %.0f ms: %s%n",
                    lat.length, clients, seconds, lat.length / (double) seconds, mode, ms(lat, 0.50), p99,
                    ms(lat, 0.999), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, FIGURE_MS,
                    p99 < FIGURE_MS && lat.length > 0 ? "PASS" : "FAIL");
        }
    }

    /** One client's request: GET the URI, return the status. */
    @FunctionalInterface
    private interface Getter {
        int get(URI uri) throws Exception;
    }

    private static long[] run(Getter http, List<URI> uris, long first, long intervalNanos, long warmEnd, long end,
                              CountDownLatch warm) throws Exception {
        long[] lat = new long[1 << 14];
        int n = 0;
        boolean warmed = false;
        long due = first;
        while (true) {
            long now = System.nanoTime();
            if (intervalNanos > 0 && due > now) {
                LockSupport.parkNanos(due - now);
            }
            long start = intervalNanos > 0 ? due : System.nanoTime();
            if (start >= end) {
                break;
            }
            if (!warmed && start >= warmEnd) {
                warmed = true;
                warm.countDown();
            }
            URI uri = uris.get(ThreadLocalRandom.current().nextInt(uris.size()));
            int status = http.get(uri);
            long took = System.nanoTime() - start;
            if (status != 200) {
                throw new IllegalStateException("GET answered " + status);
            }
            if (start >= warmEnd) {
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = took;
            }
            due += intervalNanos;
        }
        if (!warmed) {
            warm.countDown();
        }
        return Arrays.copyOf(lat, n);
    }

    private static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

    /** The cumulative bucket counts of GET /v1/data/ in the API's request duration histogram. */
    private static long[] serverBuckets(HttpClient http, String url) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long[] out = new long[BOUNDS.length + 1];
        String prefix = "peresvet_api_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/data/\",le=\"";
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                String le = line.substring(prefix.length(), line.indexOf('"', prefix.length()));
                long v = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                int i = le.equals("+Inf") ? BOUNDS.length : Arrays.binarySearch(BOUNDS, Double.parseDouble(le));
                if (i >= 0) {
                    out[i] = v;
                }
            }
        }
        return out;
    }

    private static String serverSummary(long[] before, long[] after) {
        long total = after[BOUNDS.length] - before[BOUNDS.length];
        if (total <= 0) {
            return "no data";
        }
        int i5 = Arrays.binarySearch(BOUNDS, 0.005);
        double under5 = 100.0 * (after[i5] - before[i5]) / total;
        String p99 = "> 10 s";
        for (int i = 0; i < BOUNDS.length; i++) {
            if (after[i] - before[i] >= Math.ceil(0.99 * total)) {
                p99 = "<= " + BOUNDS[i] * 1000 + " ms";
                break;
            }
        }
        return String.format("%,d requests, %.2f%% within 5 ms, p99 %s", total, under5, p99);
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** CPU time of the server's threads and of the client's threads, in ns. */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            String name = ti.getThreadName();
            String group = name.startsWith("peresvet-api") || name.startsWith("HTTP-Dispatcher") ? "server"
                    : name.startsWith("bench-") || name.startsWith("HttpClient") ? "client" : null;
            long cpu = mx.getThreadCpuTime(ti.getThreadId());
            if (group != null && cpu > 0) {
                out.merge(group + ":" + ti.getThreadId(), cpu, Long::sum);
            }
        }
        return out;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String group) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith(group + ":")) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
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
