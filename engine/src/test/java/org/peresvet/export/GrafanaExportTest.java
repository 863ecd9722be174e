package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.export.ExportFixtures.T0_MS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.grafana.GrafanaExport;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;

/** The provisioning files parse, point at the configured server, and every panel query returns data. */
class GrafanaExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void filesParseAndEveryPanelQueryReturnsDataFromTheServer() throws Exception {
        ExportFixtures f = new ExportFixtures();
        ModelSnapshot model = f.model();
        long base = T0_MS - 1_200_000;
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"))) {
            ExportConfig.Target target = ExportConfig.Target.of("central", vm.url()).withLabels(Map.of("site", "north"))
                    .withBasicAuth("grafana", "s3cret");
            // The data: every numeric tag for ten minutes, one stretch of bad quality.
            ExportConfig.Target plain = ExportConfig.Target.of("central", vm.url()).withLabels(Map.of("site", "north"));
            try (Exporters x = Exporters.start(ExportConfig.of(plain), dir.resolve("queue"), () -> model)) {
                List<TagSample> batch = new ArrayList<>();
                for (int i = 0; i < 600; i++) {
                    long micros = (base + i * 1000L) * 1000;
                    for (TagDef t : f.numeric()) {
                        Object v = ExportOutageTest.value(t, i);
                        batch.add(new TagSample(t.id(), i >= 300 && i < 320 ? new Sample(micros, null, Quality.CONNECTION_LOST)
                                : Sample.of(micros, v)));
                    }
                }
                x.sink().accepted(batch);
                assertThat(x.awaitDrained(Duration.ofSeconds(30))).isTrue();
            }
            vm.awaitExport("{site=\"north\"}", base, base + 600_000, l -> ExportFixtures.total(l) >= 8 * 600 - 4 * 20,
                    Duration.ofSeconds(20));

            Path out = dir.resolve("grafana");
            GrafanaExport.Result r = GrafanaExport.write(model, target, out, GrafanaExport.Options.defaults());

            JsonNode ds = YAML.readTree(Files.readString(r.dataSource()));
            assertThat(ds.get("apiVersion").asInt()).isEqualTo(1);
            JsonNode source = ds.get("datasources").get(0);
            assertThat(source.get("type").asText()).isEqualTo("prometheus");
            assertThat(source.get("access").asText()).isEqualTo("proxy");
            assertThat(source.get("url").asText()).isEqualTo(vm.url());
            assertThat(source.get("isDefault").asBoolean()).isTrue();
            assertThat(source.get("basicAuthUser").asText()).isEqualTo("grafana");
            assertThat(source.get("secureJsonData").get("basicAuthPassword").asText())
                    .as("no secret in the file unless asked").isEqualTo("$PERESVET_VM_PASSWORD");
            String uid = source.get("uid").asText();

            JsonNode prov = YAML.readTree(Files.readString(r.provider())).get("providers").get(0);
            assertThat(prov.get("type").asText()).isEqualTo("file");
            assertThat(prov.get("options").get("path").asText()).isEqualTo(out.resolve("dashboards").toAbsolutePath().toString());

            assertThat(r.dashboards()).hasSize(3); // Station (subtree), Tank 1, Pump.A
            int queries = 0;
            for (Path file : r.dashboards()) {
                JsonNode d = JSON.readTree(Files.readString(file));
                assertThat(d.get("uid").asText()).hasSizeLessThanOrEqualTo(40);
                JsonNode var = d.get("templating").get("list").get(0);
                assertThat(var.get("name").asText()).isEqualTo("object");
                String all = var.get("allValue").asText();
                List<String> objects = labelValues(vm, var.get("query").get("query").asText(), base);
                assertThat(objects).as("the object variable of %s", d.get("title")).isNotEmpty();

                for (JsonNode p : d.get("panels")) {
                    if (!p.get("type").asText().equals("timeseries")) {
                        continue;
                    }
                    assertThat(p.get("datasource").get("uid").asText()).isEqualTo(uid);
                    String expr = p.get("targets").get(0).get("expr").asText();
                    JsonNode res = vm.queryRange(expr.replace("$object", all), base, base + 600_000, 15_000)
                            .get("data").get("result");
                    assertThat(res.size()).as("%s: %s", p.get("title"), expr).isEqualTo(1);
                    assertThat(res.get(0).get("values").size()).as("%s", expr).isGreaterThan(10);
                    String tagId = res.get(0).get("metric").get("tag_id").asText();
                    assertThat(expr).contains(tagId);
                    // One object picked in the variable, as Grafana escapes it for a Prometheus regex.
                    String object = res.get(0).get("metric").get("object").asText();
                    JsonNode picked = vm.queryRange(expr.replace("$object", grafanaRegexEscape(object)), base, base + 600_000,
                            15_000).get("data").get("result");
                    assertThat(picked.size()).as("%s with object %s", expr, object).isEqualTo(1);
                    queries++;
                }
                JsonNode bad = d.get("annotations").get("list").get(1);
                JsonNode marks = vm.queryRange(bad.get("expr").asText().replace("$object", all), base, base + 600_000, 10_000)
                        .get("data").get("result");
                assertThat(marks.size()).as("bad quality annotations of %s", d.get("title")).isPositive();
            }
            assertThat(queries).isEqualTo(4 + 2 + 2);

