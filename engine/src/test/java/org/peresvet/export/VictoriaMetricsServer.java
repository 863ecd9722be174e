package org.peresvet.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real VictoriaMetrics ({@code /usr/bin/victoria-metrics}) for tests: its own loopback port and
 * data folder; it can be killed (SIGKILL), stopped and started again on the same port and data.
 */
public final class VictoriaMetricsServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/victoria-metrics");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private final Thread reaper = new Thread(this::destroyNow, "vm-test-reaper");

    /** One series of an export answer. */
    public record Series(Map<String, String> labels, List<Double> values, List<Long> timestamps) {
    }

    private VictoriaMetricsServer(Path dir, int port, List<String> extraArgs) throws IOException {
        this.dataDir = dir.resolve("vm-data");
        this.log = dir.resolve("vm.log");
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        Files.createDirectories(dataDir);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a server with its data in {@code dir}; extra command-line flags may be given. */
    public static VictoriaMetricsServer start(Path dir, String... extraArgs) {
        try {
            return start(dir, freePort(), extraArgs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server on a given loopback port. */
    public static VictoriaMetricsServer start(Path dir, int port, String... extraArgs) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package victoria-metrics (run_tests.sh does)");
        }
        try {
            VictoriaMetricsServer s = new VictoriaMetricsServer(dir, port, List.of(extraArgs));
            s.startProcess();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void startProcess() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-httpListenAddr=127.0.0.1:" + port,
                "-storageDataPath=" + dataDir, "-retentionPeriod=100y", "-loggerLevel=WARN"));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("victoria-metrics exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(50);
        }
        throw new IllegalStateException("victoria-metrics did not become healthy: " + logTail());
    }

    /** SIGKILL: no flush, no goodbye. Waits until the process is gone. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: a clean shutdown. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    /** Starts it again on the same port and data folder. */
    public void restart() {
        if (isRunning()) {
            stop();
        }
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ---- reading ----

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private HttpResponse<String> post(String path, String form) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public void forceFlush() {
        try {
            get("/internal/force_flush");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw samples of the matching series between two times (ms, inclusive). */
    public List<Series> export(String match, long startMs, long endMs) {
        String form = "match[]=" + enc(match) + "&start=" + startMs / 1000.0 + "&end=" + endMs / 1000.0;
        try {
            HttpResponse<String> r = post("/api/v1/export", form);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("export: HTTP " + r.statusCode() + ": " + r.body());
            }
            List<Series> out = new ArrayList<>();
            for (String line : r.body().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Map<String, String> labels = JSON.convertValue(n.get("metric"), JSON.getTypeFactory()
                        .constructMapType(java.util.TreeMap.class, String.class, String.class));
                List<Double> values = new ArrayList<>();
                n.get("values").forEach(v -> values.add(v.asDouble()));
                List<Long> ts = new ArrayList<>();
                n.get("timestamps").forEach(v -> ts.add(v.asLong()));
                out.add(new Series(labels, values, ts));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Total raw samples of the matching series. */
    public long count(String match, long startMs, long endMs) {
        return export(match, startMs, endMs).stream().mapToLong(s -> s.timestamps().size()).sum();
    }

    /**
     * Polls the export until the condition holds (fresh rows become searchable after a delay);
     * returns the last answer either way.
     */
    public List<Series> awaitExport(String match, long startMs, long endMs, Predicate<List<Series>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Series> last;
        do {
            forceFlush();
            last = export(match, startMs, endMs);
            if (done.test(last)) {
                return last;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        return last;
    }

    /** A MetricsQL range query; the parsed JSON answer. */
    public JsonNode queryRange(String query, long startMs, long endMs, long stepMs) {
        String form = "query=" + enc(query) + "&start=" + startMs / 1000.0 + "&end=" + endMs / 1000.0 + "&step=" + stepMs + "ms";
        try {
            HttpResponse<String> r = post("/api/v1/query_range", form);
            JsonNode n = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("query_range " + query + ": HTTP " + r.statusCode() + ": " + r.body());
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Grafana's {@code label_values(selector, label)} asks: the label's values on matching series. */
    public List<String> labelValues(String label, String selector, long startMs, long endMs) {
        String q = "/api/v1/label/" + label + "/values?match[]=" + enc(selector) + "&start=" + startMs / 1000.0
                + "&end=" + endMs / 1000.0;
        try {
            HttpResponse<String> r = get(q);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("label values: HTTP " + r.statusCode() + ": " + r.body());
            }
            List<String> out = new ArrayList<>();
            JSON.readTree(r.body()).get("data").forEach(v -> out.add(v.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value of the server's own /metrics, e.g. {@code vm_rows_invalid_total}; 0 when absent. */
    public double metric(String name) {
        try {
            for (String line : get("/metrics").body().split("\n")) {
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void destroyNow() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }
}
