package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.runtime.Subscription;
import org.peresvet.runtime.SubscriptionFilter;

/** {@code GET /v1/stream}: server-sent events of live values. */
class ApiStreamTest extends ApiTestBase {

    @Override
    ApiConfig config() {
        return super.config().withStreamStallTimeout(Duration.ofMillis(500));
    }

    /** Reads an event stream on a background thread; {@link #next} returns the parsed data of each event. */
    final class Events implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;
        HttpResponse<Stream<String>> resp;

        Events(String query) throws Exception {
            response = http.sendAsync(HttpRequest.newBuilder(URI.create(url("/v1/stream" + query))).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            resp = response.get(10, TimeUnit.SECONDS);
            if (resp.statusCode() == 200) {
                Thread t = new Thread(() -> {
                    try {
                        resp.body().forEach(lines::add);
                    } catch (RuntimeException e) {
                        // closed
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }

        /** The next event's data, skipping comments; fails after 5 s. */
        JsonNode next() throws Exception {
            while (true) {
                String line = lines.poll(5, TimeUnit.SECONDS);
                assertThat(line).as("an event within 5 s").isNotNull();
                if (line.startsWith("data: ")) {
                    return JSON.readTree(line.substring(6));
                }
            }
        }

        @Override
        public void close() {
            resp.body().close();
        }
    }

    @Test
    void initialValuesThenChanges() throws Exception {
        engine.write(level.id(), Sample.of(T0, 1.0));
        engine.flush();
        try (Events events = new Events("?tagId=" + enc("/Station/Tank/Level") + "&tagId=" + mode.id())) {
            assertThat(events.resp.statusCode()).isEqualTo(200);
            assertThat(events.resp.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            JsonNode first = events.next();
            assertThat(first.get("data")).hasSize(1);
            assertThat(first.get("data").get(0).get("tagId").asText()).isEqualTo("/Station/Tank/Level");
            assertThat(first.get("data").get(0).get("data").get(0).get(1).asDouble()).isEqualTo(1.0);
            assertThat(first.get("data").get(0).get("data").get(0).get(0).asLong()).isEqualTo(T0);

            write(mode.id(), "[[" + (T0 + 5) + ", \"auto\", null]]");
            JsonNode change = events.next();
            assertThat(change.get("data").get(0).get("tagId").asText()).isEqualTo(mode.id().toString());
            assertThat(change.get("data").get(0).get("data").get(0).get(1).asText()).isEqualTo("auto");

            // Tags outside the filter do not appear.
            write(count.id(), "[[1]]");
            write(mode.id(), "[[\"manual\"]]");
            JsonNode next = events.next();
            assertThat(next.get("data")).hasSize(1);
            assertThat(next.get("data").get(0).get("data").get(0).get(1).asText()).isEqualTo("manual");
        }
    }

    @Test
    void subtreeFilterAndIsoTimes() throws Exception {
        try (Events events = new Events("?subtree=" + enc("/Station/Pump") + "&format=true")) {
            assertThat(events.resp.statusCode()).isEqualTo(200);
            write(level.id(), "[[2.0]]");
            write(running.id(), "[[\"2023-11-14T22:13:20Z\", true]]");
            JsonNode e = events.next();
            assertThat(e.get("data")).hasSize(1);
            assertThat(e.get("data").get(0).get("tagId").asText()).isEqualTo(running.id().toString());
            assertThat(e.get("data").get(0).get("data").get(0).get(0).asText()).isEqualTo("2023-11-14T22:13:20Z");

            // A tag created in the subtree later is covered too.
            Resp created = post("/v1/tags/", "{\"objectId\":\"/Station/Pump\",\"name\":\"Speed\",\"type\":\"double\"}");
            String speed = created.json().get("id").asText();
            write(java.util.UUID.fromString(speed), "[[42.0]]");
            JsonNode s = events.next();
            assertThat(s.get("data").get(0).get("tagId").asText()).isEqualTo(speed);
        }
    }

    @Test
    void badFiltersAreRefusedBeforeStreaming() {
        Resp unknown = get("/v1/stream?tagId=" + enc("/Station/Nope"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asText()).isEqualTo("tagId");
        Resp both = get("/v1/stream?tagId=" + level.id() + "&subtree=" + station.id());
        assertThat(both.status()).isEqualTo(400);
        Resp param = get("/v1/stream?tags=1");
        assertThat(param.json().get("field").asText()).isEqualTo("tags");
    }

    @Test
    void clientsThatNeverReadBlockNothingAndAreDropped() throws Exception {
        // Two stuck clients: as many as the engine has subscriber delivery threads. If a stream's
        // listener ever waited for its socket, both threads would hang and the healthy
        // subscriber below would get nothing more.
        try (Socket stuck1 = stuckClient(); Socket stuck2 = stuckClient()) {
            waitFor(() -> get("/v1/health").json().get("streams").asInt() == 2);
            AtomicReference<Object> seen = new AtomicReference<>();
            try (Subscription healthy = engine.subscribe(SubscriptionFilter.tag(level.id()),
                    batch -> batch.forEach(ts -> seen.set(ts.sample().y())))) {
                // Values of 64 KiB until the socket buffers are full and the streams' writers
                // block; after the stall timeout (500 ms here) the stuck clients are dropped.
                String big = "x".repeat(64 * 1024);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int i = 0;
                while (get("/v1/health").json().get("streams").asInt() > 0) {
                    assertThat(System.nanoTime()).as("the stuck clients are dropped").isLessThan(deadline);
                    for (int k = 0; k < 20; k++, i++) {
                        engine.write(mode.id(), Sample.of(Micros.now(), big + i));
                        engine.write(level.id(), Sample.of(Micros.now(), (double) i));
                    }
                    double last = i - 1;
                    waitFor(() -> Objects.equals(seen.get(), last)); // the healthy subscriber keeps up
                }
                Resp cur = get("/v1/data/?tagId=" + level.id());
                assertThat(cur.status()).isEqualTo(200);
                assertThat(points(cur, 0).get(0).get(1).asDouble()).isEqualTo(i - 1.0);
            }
            assertThat(get("/metrics").text()).contains("peresvet_api_streams_dropped_total 2");
        }
    }

    private Socket stuckClient() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", api.port()));
        OutputStream out = s.getOutputStream();
        out.write(("GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s; // never read
    }

    @Test
    void closingTheServerEndsStreams() throws Exception {
        Events events = new Events("");
        assertThat(events.resp.statusCode()).isEqualTo(200);
        waitFor(() -> get("/v1/health").json().get("streams").asInt() == 1);
        api.close();
        // The stream ends: the reader sees the end of the body.
        long deadline = System.currentTimeMillis() + 5000;
        boolean ended = false;
        while (!ended && System.currentTimeMillis() < deadline) {
            try {
                ended = events.resp.body().count() >= 0; // returns once the stream ended
            } catch (RuntimeException e) {
                ended = true;
            }
        }
        assertThat(ended).isTrue();
        api = null;
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
