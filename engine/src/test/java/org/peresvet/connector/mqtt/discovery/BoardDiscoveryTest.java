package org.peresvet.connector.mqtt.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.connector.mqtt.MosquittoBroker;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;

class BoardDiscoveryTest {
    @TempDir
    Path dir;

    static void await(String what, BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static DiscoveredBoard board(BoardDiscovery d, String name) {
        return d.snapshot().stream().filter(b -> name.equals(b.name())).findFirst().orElse(null);
    }

    @Test
    void listsEsphomeAndTasmotaBoardsWithEntitiesAndOnlineState() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             BoardSimulator esp = new BoardSimulator(BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                     .withPublishPeriod(200)).start();
             BoardSimulator tas = new BoardSimulator(BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.TASMOTA, "well-pump")
                     .withPublishPeriod(200)).start()) {
            await("boards up", () -> esp.connected() && tas.connected());
            Thread.sleep(500); // retained discovery in place before the wizard looks
            List<List<DiscoveredBoard>> changes = new CopyOnWriteArrayList<>();
            try (BoardDiscovery d = new BoardDiscovery(MqttSettings.of(broker.url()), "homeassistant")) {
                d.addListener(changes::add);
                d.start();
                await("esphome board", () -> board(d, "pump-board-1") != null && board(d, "pump-board-1").entities().size() == 5
                        && Boolean.TRUE.equals(board(d, "pump-board-1").online()));
                DiscoveredBoard b = board(d, "pump-board-1");
                assertThat(b.flavor()).isEqualTo("esphome");
                assertThat(b.device()).isEqualTo("pump-board-1");
                assertThat(b.model()).isEqualTo("esp32dev");
                assertThat(b.firmware()).startsWith("esphome v");
                assertThat(b.id()).matches("[0-9a-f]{12}");
                DiscoveredEntity level = b.entities().stream().filter(x -> x.key().endsWith("tank_level")).findFirst().orElseThrow();
                assertThat(level.stateTopic()).isEqualTo("pump-board-1/sensor/tank_level/state");
                assertThat(level.unit()).isEqualTo("%");
                DiscoveredEntity pump = b.entities().stream().filter(x -> x.component().equals("switch")).findFirst().orElseThrow();
                assertThat(pump.commandTopic()).isEqualTo("pump-board-1/switch/pump/command");

                await("tasmota board", () -> board(d, "well-pump") != null && board(d, "well-pump").entities().size() >= 5
                        && Boolean.TRUE.equals(board(d, "well-pump").online()));
                DiscoveredBoard t = board(d, "well-pump");
                assertThat(t.flavor()).isEqualTo("tasmota");
                assertThat(t.firmware()).startsWith("Tasmota 14.");
                assertThat(t.entities()).anyMatch(x -> x.key().equals("switch/POWER") && x.commandTopic().equals("cmnd/well-pump/POWER"))
                        .anyMatch(x -> x.jsonPath() != null && x.jsonPath().equals("$.ENERGY.Current") && "A".equals(x.unit()));

                esp.disappear();
                await("offline", () -> Boolean.FALSE.equals(board(d, "pump-board-1").online()));
                assertThat(changes).isNotEmpty();

                // an empty retained config removes the entity
                try (MqttLink l = new MqttLink("cleaner", MqttSettings.of(broker.url()), new MqttLink.Listener() {
                    @Override
                    public void stateChanged(MqttLink.State state, String reason) {
                    }

                    @Override
                    public void message(String topic, byte[] payload, boolean retained) {
                    }
                })) {
                    l.start();
                    await("cleaner", () -> l.state() == MqttLink.State.CONNECTED);
                    l.publish("homeassistant/sensor/pump-board-1/wifi_signal/config", new byte[0], 1, true).get(5, TimeUnit.SECONDS);
                    l.publish("homeassistant/sensor/x/config", "{broken".getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
                }
                await("entity removed", () -> board(d, "pump-board-1").entities().size() == 4);
            }
        }
    }

    /** Two simulated ESPHome boards on one broker: each entity's unique id is its own (MAC based), none in conflict. */
    @Test
    void twoSimulatedEsphomeBoardsDoNotConflict() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             BoardSimulator a = new BoardSimulator(BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-a")).start();
             BoardSimulator b = new BoardSimulator(BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-b")).start();
             BoardDiscovery d = new BoardDiscovery(MqttSettings.of(broker.url()), "homeassistant")) {
            d.start();
            await("both boards with all entities", () -> board(d, "pump-a") != null && board(d, "pump-b") != null
                    && board(d, "pump-a").entities().size() == 5 && board(d, "pump-b").entities().size() == 5);
            List<DiscoveredEntity> all = new ArrayList<>(board(d, "pump-a").entities());
            all.addAll(board(d, "pump-b").entities());
            assertThat(all).allMatch(e -> e.status() == DiscoveredEntity.Status.OK, "no entity in conflict");
            assertThat(all.stream().map(DiscoveredEntity::uniqueId).distinct()).hasSize(10);
            assertThat(board(d, "pump-a").id()).isNotEqualTo(board(d, "pump-b").id());
            assertThat(board(d, "pump-a").entities()).allMatch(e -> e.uniqueId().startsWith(board(d, "pump-a").id() + "-"));
        }
    }
}
