package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.export.ExportConfig;

class CliGrafanaTest {
    @TempDir
    Path tmp;

    @Test
    void writesProvisioningForTheConfiguredTarget() throws Exception {
        Path project = CliSupport.demoProject(tmp);
        CliSupport.run("tags", "list", "--project", project.toString()); // first open imports the seed
        ExportConfig.of(ExportConfig.Target.of("central", "http://127.0.0.1:18428")).save(project);
        Path out = tmp.resolve("grafana");
        CliSupport.Run r = CliSupport.run("grafana", "export", out.toString(), "--project", project.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dashboards");
        String ds = Files.readString(out.resolve("provisioning/datasources/peresvet.yaml"));
        assertThat(ds).contains("http://127.0.0.1:18428");
        List<Path> dashboards;
        try (Stream<Path> s = Files.list(out.resolve("dashboards"))) {
            dashboards = s.toList();
        }
        assertThat(dashboards).isNotEmpty();
        JsonNode d = new ObjectMapper().readTree(dashboards.get(0).toFile());
        assertThat(d.path("panels").size()).isPositive();
    }

    @Test
    void aUrlIsEnoughAndTheFilesGoIntoTheProjectByDefault() throws Exception {
        Path project = CliSupport.demoProject(tmp);
        CliSupport.Run r = CliSupport.run("grafana", "export", "--url", "http://127.0.0.1:18428", "--dashboards-path",
                "/var/lib/grafana/dashboards/peresvet", "--project", project.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        Path out = project.resolve("grafana");
        assertThat(Files.readString(out.resolve("provisioning/datasources/peresvet.yaml"))).contains("url: http://127.0.0.1:18428");
        assertThat(Files.readString(out.resolve("provisioning/dashboards/peresvet.yaml")))
                .contains("path: /var/lib/grafana/dashboards/peresvet");
        JsonNode overview = new ObjectMapper().readTree(out.resolve("dashboards/peresvet-overview.json").toFile());
        assertThat(overview.path("panels").size()).isGreaterThan(10);
        CliSupport.Run twice = CliSupport.run("grafana", "export", tmp.resolve("a").toString(), "--out", tmp.resolve("b").toString(),
                "--url", "http://127.0.0.1:18428", "--project", project.toString());
        assertThat(twice.exit()).as(twice.toString()).isEqualTo(3);
    }

    @Test
    void withoutATargetItSaysWhatToConfigure() throws Exception {
        Path project = CliSupport.demoProject(tmp);
        CliSupport.Run r = CliSupport.run("grafana", "export", tmp.resolve("g").toString(), "--project", project.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: no VictoriaMetrics target is configured").contains("export.json").contains("--url");
    }
}
