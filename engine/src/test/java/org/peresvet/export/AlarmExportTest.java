package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.grafana.GrafanaExport;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Alarm states go to a real VictoriaMetrics; the generated dashboard draws alarm limits and alarm annotations from them. */
class AlarmExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void alarmTransitionsBecomeSeriesAndTheDashboardShowsLimitsAndAlarms() throws Exception {
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start(dir.resolve("vm"), "-search.latencyOffset=0s")) {
            // The alarm points are stamped now: without the offset, queries leave out the last 30 s.
            Path project = dir.resolve("project");
            ExportConfig.of(ExportConfig.Target.of("vm", vm.url()).withLabels(Map.of("site", "north"))).save(project);
            ObjectDef station = ObjectDef.create(null, "Station");
            ObjectDef tank = ObjectDef.create(station.id(), "Tank");
            TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).units("m").build();
            AlarmDef hi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).priority(AlarmPriority.HIGH).build();
            AlarmDef lolo = AlarmDef.builder(level.id(), AlarmKind.LOLO).limit(0.5).build();
            long t0 = System.currentTimeMillis() - 1000;
            try (Engine e = Engine.open(project, EngineOptions.quiet()).start()) {
                e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutObject(tank), new ModelEdit.PutTag(level),
                        new ModelEdit.PutAlarm(hi), new ModelEdit.PutAlarm(lolo));
                e.write(level.id(), 4.5);
                e.flush();
                Thread.sleep(20);
                e.write(level.id(), 3.0);
                e.flush();
                Thread.sleep(20);
                e.alarms().acknowledge(hi.id(), Actor.workstation("ivanov"), null);
                e.flush();
                String active = SeriesNaming.ALARM_ACTIVE_METRIC + "{site=\"north\"}";
                List<VictoriaMetricsServer.Series> got = vm.awaitExport(active, t0, t0 + 600_000,
                        l -> ExportFixtures.total(l) >= 3, Duration.ofSeconds(30));
                assertThat(got).singleElement().satisfies(s -> {
                    assertThat(s.labels()).containsEntry("alarm", "/Station/Tank/Level#Hi").containsEntry("priority", "high")
                            .containsEntry("object", "/Station/Tank").containsEntry("alarm_id", hi.id().toString())
                            .containsEntry("tag_id", level.id().toString()).containsEntry("site", "north");
                    assertThat(s.values()).containsExactly(1.0, 0.0, 0.0);
                });
                List<VictoriaMetricsServer.Series> unacked = vm.awaitExport(SeriesNaming.ALARM_UNACKED_METRIC + "{site=\"north\"}",
                        t0, t0 + 600_000, l -> ExportFixtures.total(l) >= 3, Duration.ofSeconds(30));
                assertThat(unacked.get(0).values()).containsExactly(1.0, 1.0, 0.0);

                GrafanaExport.Result r = GrafanaExport.write(e.model(), project, dir.resolve("grafana"));
                JsonNode d = JSON.readTree(Files.readString(r.dashboards().get(0)));
                JsonNode alarms = null;
                for (JsonNode a : d.get("annotations").get("list")) {
                    if (a.path("name").asText().equals("Alarms")) {
                        alarms = a;
                    }
                }
                assertThat(alarms).isNotNull();
                String all = d.get("templating").get("list").get(0).get("allValue").asText();
                // Evaluated every second until the newest points are searchable (the server's last
                // evaluation point is at or before now; the dashboard's 10 s step only matters for older data).
                String expr = alarms.get("expr").asText().replace("$object", all);
                JsonNode marks = null;
                long deadline = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < deadline) {
                    marks = vm.queryRange(expr, t0, System.currentTimeMillis(), 1000).get("data").get("result");
                    if (marks.size() > 0) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(marks.size()).as("alarm annotations").isEqualTo(1);
                List<Double> limits = new ArrayList<>();
                List<String> colours = new ArrayList<>();
                for (JsonNode p : d.get("panels")) {
                    if (p.get("title").asText().startsWith("Level")) {
                        p.get("fieldConfig").get("defaults").get("thresholds").get("steps").forEach(st -> {
                            if (!st.get("value").isNull()) {
                                limits.add(st.get("value").asDouble());
                                colours.add(st.get("color").asText());
                            }
                        });
                    }
                }
                assertThat(limits).startsWith(0.5, 4.0);
                assertThat(colours).startsWith("red", "orange");
            }
        }
    }
}
