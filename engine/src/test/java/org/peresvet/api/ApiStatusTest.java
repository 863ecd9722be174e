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
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.ModelEdit;
import org.peresvet.runtime.MetricsSource;

/** Health, metrics, the OpenAPI document, alarm counts, routing errors. */
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
    void metricsCountAlarmsByPriorityAndShowTheEnginesMetricsSources() {
        engine.edit(new ModelEdit.PutAlarm(AlarmDef.builder(level.id(), AlarmKind.HI).limit(3.0).priority(AlarmPriority.HIGH).build()),
                new ModelEdit.PutAlarm(AlarmDef.builder(level.id(), AlarmKind.LO).limit(0.5).priority(AlarmPriority.LOW).build()),
                new ModelEdit.PutAlarm(AlarmDef.builder(count.id(), AlarmKind.HI).limit(10.0).priority(AlarmPriority.HIGH).build()));
        write(level.id(), "[[4.0]]");
        write(count.id(), "[[20]]");
        AlarmDef countHi = engine.model().alarmsOf(count.id()).get(0);
        engine.alarms().acknowledge(countHi.id(), Actor.workstation("ivanov"), null);
        engine.alarms().shelveOneShot(countHi.id(), Actor.workstation("ivanov"), "sensor check");
        MetricsSource connectors = () -> List.of(
                new MetricsSource.Gauge("peresvet_connector_up", "1 while the connector is connected.", Map.of("connector", "boiler \"A\""), 1),
                new MetricsSource.Gauge("peresvet_connector_up", "1 while the connector is connected.", Map.of("connector", "pump"), 0),
                new MetricsSource.Gauge("bad name!", "skipped", Map.of(), 1));
        engine.telemetry().addMetricsSource(connectors);
        engine.telemetry().addMetricsSource(() -> {
            throw new IllegalStateException("a broken source is skipped");
        });
        String text = get("/metrics").text();
        assertThat(text).contains("peresvet_alarms_active{priority=\"high\"} 2\n")
                .contains("peresvet_alarms_active{priority=\"low\"} 0\n")
                .contains("peresvet_alarms_unacknowledged{priority=\"high\"} 1\n")
                .contains("peresvet_alarms_shelved{priority=\"high\"} 1\n")
                .contains("peresvet_alarms_evaluated 3\n")
                .contains("peresvet_alarms_with_problems 0\n")
                .contains("# TYPE peresvet_connector_up gauge\n")
                .contains("peresvet_connector_up{connector=\"boiler \\\"A\\\"\"} 1\n")
                .contains("peresvet_connector_up{connector=\"pump\"} 0\n")
                .doesNotContain("bad name");
        assertThat(text.indexOf("# HELP peresvet_connector_up")).isEqualTo(text.lastIndexOf("# HELP peresvet_connector_up"));
        engine.telemetry().removeMetricsSource(connectors);
        assertThat(get("/metrics").text()).doesNotContain("peresvet_connector_up");
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
