package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.export.ExportFixtures.T0_MS;
import static org.peresvet.export.ExportFixtures.points;
import static org.peresvet.export.ExportFixtures.total;
import static org.peresvet.export.ExportFixtures.valueSelector;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * A wrong URL, a server answering 401 or 500, a server that accepts connections and never
 * answers: the status says what is wrong, the engine keeps running and closes promptly, and
 * nothing is lost: with the right URL, the queue drains into a real server, every sample once.
 */
class ExportBadConfigTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    /** An HTTP server answering every request with one status code. */
    private String answering(int code, AtomicInteger requests) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] body = ("fake server says " + code).getBytes();
            ex.sendResponseHeaders(code, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        servers.add(() -> s.stop(0));
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    /** A server that accepts connections, reads nothing and never answers. */
    private String silent() throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    held.add(ss.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-server");
        t.setDaemon(true);
        t.start();
        servers.add(() -> {
            ss.close();
            for (Socket s : held) {
                s.close();
            }
        });
        return "http://127.0.0.1:" + ss.getLocalPort();
    }

    /**
     * Runs an engine exporting to {@code badUrl}, checks the status and that the engine is not
     * held up, then points the same target at a real server and checks every sample arrives once.
     */
    private void badThenGood(String badUrl, String expectedError, long base) throws Exception {
        ExportFixtures f = new ExportFixtures();
        Path project = dir.resolve("project");
        ExportConfig.of(ExportConfig.Target.of("vm", badUrl).withTimeoutMillis(500)).save(project);
        int n = 3000;
        Engine e = Engine.open(project, EngineOptions.quiet());
        try {
            Exporters x = e.telemetry().attachExporters();
            e.start();
            e.edit(f.edits());
            for (int round = 0; round < 3; round++) {
                List<TagSample> batch = new ArrayList<>();
                for (int i = round * n / 3; i < (round + 1) * n / 3; i++) {
                    batch.add(new TagSample(f.level.id(), Sample.of((base + i) * 1000, i * 1.0)));
                }
                long t0 = System.nanoTime();
                e.write(batch);
                e.flush();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("writing is not held up").isLessThan(Duration.ofSeconds(3));
                Thread.sleep(700);
            }
            x.flush();
            ExportStatus.Target st = awaitError(x);
            assertThat(st.connected()).isFalse();
            assertThat(st.lastError()).contains(expectedError);
            assertThat(st.unsentSamples()).isEqualTo(n);
            assertThat(x.status().healthy()).isFalse();
            assertThat(e.current(f.level.id()).y()).isEqualTo((n - 1) * 1.0);
            assertThat(e.history(HistoryQuery.range(f.level.id(), (base) * 1000, (base + n) * 1000).withActual(true)).data())
                    .hasSize(n);
        } finally {
            long t0 = System.nanoTime();
            e.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("closing is not held up").isLessThan(Duration.ofSeconds(10));
        }

        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            ExportConfig.of(ExportConfig.Target.of("vm", vm.url())).save(project);
            try (Engine again = Engine.open(project, EngineOptions.quiet())) {
                Exporters x = again.telemetry().attachExporters();
                again.start();
                assertThat(x.awaitDrained(Duration.ofSeconds(60))).as("%s", x.status()).isTrue();
                assertThat(x.status().healthy()).isTrue();
            }
            List<VictoriaMetricsServer.Series> got = vm.awaitExport(valueSelector(f.level.id()), base, base + n,
                    l -> total(l) >= n, Duration.ofSeconds(20));
            assertThat(total(got)).isEqualTo(n);
            assertThat(points(got)).hasSize(n);
        }
    }

    private static ExportStatus.Target awaitError(Exporters x) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ExportStatus.Target st = x.status().targets().get(0);
        while (System.nanoTime() < deadline && (st.lastError() == null || st.unsentSamples() == 0)) {
            Thread.sleep(100);
            st = x.status().targets().get(0);
        }
        return st;
    }

    @Test
    void nothingListening() throws Exception {
        badThenGood("http://127.0.0.1:" + VictoriaMetricsServer.freePort(), "cannot connect", T0_MS - 1_000_000);
    }

    @Test
    void unauthorized() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        badThenGood(answering(401, requests), "HTTP 401", T0_MS - 1_100_000);
        assertThat(requests.get()).isPositive();
    }

    @Test
    void internalServerError() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        badThenGood(answering(500, requests), "HTTP 500", T0_MS - 1_200_000);
        assertThat(requests.get()).isPositive();
    }

    @Test
    void aServerThatNeverAnswers() throws Exception {
        badThenGood(silent(), "no answer", T0_MS - 1_300_000);
    }

    @Test
    void aWrongPathOnARealServer() throws Exception {
        try (VictoriaMetricsServer other = VictoriaMetricsServer.start(dir.resolve("other"))) {
            badThenGood(other.url() + "/not-victoria", "HTTP 400", T0_MS - 1_400_000);
        }
    }
}
