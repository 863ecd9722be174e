package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.connector.mqtt.MqttTestSupport.await;
import static org.peresvet.connector.mqtt.MqttTestSupport.status;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.runtime.WriteResult;

/** The demo project's ESP32 board: harmless without a broker, alive with one and the board simulator. */
class DemoBoardTest {
    @TempDir
    Path dir;

    private Engine demo(Path project) throws Exception {
        Files.createDirectories(project);
        try (InputStream in = Engine.exampleSeed("pump-station")) {
            Files.write(project.resolve("project.json"), in.readAllBytes());
        }
        Engine e = Engine.open(project, EngineOptions.quiet().withSimulate(true).withConnectGraceMillis(500));
        return e;
    }

    @Test
    void withoutABrokerTheBoardTagsShowConnectionLostAndTheRestRuns() throws Exception {
        try (Engine e = demo(dir.resolve("p1"))) {
            ConnectorDef board = e.model().connectors().get(0);
            // the demo points at 127.0.0.1:1883; aim at a port where surely nothing listens
            e.edit(new ModelEdit.PutConnector(board.withConfig(board.config().replace("1883", String.valueOf(MosquittoBroker.freePort())))));
            e.start();
            TagDef level = e.model().findTag("/PumpStation/PumpBoard1/TankLevel").orElseThrow();
            TagDef inlet = e.model().findTag("/PumpStation/Inlet/Pressure").orElseThrow();
            await("q=100 on the board's tags", () -> {
                Sample s = e.current(level.id());
                return s != null && Integer.valueOf(Quality.CONNECTION_LOST).equals(s.q());
            });
            await("simulated tags alive", () -> e.current(inlet.id()) != null && e.current(inlet.id()).isGood());
            assertThat(status(e, "pump-board-1").status().state()).isEqualTo(ConnectorState.CONNECTING);
        }
    }

    @Test
    void withABrokerAndTheSimulatorThePumpStationComesAlive() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             Engine e = demo(dir.resolve("p2"));
             BoardSimulator sim = new BoardSimulator(BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                     .withPublishPeriod(200).withCommandDelay(100)).start()) {
            ConnectorDef board = e.model().connectors().get(0);
            e.edit(new ModelEdit.PutConnector(board.withConfig(board.config().replace("tcp://127.0.0.1:1883", broker.url()))));
            // the test drives the relay itself: the station's drive methods (which send the project's
            // command to the relay once it is known, and again whenever the board comes back) stay off
            for (MethodDef m : e.model().methods()) {
                if (m.name().startsWith("Drive ")) {
                    e.edit(new ModelEdit.PutMethod(m.withEnabled(false)));
                }
            }
            e.start();
            TagDef level = e.model().findTag("/PumpStation/PumpBoard1/TankLevel").orElseThrow();
            TagDef pump = e.model().findTag("/PumpStation/PumpBoard1/Pump").orElseThrow();
            await("board values", () -> e.current(level.id()) != null && e.current(level.id()).y() != null
                    && e.current(pump.id()) != null && Boolean.FALSE.equals(e.current(pump.id()).y()));
            WriteResult r = e.writeToDevice(pump.id(), true, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
            assertThat(sim.pumpOn()).isTrue();
        }
    }
}
