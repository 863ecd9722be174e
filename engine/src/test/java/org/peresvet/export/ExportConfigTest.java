package org.peresvet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportConfigTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansNoTargets() {
        assertThat(ExportConfig.load(dir).targets()).isEmpty();
    }

    @Test
    void savedConfigurationLoadsTheSame() {
        ExportConfig c = new ExportConfig(5000, 500, java.util.List.of(
                ExportConfig.Target.of("local", "http://127.0.0.1:8428/").withLabels(Map.of("site", "north")),
                ExportConfig.Target.of("central", "https://vm.example.org/insert").withBasicAuth("plant", "pw")
                        .withQueueMaxBytes(64L << 20).withEnabled(false).withReadHistory(false),
                ExportConfig.Target.of("cloud", "https://vm.example.com").withBearerToken("tok")));
        c.save(dir);
        ExportConfig back = ExportConfig.load(dir);
        assertThat(back).isEqualTo(c);
        assertThat(back.targets().get(0).url()).isEqualTo("http://127.0.0.1:8428");
        assertThat(back.enabledTargets()).extracting(ExportConfig.Target::name).containsExactly("local", "cloud");
        assertThat(back.historyTarget().name()).isEqualTo("local");
    }

    @Test
    void aMinimalFileUsesTheDefaults() throws Exception {
        Files.writeString(ExportConfig.file(dir), "{\"targets\":[{\"name\":\"vm\",\"url\":\"http://localhost:8428\"}]}");
        ExportConfig c = ExportConfig.load(dir);
        assertThat(c.batchMaxSamples()).isEqualTo(10_000);
        assertThat(c.batchMaxAgeMillis()).isEqualTo(1000);
        ExportConfig.Target t = c.targets().get(0);
        assertThat(t.enabled()).isTrue();
        assertThat(t.queueMaxBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(t.queueAlarmPercent()).isEqualTo(80);
        assertThat(t.readHistory()).isTrue();
    }

    @Test
    void mistakesAreNamed() throws Exception {
        assertThatThrownBy(() -> ExportConfig.parse("{\"targets\":[{\"name\":\"vm\",\"url\":\"ftp://x\"}]}"))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> ExportConfig.parse("{\"targets\":[{\"name\":\"vm\",\"url\":\"http://x\",\"lables\":{}}]}"))
                .hasMessageContaining("$.targets[0].lables: unknown key");
        assertThatThrownBy(() -> ExportConfig.parse("{\"targets\":[{\"name\":\"a/b\",\"url\":\"http://x\"}]}"))
                .hasMessageContaining("target name 'a/b'");
        assertThatThrownBy(() -> ExportConfig.parse("{\"targets\":[{\"name\":\"vm\",\"url\":\"http://x\",\"labels\":{\"tag_id\":\"1\"}}]}"))
                .hasMessageContaining("set by the exporter");
        assertThatThrownBy(() -> ExportConfig.parse("{\"targets\":[{\"name\":\"vm\",\"url\":\"http://x\"},{\"name\":\"VM\",\"url\":\"http://y\"}]}"))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> ExportConfig.parse("{\"batchMaxSamples\":\"many\"}"))
                .hasMessageContaining("batchMaxSamples must be an integer");
        Files.writeString(ExportConfig.file(dir), "{oops");
        assertThatThrownBy(() -> ExportConfig.load(dir)).hasMessageContaining("export.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void credentialsStayOutOfTheDisplayedUrl() {
        assertThat(ExportConfig.Target.of("vm", "http://user:pw@vm.example.org:8428/base").displayUrl())
                .isEqualTo("http://vm.example.org:8428/base");
        assertThat(ExportConfig.Target.of("vm", "http://vm").withBasicAuth("u", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(ExportConfig.Target.of("vm", "http://vm").withBearerToken("t0k3n").toString()).doesNotContain("t0k3n");
    }
}
