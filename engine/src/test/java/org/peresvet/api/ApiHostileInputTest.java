package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;

/**
 * Issue 25: a generated, seeded hostile-input suite against a real engine on loopback. Over 2,000
 * requests across malformed and truncated JSON, trailing tokens, invalid and overlong UTF-8, path
 * tricks, query abuse, header floods, bad chunking, content-length mismatches, random mutations of
 * valid bodies and odd methods, while slow clients trickle bytes. Every complete request is
 * answered in JSON and never with a 5xx; no refused request changes the model or the samples; health
 * answers throughout.
 */
class ApiHostileInputTest extends ApiTestBase {
    static final long SEED = 25;

    record Hostile(String family, byte[] bytes, boolean complete) {
    }

    private final Random rnd = new Random(SEED);
    private final List<String[]> valid = new ArrayList<>();

    private void validBodies() {
        valid.add(new String[]{"POST", "/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",2.5],[" + (T0 + 1) + ",3.5,0]]}]}"});
        valid.add(new String[]{"POST", "/v1/data/", "{\"data\":[{\"tagId\":\"/Station/Tank/Mode\",\"data\":[[\"2023-11-14T22:13:20Z\",\"auto\"]]}]}"});
        valid.add(new String[]{"PATCH", "/v1/tags/" + mode.id(), "{\"description\":\"mode of the tank\",\"units\":\"-\"}"});
        valid.add(new String[]{"PUT", "/v1/tags/" + count.id(), "{\"name\":\"Count\",\"objectId\":\"" + tank.id() + "\",\"type\":\"int\"}"});
        valid.add(new String[]{"PATCH", "/v1/objects/" + pump.id(), "{\"description\":\"main pump\"}"});
        valid.add(new String[]{"POST", "/v1/objects/" + pump.id() + "/copy", "{\"name\":\"PumpCopy\"}"});
        valid.add(new String[]{"POST", "/v1/tags/" + mode.id() + "/move", "{\"objectId\":\"" + tank.id() + "\"}"});
        valid.add(new String[]{"POST", "/v1/objects/", "{\"name\":\"Hostile\",\"parentId\":\"/Station\"}"});
        valid.add(new String[]{"POST", "/v1/tags/", "{\"objectId\":\"" + tank.id() + "\",\"name\":\"T\",\"type\":\"double\",\"min\":0,\"max\":10}"});
        valid.add(new String[]{"POST", "/v1/tags/" + running.id() + "/write", "{\"value\":true}"});
        valid.add(new String[]{"POST", "/v1/alarms/acknowledge", "{\"user\":\"ivanov\"}"});
    }

    // ---- building requests ----

    private byte[] request(String method, String target, List<String> headers, byte[] body, boolean withLength) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(RawHttp.ascii(method + " "));
        o.writeBytes(target.getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(RawHttp.ascii(" HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nConnection: close\r\n"));
        for (String h : headers) {
            o.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
            o.writeBytes(RawHttp.ascii("\r\n"));
        }
        if (body != null && withLength) {
            o.writeBytes(RawHttp.ascii("Content-Length: " + body.length + "\r\n"));
        }
        o.writeBytes(RawHttp.ascii("\r\n"));
        if (body != null) {
            o.writeBytes(body);
        }
        return o.toByteArray();
    }

    private byte[] json(String method, String path, byte[] body) {
        return request(method, path, List.of("Content-Type: application/json"), body, true);
    }

    private String[] anyValid() {
        return valid.get(rnd.nextInt(valid.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[][] BAD_UTF8 = {
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80},
            {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}};

    private static final String[] EXTREMES = {"0", "-1", "1", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483648", "1e308", "1e999",
            "NaN", "Infinity", "-Infinity", "0x10", "1.5", "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "2026-13-45T99:99:99", "", "%00", "P1000000D", "PT-1S", "99999999999999999999999999999", "1_000", " 1", "+1"};

    private Hostile next(int i) {
        int family = i % 12;
        String[] v = anyValid();
        byte[] body = utf8(v[2]);
        switch (family) {
            case 0: { // truncated JSON
                byte[] cut = Arrays.copyOf(body, rnd.nextInt(body.length));
                return new Hostile("truncated", json(v[0], v[1], cut), true);
            }
            case 1: { // trailing tokens
                String[] tails = {"x", "}", "]", "null", "{}", "[]", "/*c*/", "//c", "#", "\"s\"", "1", ",", " true", "\u0000", "}}"};
                return new Hostile("trailing", json(v[0], v[1], utf8(v[2] + tails[rnd.nextInt(tails.length)])), true);
            }
            case 2: { // invalid and overlong UTF-8 in the body
                byte[] bad = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
                int at = v[2].indexOf('"', 2 + rnd.nextInt(Math.max(1, v[2].length() - 4))) + 1;
                if (at <= 0) {
                    at = v[2].length() / 2;
                }
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.write(body, 0, at);
                o.writeBytes(bad);
                o.write(body, at, body.length - at);
                return new Hostile("utf8-body", json(v[0], v[1], o.toByteArray()), true);
            }
            case 3: { // invalid UTF-8 in the URL, encoded or raw
                byte[] bad = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
                StringBuilder enc = new StringBuilder();
                for (byte b : bad) {
                    enc.append(rnd.nextBoolean() ? String.format("%%%02X", b & 0xff) : String.valueOf((char) (b & 0xff)));
                }
                String[] targets = {"/v1/data/?tagId=%2FStation" + enc + "Tank%2FLevel", "/v1/tags/?path=/Station" + enc,
                        "/v1/objects/?path=" + enc, "/v1/data/?q=" + enc, "/v1/obj" + enc + "ects/", "/v1/alarms/?root=" + enc};
                return new Hostile("utf8-url", request("GET", targets[rnd.nextInt(targets.length)], List.of(), null, false), true);
            }
            case 4: { // path tricks
                String[] paths = {"/v1/../v1/objects/", "//v1//objects//", "/v1/objects/%2e%2e/", "/v1/tags/%2F%2F",
                        "/v1/objects/..%2F..%2Fetc%2Fpasswd", "/v1/./data/", "/v1/data/;x=1", "/v1\\objects\\", "/v1/objects/%00",
                        "/v1/tags/" + "a".repeat(rnd.nextInt(20_000)), "/v1/objects/" + mode.id() + "/../..", "*", "/%",
                        "/v1/objects/%", "/v1/tags/%zz", "http://evil.example/v1/objects/", "/v1/objects/?path=%2e%2e",
                        "/v1/objects/" + "%2F".repeat(rnd.nextInt(500))};
                String p = paths[rnd.nextInt(paths.length)];
                if (rnd.nextBoolean()) {
                    return new Hostile("path", request("GET", p, List.of(), null, false), true);
                }
                return new Hostile("path", json("POST", p, body), true);
            }
            case 5: { // query abuse: extreme numbers and times
                String[] keys = {"start", "finish", "count", "timeStep", "maxCount"};
                StringBuilder q = new StringBuilder("/v1/data/?tagId=" + level.id());
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    q.append('&').append(keys[rnd.nextInt(keys.length)]).append('=').append(EXTREMES[rnd.nextInt(EXTREMES.length)]);
                }
                if (rnd.nextInt(4) == 0) {
                    String key = rnd.nextBoolean() ? "from" : "to";
                    String ep = rnd.nextBoolean() ? "/v1/alarms/history?" : "/v1/alarms/health?";
                    q = new StringBuilder(ep + key + "=" + EXTREMES[rnd.nextInt(EXTREMES.length)]
                            + (rnd.nextBoolean() ? "&limit=" + EXTREMES[rnd.nextInt(EXTREMES.length)] : ""));
                }
                if (rnd.nextInt(5) == 0) {
                    q = new StringBuilder("/v1/data/?q=" + URLEncoder.encode("{\"tagId\":\"" + level.id() + "\",\"start\":"
                            + EXTREMES[rnd.nextInt(EXTREMES.length)] + ",\"timeStep\":" + EXTREMES[rnd.nextInt(EXTREMES.length)] + "}",
                            StandardCharsets.UTF_8));
                }
                return new Hostile("query", request("GET", q.toString(), List.of(), null, false), true);
            }
            case 6: { // header floods
                List<String> h = new ArrayList<>();
                int n = 20 + rnd.nextInt(400);
                for (int k = 0; k < n; k++) {
                    h.add("X-Flood-" + k + ": " + "v".repeat(rnd.nextInt(100)));
                }
                if (rnd.nextBoolean()) {
                    h.add("Host: evil.example");
                }
                if (rnd.nextInt(3) == 0) {
                    h.add("Content-Type: application/json");
                    h.add("Content-Length: " + body.length);
                    h.add("Content-Length: " + (body.length + 1));
                    return new Hostile("headers", request(v[0], v[1], h, body, false), true);
                }
                if (rnd.nextInt(3) == 0) {
                    h.add("X-Long: " + "x".repeat(rnd.nextInt(40_000)));
                }
                return new Hostile("headers", request("GET", "/v1/objects/", h, null, false), true);
            }
            case 7: { // bad chunking
                String[] sizes = {"zz", "-1", "FFFFFFFFFFFFFFFFFFFF", "1;" + "e".repeat(rnd.nextInt(9000)), "", " 5", "0x5", "7fffffff"};
                ByteArrayOutputStream chunked = new ByteArrayOutputStream();
                String size = sizes[rnd.nextInt(sizes.length)];
                chunked.writeBytes(RawHttp.ascii(size + "\r\n"));
                chunked.writeBytes(body);
                chunked.writeBytes(RawHttp.ascii(rnd.nextBoolean() ? "\r\n0\r\n\r\n" : "0\r\n\r\n"));
                // A well-formed 2 GiB chunk with 100 bytes sent is an incomplete request, not a bad one.
                return new Hostile("chunking", request(v[0], v[1], List.of("Content-Type: application/json",
                        "Transfer-Encoding: chunked"), chunked.toByteArray(), false), !size.equals("7fffffff"));
            }
            case 8: { // content-length mismatches
                int kind = rnd.nextInt(4);
                List<String> h = new ArrayList<>(List.of("Content-Type: application/json"));
                if (kind == 0) { // promises more than it sends: incomplete, may stay unanswered
                    h.add("Content-Length: " + (body.length + 1 + rnd.nextInt(100)));
                    return new Hostile("length", request(v[0], v[1], h, body, false), false);
                }
                if (kind == 1) { // sends more than it says: the rest is a second, garbage request
                    h.add("Content-Length: " + rnd.nextInt(body.length));
                } else if (kind == 2) {
                    h.add("Content-Length: " + new String[]{"-1", "abc", "1e3", "99999999999999999999", "", "0x10"}[rnd.nextInt(6)]);
                } else {
                    h.add("Content-Length: " + body.length);
                    h.add("Transfer-Encoding: chunked");
                }
                return new Hostile("length", request(v[0], v[1], h, body, false), true);
            }
            case 9: { // random mutations of valid bodies
                byte[] m = body.clone();
                int edits = 1 + rnd.nextInt(4);
                for (int k = 0; k < edits; k++) {
                    int at = rnd.nextInt(m.length);
                    m[at] = (byte) rnd.nextInt(256);
                }
                return new Hostile("mutation", json(v[0], v[1], m), true);
            }
            case 10: { // odd methods, versions and content types
                String[] lines = {"BREW", "GETT", "get", "TRACE", "PROPFIND", "CONNECT", "PATCH", "DELETE", "OPTIONS"};
                String method = lines[rnd.nextInt(lines.length)];
                String[] types = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/json; charset=latin1", "application/jsonx", "", "application/json"};
                String type = types[rnd.nextInt(types.length)];
                List<String> h = type.isEmpty() ? List.of() : List.of("Content-Type: " + type);
                return new Hostile("method", request(method, v[1], h, rnd.nextBoolean() ? body : null, true), true);
            }
            default: { // deep nesting and long strings
                int depth = 1 + rnd.nextInt(3000);
                String deep = "{\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
                String longName = "{\"name\":\"" + "n".repeat(rnd.nextInt(300_000)) + "\"}";
                return rnd.nextBoolean() ? new Hostile("nesting", json("POST", "/v1/data/", utf8(deep)), true)
                        : new Hostile("nesting", json("POST", "/v1/objects/", utf8(longName)), true);
            }
        }
    }

    @Test
    void twoThousandHostileRequestsAreAnsweredInJsonAndChangeNothing() throws Exception {
        validBodies();
        AtomicBoolean stop = new AtomicBoolean();
        List<Socket> slow = new ArrayList<>();
        Thread trickle = new Thread(() -> {
            Random r = new Random(SEED + 1);
            try {
                while (!stop.get()) {
                    if (slow.size() < 20) {
                        Socket s = new Socket();
                        s.connect(new InetSocketAddress("127.0.0.1", api.port()), 5000);
                        synchronized (slow) {
                            slow.add(s);
                        }
                    }
                    synchronized (slow) {
                        for (Socket s : slow) {
                            try {
                                OutputStream o = s.getOutputStream();
                                o.write("GET /v1/objects/ HTTP/1.1\r\nX: ".getBytes(StandardCharsets.US_ASCII)[r.nextInt(10)]);
                                o.flush();
                            } catch (Exception e) {
                                // dropped by the server's idle timeout: fine
                            }
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                // stopping
            }
        }, "slow-clients");
        trickle.setDaemon(true);
        trickle.start();

        ModelSnapshot model = engine.model();
        long received = engine.status().samplesReceived();
        int total = 2400;
        int answered = 0;
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < total; i++) {
                Hostile h = next(i);
                RawHttp.Answer a = RawHttp.send(api.port(), h.bytes(), h.complete() ? 10_000 : 300);
                if (h.complete()) {
                    if (a.status() == 0) {
                        failures.add("#" + i + " " + h.family() + ": no answer (" + a.body() + "): " + head(h.bytes()));
                    } else if (a.status() >= 500) {
                        failures.add("#" + i + " " + h.family() + ": " + a.status() + " " + a.body() + ": " + head(h.bytes()));
                    } else if (!a.isJson()) {
                        failures.add("#" + i + " " + h.family() + ": not JSON " + a.status() + " " + a.headers() + " " + a.body() + ": " + head(h.bytes()));
                    } else {
                        answered++;
                    }
                }
                if (a.status() >= 400 || a.status() == 0) {
                    if (engine.model() != model || engine.status().samplesReceived() != received) {
                        failures.add("#" + i + " " + h.family() + ": refused (" + a.status() + ") but changed something: " + head(h.bytes()));
                        model = engine.model();
                        received = engine.status().samplesReceived();
                    }
                } else {
                    // A mutation can still be a valid request; what it did is its right.
                    Thread.sleep(0);
                    model = engine.model();
                    received = engine.status().samplesReceived();
                }
                if (i % 100 == 0) {
                    long t0 = System.nanoTime();
                    Resp health = get("/v1/health");
                    assertThat(health.status()).as("health at #" + i).isEqualTo(200);
                    assertThat((System.nanoTime() - t0) / 1_000_000).as("health at #" + i).isLessThan(3_000);
                }
            }
        } finally {
            stop.set(true);
            trickle.join(2000);
            synchronized (slow) {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
        assertThat(failures).as(failures.size() + " failures").isEmpty();
        assertThat(answered).isGreaterThan(2000);
        assertThat(get("/v1/health").status()).isEqualTo(200);
    }

    private static String head(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 300), StandardCharsets.ISO_8859_1).replace("\r\n", "⏎");
        return s;
    }
}