            JsonNode station = JSON.readTree(Files.readString(r.dashboards().stream()
                    .filter(p -> p.getFileName().toString().startsWith("peresvet-Station-")).findFirst().orElseThrow()));
            Map<String, JsonNode> byTitle = new HashMap<>();
            station.get("panels").forEach(p -> byTitle.put(p.get("title").asText(), p));
            assertThat(byTitle).containsKeys("/Station/Pump.A", "/Station/Tank 1", "Level, m", "Fills", "Running", "Speed, rpm");
            JsonNode level = byTitle.get("Level, m").get("fieldConfig").get("defaults");
            assertThat(level.get("unit").asText()).isEqualTo("suffix: m");
            assertThat(level.get("min").asDouble()).isEqualTo(0.0);
            assertThat(level.get("max").asDouble()).isEqualTo(5.0);
            assertThat(byTitle.get("Running").get("fieldConfig").get("defaults").get("custom").get("lineInterpolation").asText())
                    .isEqualTo("stepAfter");
            assertThat(byTitle.get("Speed, rpm").get("fieldConfig").get("defaults").get("custom").get("lineInterpolation").asText())
                    .isEqualTo("stepAfter");
        }
    }

    @Test
    void theEngineEntryUsesTheProjectsExportConfiguration() throws Exception {
        ExportFixtures f = new ExportFixtures();
        Path project = dir.resolve("project");
        ExportConfig.of(ExportConfig.Target.of("local", "http://127.0.0.1:8428").withBearerToken("t0k3n")).save(project);
        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            e.edit(f.edits());
            GrafanaExport.Result r = GrafanaExport.write(e.model(), e.folder().dir(), dir.resolve("out"));
            JsonNode source = YAML.readTree(Files.readString(r.dataSource())).get("datasources").get(0);
            assertThat(source.get("url").asText()).isEqualTo("http://127.0.0.1:8428");
            assertThat(source.get("jsonData").get("httpHeaderName1").asText()).isEqualTo("Authorization");
            assertThat(source.get("secureJsonData").get("httpHeaderValue1").asText()).isEqualTo("Bearer $PERESVET_VM_TOKEN");
            assertThat(r.dashboards()).hasSize(3);
            // Written again after a deletion: the dashboard of the deleted object goes away.
            e.edit(new org.peresvet.model.ModelEdit.DeleteObject(f.pump.id()));
            assertThat(GrafanaExport.write(e.model(), e.folder().dir(), dir.resolve("out")).dashboards()).hasSize(2);
            try (var files = Files.list(dir.resolve("out").resolve("dashboards"))) {
                assertThat(files.count()).as("two object dashboards and the overview").isEqualTo(3);
            }
        }
    }

    /** Evaluates Grafana's label_values(selector, label) against the server. */
    private static List<String> labelValues(VictoriaMetricsServer vm, String query, long base) {
        Matcher m = Pattern.compile("label_values\\((.*), *(\\w+)\\)").matcher(query);
        assertThat(m.matches()).as(query).isTrue();
        return vm.labelValues(m.group(2), m.group(1), base - 60_000, base + 660_000);
    }

    /** Grafana's escaping of one variable value for a Prometheus regex (prometheusRegularEscape). */
    private static String grafanaRegexEscape(String value) {
        return value.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]'+?.()|]", "\\\\\\\\$0");
    }
}
