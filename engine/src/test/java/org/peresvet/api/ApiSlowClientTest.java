package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: a slowloris client (headers trickled a byte at a time, never idle for the idle
 * timeout) is cut after the header timeout, and a server full of requests answers 503 with
 * Retry-After at once while health still answers.
 */
class ApiSlowClientTest extends ApiTestBase {

    @Override
    ApiConfig config() {
        return super.config().withHeaderTimeout(Duration.ofSeconds(1)).withMaxQueuedRequests(1);
    }

    @Test
    void headersTrickledSlowerThanTheHeaderTimeoutCloseTheConnection() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", api.port()), 5000);
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] request = RawHttp.ascii("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(200));
            long start = System.nanoTime();
            boolean closed = false;
            // One byte every 100 ms: far from the 30 s idle timeout, but never a complete header.
            for (int i = 0; i < request.length && !closed; i++) {
                try {
                    out.write(request[i]);
                    out.flush();
                    try {
                        closed = in.read() < 0;
                    } catch (SocketTimeoutException e) {
                        // still open
                    }
                } catch (IOException e) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(closed).as("connection closed by the header timeout").isTrue();
            assertThat(seconds).isBetween(0.9, 5.0);
        }
        assertThat(get("/v1/health").status()).isEqualTo(200);
    }

    @Test
    void aFullServerAnswers503WithRetryAfterAndHealthStillAnswers() throws Exception {
        String body = "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",1.5,null]]}]}";
        Socket held = null;
        try {
            RawHttp.Answer refused = null;
            // Until the server holds the half-sent POST and refuses a probe (up to 15 s: a loaded machine).
            // With room for one request, a probe that arrives while the POST is being taken in can be the
            // one let in, and the POST the one refused (503, connection closed): then hold another.
            for (int i = 0; i < 750 && (refused == null || refused.status() != 503); i++) {
                if (held == null || held.getInputStream().available() > 0) {
                    if (held != null) {
                        assertThat(RawHttp.read(held.getInputStream()).status()).as("the held POST refused").isEqualTo(503);
                        held.close();
                    }
                    held = holdHalfSentPost(body);
                    Thread.sleep(50);
                }
                refused = RawHttp.send(api.port(), "GET /v1/tags/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                if (refused.status() != 503) {
                    Thread.sleep(20);
                }
            }
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("api.maxQueuedRequests");
            assertThat(RawHttp.send(api.port(), "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .status()).isEqualTo(200);

            OutputStream out = held.getOutputStream();
            out.write(RawHttp.ascii(body.substring(10)));
            out.flush();
            assertThat(RawHttp.read(held.getInputStream()).status()).isEqualTo(200);
        } finally {
            if (held != null) {
                held.close();
            }
        }
        // The held request has left: room again.
        RawHttp.Answer after = null;
        for (int i = 0; i < 250; i++) {
            after = RawHttp.send(api.port(), "GET /v1/tags/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            if (after.status() == 200) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(after.status()).isEqualTo(200);
    }

    /** A POST whose body is half sent: once in the server, it holds its place. */
    private Socket holdHalfSentPost(String body) throws IOException {
        Socket held = new Socket();
        held.connect(new InetSocketAddress("127.0.0.1", api.port()), 5000);
        held.setSoTimeout(10_000);
        OutputStream out = held.getOutputStream();
        out.write(RawHttp.ascii("POST /v1/data/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10)));
        out.flush();
        return held;
    }
}
