package org.peresvet.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.SeriesNaming;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/** The overview dashboard of the demo plant: valid JSON, unique ids, one data source, a panel per tag, stable bytes. */
class OverviewDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    /** A copy of the bundled example, opened (and so imported) once. */
    static Path demoCopy(Path parent) throws Exception {
        Path project = parent.resolve("pump-station");
        Files.createDirectories(project);
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            Files.write(project.resolve("project.json"), in.readAllBytes());
        }
        return project;
    }

    @Test
    void theDemosOverviewHasAPanelPerTagOnTheProvisionedDataSource() throws Exception {
        Path project = demoCopy(dir);
        ExportConfig.of(ExportConfig.Target.of("plant", "http://127.0.0.1:8428").withLabels(Map.of("site", "north"))).save(project);
        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            ModelSnapshot model = e.model();
            GrafanaExport.Result r = GrafanaExport.write(model, project, dir.resolve("a"));
            JsonNode source = YAML.readTree(Files.readString(r.dataSource())).get("datasources").get(0);
            assertThat(source.get("type").asText()).isEqualTo("prometheus");
            assertThat(source.get("url").asText()).isEqualTo("http://127.0.0.1:8428");
            String uid = source.get("uid").asText();
            JsonNode provider = YAML.readTree(Files.readString(r.provider())).get("providers").get(0);
            assertThat(provider.get("options").get("path").asText()).isEqualTo(dir.resolve("a/dashboards").toAbsolutePath().toString());

            assertThat(r.overview()).isNotNull().hasFileName("peresvet-overview.json");
            JsonNode d = JSON.readTree(Files.readString(r.overview()));
            assertThat(d.get("uid").asText()).startsWith("prs-ov-").hasSizeLessThanOrEqualTo(40);
            assertThat(d.get("title").asText()).endsWith("overview");

            Set<Integer> ids = new HashSet<>();
            Map<String, String> kindByTag = new TreeMap<>();
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode p : d.get("panels")) {
                assertThat(ids.add(p.get("id").asInt())).as("panel id %s is unique", p.get("id")).isTrue();
                JsonNode g = p.get("gridPos");
                assertThat(g.get("x").asInt() + g.get("w").asInt()).as("%s fits the 24 columns", p.get("title")).isLessThanOrEqualTo(24);
                boxes.add(new int[] {g.get("x").asInt(), g.get("y").asInt(), g.get("w").asInt(), g.get("h").asInt()});
                if (p.get("type").asText().equals("row")) {
                    continue;
                }
                assertThat(p.get("datasource").get("uid").asText()).isEqualTo(uid);
                JsonNode target = p.get("targets").get(0);
                assertThat(target.get("datasource").get("uid").asText()).isEqualTo(uid);
                String expr = target.get("expr").asText();
                assertThat(expr).as("the target's labels select the series").contains("site=\"north\"");
                if (expr.contains(SeriesNaming.VALUE_METRIC)) {
                    String tagId = expr.replaceAll(".*tag_id=\"([^\"]+)\".*", "$1");
                    assertThat(kindByTag.put(tagId, p.get("type").asText())).as("one panel per tag").isNull();
                }
            }
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(overlap(boxes.get(i), boxes.get(j))).as("panels %d and %d overlap", i, j).isFalse();
                }
            }
            List<TagDef> exported = model.tags().stream().filter(t -> SeriesNaming.exported(t) && t.enabled()).toList();
            assertThat(kindByTag).hasSize(exported.size());
            for (TagDef t : exported) {
                String expected = PanelKind.of(t) == PanelKind.TREND ? "timeseries" : "stat";
                assertThat(kindByTag.get(t.id().toString())).as(model.tagPath(t.id())).isEqualTo(expected);
            }
            // The plant's measured values are curves, its states and totals stats.
            List<String> curves = new ArrayList<>();
            List<String> stats = new ArrayList<>();
            for (TagDef t : exported) {
                (kindByTag.get(t.id().toString()).equals("stat") ? stats : curves).add(model.tagPath(t.id()));
            }
            assertThat(curves).anyMatch(p -> p.endsWith("/Level")).anyMatch(p -> p.endsWith("/Pressure"))
                    .anyMatch(p -> p.endsWith("/Flow")).anyMatch(p -> p.endsWith("Current"));
            assertThat(stats).anyMatch(p -> p.endsWith("/Running")).anyMatch(p -> p.endsWith("/RunHours"));

            // Written again: the same bytes, so the files diff well.
            GrafanaExport.Result again = GrafanaExport.write(model, project, dir.resolve("b"));
            assertThat(Files.readString(again.overview())).isEqualTo(Files.readString(r.overview()));
            for (int i = 0; i < r.dashboards().size(); i++) {
                assertThat(Files.readString(again.dashboards().get(i))).isEqualTo(Files.readString(r.dashboards().get(i)));
            }
        }
    }

    @Test
    void aUrlReplacesTheConfiguredOneOrStandsAlone() throws Exception {
        Path project = dir.resolve("p");
        Files.createDirectories(project);
        assertThat(GrafanaExport.target(project, "http://vm.plant:8428/").url()).isEqualTo("http://vm.plant:8428");
        assertThat(GrafanaExport.target(project, "http://vm.plant:8428").name()).isEqualTo(GrafanaExport.DEFAULT_TARGET);
        ExportConfig.of(ExportConfig.Target.of("plant", "http://127.0.0.1:8428").withLabels(Map.of("site", "north"))).save(project);
        ExportConfig.Target t = GrafanaExport.target(project, "http://10.0.0.5:8428");
        assertThat(t.url()).isEqualTo("http://10.0.0.5:8428");
        assertThat(t.labels()).containsEntry("site", "north");
        assertThat(GrafanaExport.target(project, null).url()).isEqualTo("http://127.0.0.1:8428");
    }

    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }
}
