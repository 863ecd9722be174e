package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: a web page the operator merely opens must not change the plant. Every endpoint that
 * changes something, sent as each browser "simple request" (no preflight) from a foreign page, is
 * refused and changes nothing; a DNS rebinding Host is refused; an allowed origin gets CORS.
 */
class ApiRequestGateTest extends ApiTestBase {
    static final String EVIL = "http://evil.example";
    static final String GRAFANA = "https://grafana.plant:3000";

    /** The forms a page can POST without asking: Content-Type values that need no preflight. */
    static final List<String> SIMPLE_TYPES = List.of("application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "text/plain", "");

    @Override
    ApiConfig config() {
        return ApiConfig.defaults().withPort(0).withAllowedOrigins(List.of(GRAFANA));
    }

    /** A body that would change something if the request were let through. */
    private Map<String, String> changingRequests() {
        String alarm = UUID.randomUUID().toString();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("POST /v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",2.5]]}]}");
        m.put("POST /v1/objects/", "{\"name\":\"Evil\"}");
        m.put("PUT /v1/objects/" + tank.id(), "{\"name\":\"Evil\",\"parentId\":\"" + station.id() + "\"}");
        m.put("PATCH /v1/objects/" + tank.id(), "{\"name\":\"Evil\"}");
        m.put("DELETE /v1/objects/" + pump.id() + "?force=true", "");
        m.put("POST /v1/objects/" + tank.id() + "/move", "{\"parentId\":null}");
        m.put("POST /v1/objects/" + tank.id() + "/copy", "{\"name\":\"Evil\"}");
        m.put("POST /v1/tags/", "{\"objectId\":\"" + tank.id() + "\",\"name\":\"Evil\",\"type\":\"double\"}");
        m.put("PUT /v1/tags/" + mode.id(), "{\"name\":\"Evil\",\"objectId\":\"" + tank.id() + "\",\"type\":\"string\"}");
        m.put("PATCH /v1/tags/" + mode.id(), "{\"description\":\"evil\"}");
        m.put("DELETE /v1/tags/" + count.id() + "?force=true", "");
        m.put("POST /v1/tags/" + mode.id() + "/move", "{\"objectId\":\"" + pump.id() + "\"}");
        m.put("POST /v1/tags/" + mode.id() + "/copy", "{\"name\":\"Evil\"}");
        m.put("POST /v1/tags/" + running.id() + "/write", "{\"value\":true}");
        m.put("POST /v1/alarms/acknowledge", "{\"user\":\"evil\"}");
        // Sessions and tokens (issue 20): a foreign page must not log a browser in or mint a token either.
        m.put("POST /v1/login", "{\"user\":\"admin\",\"password\":\"x\"}");
        m.put("POST /v1/logout", "{}");
        m.put("POST /v1/tokens", "{\"name\":\"evil\"}");
        // Definitions (issue 15): connectors, alarm definitions, schedules, methods.
        String any = UUID.randomUUID().toString();
        m.put("POST /v1/connectors/", "{\"name\":\"Evil\",\"kind\":\"mqtt\"}");
        m.put("PUT /v1/connectors/" + any, "{\"name\":\"Evil\",\"kind\":\"mqtt\"}");
        m.put("PATCH /v1/connectors/" + any, "{\"name\":\"Evil\"}");
        m.put("DELETE /v1/connectors/" + any + "?force=true", "");
        m.put("POST /v1/connectors/" + any + "/enable", "{}");
        m.put("POST /v1/connectors/" + any + "/disable", "{}");
        m.put("POST /v1/alarms/", "{\"tagId\":\"" + level.id() + "\",\"kind\":\"hi\",\"limit\":1}");
        m.put("PUT /v1/alarms/" + alarm, "{\"kind\":\"hi\",\"limit\":1}");
        m.put("PATCH /v1/alarms/" + alarm, "{\"limit\":1}");
        m.put("DELETE /v1/alarms/" + alarm, "");
        m.put("PUT /v1/security/reasons", "{\"rules\":[{\"permission\":\"WRITE_VALUES\"}]}");
        for (String coll : List.of("schedules", "methods")) {
            m.put("POST /v1/" + coll + "/", "{\"name\":\"Evil\",\"every\":1,\"unit\":\"minutes\"}");
            m.put("PUT /v1/" + coll + "/" + any, "{\"name\":\"Evil\"}");
            m.put("PATCH /v1/" + coll + "/" + any, "{\"name\":\"Evil\"}");
            m.put("DELETE /v1/" + coll + "/" + any + "?force=true", "");
        }
        for (String op : List.of("acknowledge", "shelve", "unshelve", "reset", "out-of-service", "return-to-service")) {
            m.put("POST /v1/alarms/" + alarm + "/" + op, "{\"user\":\"evil\",\"reason\":\"x\",\"oneShot\":true}");
        }
        return m;
    }

    private String fingerprint() {
        return get("/v1/objects/").text() + get("/v1/tags/").text() + get("/v1/alarms/?all=true").text()
                + engine.status().samplesReceived();
    }

    private Resp send(String methodAndPath, String body, Map<String, String> headers) {
        String[] mp = methodAndPath.split(" ", 2);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(mp[1])))
                .method(mp[0], body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    @Test
    void everyChangingEndpointRefusesEverySimpleRequestFromAForeignPage() {
        Map<String, String> requests = changingRequests();
        // Every route that is not a read is covered.
        List<String> changing = new ArrayList<>();
        for (String e : api.endpoints()) {
            if (!e.startsWith("GET ")) {
                changing.add(e);
            }
        }
        for (String route : changing) {
            String[] mp = route.split(" ", 2);
            String pattern = mp[1].replaceAll("\\{[^}]+}", "[^/?]+") + "/?(\\?.*)?";
            assertThat(requests.keySet()).as("a request for " + route)
                    .anyMatch(k -> k.startsWith(mp[0] + " ") && k.substring(mp[0].length() + 1).matches(pattern));
        }

        String before = fingerprint();
        int tried = 0;
        for (Map.Entry<String, String> req : requests.entrySet()) {
            for (String type : SIMPLE_TYPES) {
                for (Map.Entry<String, String> from : Map.of("Origin", EVIL, "Referer", EVIL + "/page.html").entrySet()) {
                    Map<String, String> h = new LinkedHashMap<>();
                    h.put(from.getKey(), from.getValue());
                    if (!type.isEmpty()) {
                        h.put("Content-Type", type);
                    }
                    Resp r = send(req.getKey(), req.getValue(), h);
                    assertThat(r.status()).as(req.getKey() + " as " + type + " from " + from).isEqualTo(403);
                    assertThat(r.json().get("field").asText()).isEqualTo(from.getKey());
                    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
                    tried++;
                }
            }
        }
        assertThat(tried).isEqualTo(requests.size() * SIMPLE_TYPES.size() * 2);
        assertThat(fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(engine.model().findObject("/Evil")).isEmpty();
        assertThat(engine.security().reasonRules()).as("no rule set from a foreign page").isEmpty();
    }

    @Test
    void aFormPostWithoutOriginIs415AndTellsCurlUsersWhatToAdd() {
        String before = fingerprint();
        for (String type : SIMPLE_TYPES) {
            Map<String, String> h = type.isEmpty() ? Map.of() : Map.of("Content-Type", type);
            Resp r = send("POST /v1/objects/", "{\"name\":\"Evil\"}", h);
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.json().get("field").asText()).isEqualTo("Content-Type");
            assertThat(r.json().get("message").asText()).contains("-H 'Content-Type: application/json'");
        }
        // A bodyless POST is a form too.
        assertThat(send("POST /v1/alarms/acknowledge", "", Map.of()).status()).isEqualTo(415);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void foreignOriginsAreRefusedOnReadsAndTheStreamToo() {
        for (String path : List.of("/v1/data/?tagId=" + level.id(), "/v1/objects/", "/v1/stream", "/metrics")) {
            Resp r = send("GET " + path, "", Map.of("Origin", EVIL));
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.json().get("field").asText()).isEqualTo("Origin");
        }
        // "null" (sandboxed frames, file: pages) and another port on this machine are foreign too.
        assertThat(send("GET /v1/objects/", "", Map.of("Origin", "null")).status()).isEqualTo(403);
        assertThat(send("GET /v1/objects/", "", Map.of("Origin", "http://127.0.0.1:3000")).status()).isEqualTo(403);
        assertThat(send("GET /v1/objects/", "", Map.of("Referer", "http://localhost:3000/x")).status()).isEqualTo(403);
    }

    @Test
    void aForeignHostIsRefusedAsDnsRebinding() {
        String before = fingerprint();
        RawHttp.Answer read = RawHttp.send(api.port(), "GET /v1/objects/ HTTP/1.1\r\nHost: rebind.evil.example:" + api.port()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(read.status()).isEqualTo(421);
        assertThat(read.isJson()).isTrue();
        assertThat(read.body()).contains("\"field\":\"Host\"");
        String body = "{\"name\":\"Evil\"}";
        RawHttp.Answer write = RawHttp.send(api.port(), "POST /v1/objects/ HTTP/1.1\r\nHost: rebind.evil.example\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(write.status()).isEqualTo(421);
        assertThat(fingerprint()).isEqualTo(before);

        for (String host : List.of("localhost", "127.0.0.1", "localhost:" + api.port(), "127.0.0.1:" + api.port(), "[::1]:" + api.port())) {
            RawHttp.Answer ok = RawHttp.send(api.port(), "GET /v1/objects/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(ok.status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void configuredHostNamesAreAccepted() {
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0).withHostNames(List.of("scada.plant")));
        RawHttp.Answer ok = RawHttp.send(api.port(), "GET /v1/objects/ HTTP/1.1\r\nHost: SCADA.plant:" + api.port()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).isEqualTo(200);
        Resp same = send("POST /v1/objects/", "{\"name\":\"ViaName\"}", Map.of("Content-Type", "application/json",
                "Origin", "http://scada.plant:" + api.port()));
        assertThat(same.status()).isEqualTo(201);
    }

    @Test
    void healthStaysReadableFromAnywhere() {
        assertThat(send("GET /v1/health", "", Map.of("Origin", EVIL)).status()).isEqualTo(200);
        RawHttp.Answer a = RawHttp.send(api.port(), "GET /v1/health HTTP/1.1\r\nHost: monitor.example\r\nConnection: close\r\n\r\n");
        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    void anAllowedOriginGetsWorkingCorsWithAPreflight() {
        HttpRequest.Builder pre = HttpRequest.newBuilder(URI.create(url("/v1/data/")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", GRAFANA)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization");
        Resp p = send(pre);
        assertThat(p.status()).isEqualTo(204);
        assertThat(p.header("Access-Control-Allow-Origin")).isEqualTo(GRAFANA);
        assertThat(p.header("Access-Control-Allow-Methods")).contains("POST").contains("GET");
        assertThat(p.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type").containsIgnoringCase("authorization");
        assertThat(p.header("Vary")).contains("Origin");

        Resp w = send("POST /v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",2.5]]}]}",
                Map.of("Origin", GRAFANA, "Content-Type", "application/json"));
        assertThat(w.status()).isEqualTo(200);
        assertThat(w.header("Access-Control-Allow-Origin")).isEqualTo(GRAFANA);
        Resp c = send("POST /v1/objects/", "{\"name\":\"FromGrafana\"}", Map.of("Origin", GRAFANA, "Content-Type", "application/json"));
        assertThat(c.status()).isEqualTo(201);
        assertThat(c.header("Access-Control-Expose-Headers")).contains("Location");

        Resp r = send("GET /v1/data/?tagId=" + level.id() + "&start=" + T0 + "&finish=" + (T0 + 1), "", Map.of("Origin", GRAFANA));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(GRAFANA);

        // A preflight from a foreign origin gets no CORS grant.
        Resp foreign = send(HttpRequest.newBuilder(URI.create(url("/v1/data/"))).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", EVIL).header("Access-Control-Request-Method", "POST"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void sameOriginAndCurlStyleJsonRequestsKeepWorking() {
        Resp same = send("POST /v1/objects/", "{\"name\":\"Same\"}",
                Map.of("Origin", "http://127.0.0.1:" + api.port(), "Content-Type", "application/json"));
        assertThat(same.status()).isEqualTo(201);
        Resp local = send("POST /v1/objects/", "{\"name\":\"Local\"}",
                Map.of("Origin", "http://localhost:" + api.port(), "Referer", "http://localhost:" + api.port() + "/", "Content-Type", "application/json; charset=utf-8"));
        assertThat(local.status()).isEqualTo(201);
        Resp curl = send("POST /v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[" + T0 + ",1.5]]}]}",
                Map.of("Content-Type", "application/json", "User-Agent", "curl/8.5.0", "Accept", "*/*"));
        assertThat(curl.status()).isEqualTo(200);
        assertThat(delete("/v1/objects/" + engine.model().findObject("/Same").orElseThrow().id()).status()).isEqualTo(200);
    }

    @Test
    void aSubclassOfTheGateDecidesWhoMayDoWhat() {
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0), ApiHooks.defaults().withGate(cfg -> new RequestGate(cfg, null) {
            @Override
            protected ApiAuthorizer.Decision authorize(ApiAuthorizer.Request r) {
                return r.access() == ApiAccess.EDIT_MODEL ? ApiAuthorizer.Decision.forbidden("operators do not edit the model")
                        : ApiAuthorizer.Decision.allow("operator");
            }
        }));
        Resp r = post("/v1/objects/", "{\"name\":\"X\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).contains("operators do not edit");
        assertThat(write(level.id(), "[[" + T0 + ",1.0]]").status()).isEqualTo(200);
        // The origin rules still hold under a custom gate.
        assertThat(send("POST /v1/data/", "{}", Map.of("Origin", EVIL, "Content-Type", "application/json")).status()).isEqualTo(403);
    }
}
