package org.peresvet.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.export.ExportConfig;
import org.peresvet.export.Exporters;
import org.peresvet.export.SeriesNaming;
import org.peresvet.export.VictoriaMetricsServer;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * The demo plant on the real parts: an engine on a copy of the example exports to a real
 * VictoriaMetrics; every panel query of the generated dashboards (the overview and each object's)
 * returns data from it.
 */
class GrafanaPumpStationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POINTS = 30;
    private static final long SPACING_MS = 10_000;

    @TempDir
    Path dir;

    @Test
    void everyPanelQueryOfTheDemosDashboardsReturnsData() throws Exception {
        // Points are stamped up to now: without the offset, queries leave out the last 30 s.
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"), "-search.latencyOffset=0s")) {
            Path project = OverviewDashboardTest.demoCopy(dir);
            ExportConfig.of(ExportConfig.Target.of("plant", vm.url()).withLabels(Map.of("site", "demo")))
                    .withBatching(10_000, 50).save(project);
            long start = (System.currentTimeMillis() / 1000) * 1000 - POINTS * SPACING_MS;
            try (Engine e = Engine.open(project, EngineOptions.quiet())) {
                // The values come from this test, not from boards on some broker.
                List<ModelEdit> edits = new ArrayList<>();
                for (ConnectorDef c : e.model().connectors()) {
                    edits.add(new ModelEdit.PutConnector(c.withEnabled(false)));
                }
                // A calculated tag that waits for a schedule or a long period runs on its inputs' changes here.
                for (TagDef t : e.model().tags()) {
                    if (t.calculated() && t.trigger().kind() != CalcTrigger.Kind.CHANGE) {
                        edits.add(new ModelEdit.PutTag(t.toBuilder().trigger(CalcTrigger.CHANGE).build()));
                    }
                }
                TagDef alarmed = alarmedTag(e.model());
                edits.add(new ModelEdit.PutAlarm(AlarmDef.builder(alarmed.id(), AlarmKind.HI).limit(mid(alarmed)).build()));
                e.edit(edits);
                e.start();
                ModelSnapshot model = e.model();
                List<TagDef> written = model.tags().stream()
                        .filter(t -> SeriesNaming.exported(t) && t.enabled() && !t.calculated()).toList();
                for (int i = 0; i < POINTS; i++) {
                    long micros = (start + i * SPACING_MS) * 1000;
                    for (TagDef t : written) {
                        e.write(t.id(), Sample.of(micros, value(t, i)));
                    }
                }
                e.flush();
                Exporters x = e.telemetry().exporters().orElseThrow();
                assertThat(x.awaitDrained(Duration.ofSeconds(30))).as("%s", x.status()).isTrue();
                vm.forceFlush();

                GrafanaExport.Result r = GrafanaExport.write(model, project, dir.resolve("grafana"));
                Map<String, String> queries = new TreeMap<>();
                collect(JSON.readTree(Files.readString(r.overview())), queries);
                int overviewPanels = queries.size();
                for (Path f : r.dashboards()) {
                    collect(JSON.readTree(Files.readString(f)), queries);
                }
                assertThat(overviewPanels).as("overview panels").isGreaterThan(10);
                assertThat(queries.keySet()).anyMatch(k -> k.contains("Alarm states")).anyMatch(k -> k.contains("Active alarms"));

                // Evaluated until the newest points are searchable; then every query must have answered.
                Map<String, String> empty = new TreeMap<>(queries);
                long deadline = System.currentTimeMillis() + 20_000;
                while (!empty.isEmpty() && System.currentTimeMillis() < deadline) {
                    empty.entrySet().removeIf(q -> hasData(vm.queryRange(q.getValue(), start - 60_000,
                            System.currentTimeMillis() + 1000, 5000)));
                    if (!empty.isEmpty()) {
                        Thread.sleep(200);
                    }
                }
                assertThat(empty).as("panel queries without data").isEmpty();
            }
        }
    }

    /** The level when the plant has one (else the first measured value) gets an alarm of the test's own. */
    private static TagDef alarmedTag(ModelSnapshot model) {
        return model.tags().stream().filter(t -> !t.calculated() && t.enabled() && t.type() == ValueType.DOUBLE
                        && PanelKind.of(t) == PanelKind.TREND)
                .sorted((a, b) -> Boolean.compare(!a.name().equals("Level"), !b.name().equals("Level")))
                .findFirst().orElseThrow();
    }

    private static double lo(TagDef t) {
        return t.min() == null ? 0 : t.min();
    }

    private static double hi(TagDef t) {
        return t.max() == null ? lo(t) + 100 : t.max();
    }

    private static double mid(TagDef t) {
        return (lo(t) + hi(t)) / 2;
    }

    /** A sweep over the tag's range, so limits are crossed and no deadband swallows a point. */
    private static Object value(TagDef t, int i) {
        return switch (t.type()) {
            case BOOL -> i % 2 == 0;
            case INT -> (long) i;
            default -> lo(t) + (hi(t) - lo(t)) * (i % 10) / 9.0;
        };
    }

    /** Panel title (with its dashboard) → query, the object variable set to "All". */
    private static void collect(JsonNode dashboard, Map<String, String> out) {
        JsonNode vars = dashboard.path("templating").path("list");
        String all = vars.size() > 0 ? vars.get(0).get("allValue").asText() : null;
        for (JsonNode p : dashboard.get("panels")) {
            if (p.has("targets")) {
                String expr = p.get("targets").get(0).get("expr").asText();
                out.put(dashboard.get("title").asText() + " / " + p.get("id").asInt() + " " + p.get("title").asText(),
                        all == null ? expr : expr.replace("$object", all));
            }
        }
    }

    private static boolean hasData(JsonNode answer) {
        JsonNode result = answer.get("data").get("result");
        return result.size() > 0 && result.get(0).get("values").size() > 0;
    }
}
