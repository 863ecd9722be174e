package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;

/** Issue 25: one focused test per defect listed (strict bodies, strict UTF-8, slow clients, the server's own errors). */
class ApiHardeningTest extends ApiTestBase {

    private Resp sendBytes(String method, String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] concat(String a, byte[] b, String c) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(a.getBytes(StandardCharsets.UTF_8));
        o.writeBytes(b);
        o.writeBytes(c.getBytes(StandardCharsets.UTF_8));
        return o.toByteArray();
    }

    @Test
    void aValidBodyFollowedByAnythingIsRefusedAndChangesNothing() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("POST /v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",2.5]]}]}");
        valid.put("PATCH /v1/tags/" + mode.id(), "{\"description\":\"changed\"}");
        valid.put("PUT /v1/tags/" + mode.id(), "{\"name\":\"Mode2\",\"objectId\":\"" + tank.id() + "\",\"type\":\"string\"}");
        valid.put("PATCH /v1/objects/" + pump.id(), "{\"name\":\"Pump2\"}");
        valid.put("PUT /v1/objects/" + pump.id(), "{\"name\":\"Pump2\",\"parentId\":\"" + station.id() + "\"}");
        valid.put("POST /v1/objects/" + pump.id() + "/move", "{\"parentId\":null}");
        valid.put("POST /v1/objects/" + pump.id() + "/copy", "{\"name\":\"Pump3\"}");
        valid.put("POST /v1/tags/" + mode.id() + "/move", "{\"objectId\":\"" + pump.id() + "\"}");
        valid.put("POST /v1/tags/" + mode.id() + "/copy", "{\"name\":\"Mode3\"}");
        valid.put("POST /v1/objects/", "{\"name\":\"New\"}");
        valid.put("POST /v1/tags/", "{\"objectId\":\"" + tank.id() + "\",\"name\":\"New\",\"type\":\"double\"}");
        valid.put("POST /v1/tags/" + running.id() + "/write", "{\"value\":true}");
        List<String> tails = List.of("x", "}", "null", "/* comment */", "// c", " {}", "\u0000", "]");
        ModelSnapshot before = engine.model();
        long received = engine.status().samplesReceived();
        for (Map.Entry<String, String> e : valid.entrySet()) {
            String[] mp = e.getKey().split(" ", 2);
            for (String tail : tails) {
                Resp r = sendBytes(mp[0], mp[1], (e.getValue() + tail).getBytes(StandardCharsets.UTF_8));
                assertThat(r.status()).as(e.getKey() + " + " + tail).isEqualTo(400);
                assertThat(r.json().get("message").asText()).contains("not valid JSON");
            }
            Resp stray = sendBytes(mp[0], mp[1], concat(e.getValue(), new byte[]{(byte) 0xff, (byte) 0xfe}, ""));
            assertThat(stray.status()).as(e.getKey() + " + stray bytes").isEqualTo(400);
        }
        // Duplicate keys and non-finite numbers too.
        assertThat(post("/v1/data/", "{\"data\":[],\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[1.0]]}]}").status()).isEqualTo(400);
        Resp huge = post("/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",1e999]]}]}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("field").asText()).isEqualTo("$.data[0].data[0][1]");
        assertThat(post("/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[NaN]]}]}").status()).isEqualTo(400);
        assertThat(engine.model()).as("the model is unchanged").isSameAs(before);
        assertThat(engine.status().samplesReceived()).isEqualTo(received);
    }

    @Test
    void anUnknownKeyOnATagWriteIsRefusedBeforeTheWrite() {
        Resp r = post("/v1/tags/" + running.id() + "/write", "{\"value\":true,\"bogus\":1}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("$.bogus");
        Resp inf = post("/v1/tags/" + level.id() + "/write", "{\"value\":1e400}");
        assertThat(inf.status()).isEqualTo(400);
        assertThat(inf.json().get("field").asText()).isEqualTo("$.value");
    }

    @Test
    void overlongAndOutOfRangeUtf8NeverReachesATag() {
        byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
        byte[] overlong3 = {(byte) 0xE0, (byte) 0x80, (byte) 0xAF};
        long received = engine.status().samplesReceived();
        for (byte[] slash : List.of(overlongSlash, overlong3)) {
            byte[] body = concat("{\"data\":[{\"tagId\":\"/Station", slash, "Tank/Level\",\"data\":[[" + T0 + ",2.0]]}]}");
            Resp r = sendBytes("POST", "/v1/data/", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("message").asText()).contains("UTF-8");
        }
        assertThat(engine.status().samplesReceived()).isEqualTo(received);
        // In the URL: %C0%AF must not become '/'.
        RawHttp.Answer url = RawHttp.send(api.port(), "GET /v1/data/?tagId=%2FStation%C0%AFTank%2FLevel HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.isJson()).isTrue();
        assertThat(url.body()).contains("UTF-8");
        // An overlong NUL in a value, a code point above U+10FFFF in a name.
        Resp nul = sendBytes("POST", "/v1/data/", concat("{\"data\":[{\"tagId\":\"" + mode.id() + "\",\"data\":[[" + T0 + ",\"a",
                new byte[]{(byte) 0xC0, (byte) 0x80}, "\"]]}]}"));
        assertThat(nul.status()).isEqualTo(400);
        ModelSnapshot before = engine.model();
        Resp high = sendBytes("POST", "/v1/objects/", concat("{\"name\":\"X", new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, "\"}"));
        assertThat(high.status()).isEqualTo(400);
        Resp desc = sendBytes("PATCH", "/v1/tags/" + mode.id(), concat("{\"description\":\"", new byte[]{(byte) 0xF7, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF}, "\"}"));
        assertThat(desc.status()).isEqualTo(400);
        assertThat(engine.model()).isSameAs(before);
        assertThat(engine.status().samplesReceived()).isEqualTo(received);
    }

    @Test
    void halfSentRequestsDoNotStarveHealth() throws Exception {
        assertThat(get("/v1/health").status()).isEqualTo(200); // warm: the first call pays for class loading
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", api.port()), 5000);
                OutputStream o = s.getOutputStream();
                o.write(RawHttp.ascii(i % 2 == 0 ? "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        : "POST /v1/data/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":"));
                o.flush();
                slow.add(s);
            }
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                Resp h = get("/v1/health");
                assertThat(h.status()).isEqualTo(200);
                assertThat((System.nanoTime() - t0) / 1_000_000).as("health while 50 clients hang").isLessThan(2_000);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void requestsTheServerCannotParseAreAnsweredInJson() {
        StringBuilder flood = new StringBuilder("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 200; i++) {
            flood.append("X-Header-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        flood.append("Connection: close\r\n\r\n");
        RawHttp.Answer many = RawHttp.send(api.port(), flood.toString());
        assertThat(many.status()).isEqualTo(431);
        assertThat(many.isJson()).as(many.body()).isTrue();

        RawHttp.Answer badChunk = RawHttp.send(api.port(), "POST /v1/objects/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(badChunk.status()).isEqualTo(400);
        assertThat(badChunk.isJson()).as(badChunk.body()).isTrue();

        String body = "{\"name\":\"Chunked\"}";
        RawHttp.Answer trailer = RawHttp.send(api.port(), "POST /v1/objects/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                + "\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(trailer.status()).isEqualTo(201);
        assertThat(trailer.isJson()).isTrue();

        for (String line : List.of("GET /v1/data/?tagId=%zz HTTP/1.1", "GET /v1/obj%zzects/ HTTP/1.1", "OPTIONS * HTTP/1.1",
                "CONNECT 127.0.0.1:22 HTTP/1.1", "GET /v1/health HTTP/9.9", "BREW /v1/health HTTP/1.1")) {
            RawHttp.Answer a = RawHttp.send(api.port(), line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(a.status()).as(line).isBetween(400, 505);
            assertThat(a.isJson()).as(line + ": " + a.body()).isTrue();
        }
        byte[] raw = concat("GET /v1/data/?tagId=/Station/T", new byte[]{(byte) 0xC3, (byte) 0xA4, (byte) 0xFF}, "nk HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.Answer rawBytes = RawHttp.send(api.port(), raw, 10_000);
        assertThat(rawBytes.status()).isEqualTo(400);
        assertThat(rawBytes.isJson()).as(rawBytes.body()).isTrue();
        assertThat(get("/v1/health").status()).isEqualTo(200);
    }
}
