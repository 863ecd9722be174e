package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health, metrics, the OpenAPI document, the alarms placeholder, routing errors. */
class ApiStatusTest extends ApiTestBase {
    private static final Pattern SAMPLE_LINE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (-?[0-9.eE+-]+|NaN)$");

    @Test
    void healthReportsTheEngine() {
        write(level.id(), "[[1.0],[2.0]]");
        Resp h = get("/v1/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("status").asText()).isEqualTo("ok");
        assertThat(h.json().get("running").asBoolean()).isTrue();
        assertThat(h.json().get("tags").asInt()).isEqualTo(4);
        assertThat(h.json().get("objects").asInt()).isEqualTo(3);
        assertThat(h.json().get("samplesReceived").asLong()).isEqualTo(2);
        assertThat(h.json().get("historyError").isNull()).isTrue();

        engine.close();
        Resp stopped = get("/v1/health");
        assertThat(stopped.status()).isEqualTo(503);
        assertThat(stopped.json().get("status").asText()).isEqualTo("stopped");
    }

    @Test
    void metricsAreValidPrometheusText() {
        write(level.id(), "[[1.0],[2.0],[3.0]]");
        get("/v1/data/?tagId=" + level.id());
        Resp m = get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        Set<String> typed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        for (String line : m.text().split("\n")) {
            if (line.startsWith("# HELP ")) {
                helped.add(line.split(" ")[2]);
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                assertThat(p[3]).isIn("counter", "gauge", "histogram");
                typed.add(p[2]);
            } else {
                var matcher = SAMPLE_LINE.matcher(line);
                assertThat(matcher.matches()).as("metric line: " + line).isTrue();
                String family = matcher.group(1).replaceAll("_(bucket|sum|count)$", "");
                assertThat(typed).as("TYPE before " + line).containsAnyOf(matcher.group(1), family);
                assertThat(helped).as("HELP before " + line).containsAnyOf(matcher.group(1), family);
            }
        }
        String text = m.text();
        assertThat(text).contains("peresvet_up 1\n");
        assertThat(text).contains("peresvet_samples_received_total 3\n");
        assertThat(text).contains("peresvet_samples_accepted_total 3\n");
        assertThat(text).contains("peresvet_api_samples_in_total 3\n");
        assertThat(text).contains("peresvet_api_samples_out_total 1\n");
        assertThat(text).contains("peresvet_tags 4\n");
        assertThat(text).contains("peresvet_api_requests_total{method=\"POST\",route=\"/v1/data/\",status=\"200\"} 1\n");
        assertThat(text).contains("peresvet_ingest_queue_depth ");
        assertThat(text).contains("peresvet_history_written_total ");
        assertThat(text).contains("jvm_memory_used_bytes{area=\"heap\"} ");
        assertThat(text).contains("jvm_memory_max_bytes{area=\"heap\"} ");
        assertThat(text).contains("peresvet_api_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/data/\",le=\"+Inf\"} 1\n");
        assertThat(text).contains("peresvet_api_request_duration_seconds_count{method=\"POST\",route=\"/v1/data/\"} 1\n");
    }

    @Test
    void alarmsAreNotImplementedYet() {
        for (Resp r : List.of(get("/v1/alarms/"), get("/v1/alarms"), get("/v1/alarms/history"),
                post("/v1/alarms/a1/acknowledge", "{}"), post("/v1/alarms/a1/shelve", "{}"),
                post("/v1/alarms/a1/unshelve", "{}"))) {
            assertThat(r.status()).isEqualTo(501);
            assertThat(r.json().get("error").asText()).isEqualTo("Not Implemented");
            assertThat(r.json().get("message").asText()).contains("alarms issue");
        }
    }

    @Test
    void unknownEndpointsAndMethods() {
        Resp none = get("/v1/nothing");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("message").asText()).contains("/v1/openapi.json");
        Resp method = delete("/v1/data/");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).isEqualTo("GET, POST");
        assertThat(get("/v1/data?tagId=" + level.id()).status()).isEqualTo(200); // trailing slash optional
    }

    @Test
    void theOpenApiDocumentListsExactlyTheEndpointsOfTheServer() {
        Resp r = get("/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey().replace("{id}", "{id}"));
                }
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.endpoints());
        // The alarms say they are not there yet.
        assertThat(doc.get("paths").get("/v1/alarms/").get("get").get("responses").has("501")).isTrue();
        assertThat(doc.get("paths").get("/v1/alarms/").get("get").get("description").asText()).contains("alarms issue");
        // Every $ref resolves.
        assertRefsResolve(doc, doc);
    }

    @Test
    void everyStatusTheServerAnswersIsDocumented() throws Exception {
        JsonNode doc = get("/v1/openapi.json").json();
        String[] ids = {tank.id().toString(), mode.id().toString()};
        for (String endpoint : api.endpoints()) {
            String method = endpoint.split(" ")[0];
            String template = endpoint.split(" ")[1];
            JsonNode responses = doc.get("paths").get(template).get(method.toLowerCase(Locale.ROOT)).get("responses");
            String path = template.replace("{id}", template.startsWith("/v1/tags") ? ids[1] : ids[0]);
            int status;
            if (template.equals("/v1/stream")) {
                HttpResponse<InputStream> s = http.sendAsync(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
                status = s.statusCode();
                s.body().close();
            } else {
                Resp resp = switch (method) {
                    case "GET" -> get(path);
                    case "POST" -> post(path, "{}");
                    case "PUT" -> put(path, "{}");
                    case "PATCH" -> patch(path, "{}");
                    case "DELETE" -> delete(path);
                    default -> throw new AssertionError(method);
                };
                status = resp.status();
                if (status >= 400) {
                    assertThat(resp.json().get("status").asInt()).isEqualTo(status);
                }
            }
            assertThat(responses.has(String.valueOf(status))).as(endpoint + " answered " + status + ", documented: "
                    + responses.fieldNames().next()).isTrue();
        }
    }

    private static void assertRefsResolve(JsonNode root, JsonNode n) {
        if (n.isObject()) {
            JsonNode ref = n.get("$ref");
            if (ref != null) {
                String[] parts = ref.asText().substring(2).split("/");
                JsonNode target = root;
                for (String p : parts) {
                    target = target.get(p);
                    assertThat(target).as("$ref " + ref.asText()).isNotNull();
                }
            }
            n.elements().forEachRemaining(c -> assertRefsResolve(root, c));
        } else if (n.isArray()) {
            n.elements().forEachRemaining(c -> assertRefsResolve(root, c));
        }
    }
}
