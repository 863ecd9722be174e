package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.SimulatorSpec;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectJson;

/** The bundled demo project: it opens, it is alive, and it is exactly what the writer produces. */
class ExampleProjectTest {

    static byte[] seedBytes() throws IOException {
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            assertThat(in).as("bundled pump-station seed").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void opensWithTheExpectedObjectsAndTags(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("project.json"), seedBytes());
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            var m = engine.model();
            assertThat(engine.settings().name()).isEqualTo("Pump station");
            assertThat(m.childObjects(null)).extracting(o -> o.name()).containsExactly("PumpStation");
            assertThat(m.childObjects(m.findObject("/PumpStation").orElseThrow().id())).extracting(o -> o.name())
                    .containsExactly("Inlet", "Outlet", "Power", "Pump1", "Pump2", "PumpBoard1", "PumpBoard2", "Tank1", "Valve1", "Valve2");
            Map<String, String> units = m.tags().stream()
                    .collect(Collectors.toMap(t -> m.tagPath(t.id()), TagDef::units));
            assertThat(units).containsEntry("/PumpStation/Inlet/Flow", "m3/h")
                    .containsEntry("/PumpStation/Inlet/Pressure", "bar")
                    .containsEntry("/PumpStation/Tank1/Level", "m")
                    .containsEntry("/PumpStation/Tank1/Temperature", "°C")
                    .containsEntry("/PumpStation/Outlet/Pressure", "bar")
                    .containsEntry("/PumpStation/Outlet/Flow", "m3/h")
                    .containsEntry("/PumpStation/Power/ActivePower", "kW")
                    .containsEntry("/PumpStation/Power/Energy", "kWh");
            for (String pump : List.of("Pump1", "Pump2")) {
                assertThat(m.findTag("/PumpStation/" + pump + "/Running").orElseThrow().type()).isEqualTo(ValueType.BOOL);
                TagDef speed = m.findTag("/PumpStation/" + pump + "/Speed").orElseThrow();
                assertThat(speed.units()).isEqualTo("%");
                assertThat(speed.min()).isEqualTo(0.0);
                assertThat(speed.max()).isEqualTo(100.0);
                assertThat(units).containsEntry("/PumpStation/" + pump + "/Current", "A")
                        .containsEntry("/PumpStation/" + pump + "/RunHours", "h");
            }
            TagDef level = m.findTag("/PumpStation/Tank1/Level").orElseThrow();
            assertThat(level.min()).isEqualTo(0.0);
            assertThat(level.max()).isEqualTo(5.0);
            TagDef setpoint = m.findTag("/PumpStation/Tank1/LevelSetpoint").orElseThrow();
            assertThat(setpoint.source()).isEqualTo(SourceKind.MANUAL);
            assertThat(setpoint.defaultValue()).isEqualTo(3.0);

            // the plant's values come from its boards and its logic; only two measurements without a board are simulated
            List<TagDef> simulated = m.tags().stream().filter(t -> t.source() == SourceKind.SIMULATED).toList();
            assertThat(simulated).extracting(t -> m.tagPath(t.id()))
                    .containsExactlyInAnyOrder("/PumpStation/Inlet/Pressure", "/PumpStation/Tank1/Temperature");
            assertThat(m.tags().stream().filter(TagDef::calculated).count()).as("calculated tags").isGreaterThan(20);
            assertThat(m.schedules()).extracting(s -> s.name()).containsExactly("Daily at midnight");
            assertThat(m.methods()).hasSize(7);
            for (TagDef t : simulated) {
                SimulatorSpec spec = SimulatorSpec.parse(t.sourceConfig());
                assertThat(spec.intervalMs()).as(m.tagPath(t.id())).isBetween(1000L, 5000L);
            }
        }
    }

    @Test
    void simulatedTagsProduceValuesOnceStarted(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("project.json"), seedBytes());
        try (Engine engine = Engine.open(dir, EngineOptions.quiet().withSimulate(true))) {
            engine.start();
            List<TagDef> simulated = engine.model().tags().stream().filter(t -> t.source() == SourceKind.SIMULATED).toList();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && simulated.stream().anyMatch(t -> engine.current(t.id()) == null)) {
                Thread.sleep(50);
            }
            for (TagDef t : simulated) {
                assertThat(engine.current(t.id())).as(engine.model().tagPath(t.id())).isNotNull();
            }
            var temperature = engine.current(engine.model().findTag("/PumpStation/Tank1/Temperature").orElseThrow().id());
            assertThat((Double) temperature.y()).isBetween(0.0, 30.0);
            var setpoint = engine.current(engine.model().findTag("/PumpStation/Tank1/LevelSetpoint").orElseThrow().id());
            assertThat(setpoint.y()).isEqualTo(3.0);
            assertThat(engine.status().simulatedTags()).isEqualTo(simulated.size());
        }
    }

    @Test
    void theFileIsExactlyWhatTheWriterProduces(@TempDir Path dir) throws IOException {
        byte[] seed = seedBytes();
        Files.write(dir.resolve("project.json"), seed);
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            String written = ProjectJson.write(engine.model(), engine.settings(), null);
            assertThat(written).isEqualTo(new String(seed, StandardCharsets.UTF_8));
            assertThat(written.getBytes(StandardCharsets.UTF_8)).isEqualTo(seed);
        }
    }

    @Test
    void theRepositoryCopyIsTheBundledOne() throws IOException {
        // Maven runs tests in the module folder; the example lives at the repository root.
        Path source = Path.of("..", "examples", "pump-station", "project.json");
        if (Files.exists(source)) {
            assertThat(Files.readAllBytes(source)).isEqualTo(seedBytes());
        }
    }
}
