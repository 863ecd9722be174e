package org.peresvet.connector.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.cli.PeresvetCli;
import org.peresvet.connector.mqtt.MosquittoBroker;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.profile.HaDiscovery;
import org.peresvet.connector.mqtt.profile.Tasmota;

class BoardSimulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    MosquittoBroker broker;
    MqttLink spy;
    final Map<String, String> last = new ConcurrentHashMap<>();
    final Map<String, Boolean> retained = new ConcurrentHashMap<>();
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        spy = new MqttLink("spy", MqttSettings.of(broker.url()).withReconnect(50, 500), new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State state, String reason) {
            }

            @Override
            public void message(String topic, byte[] payload, boolean isRetained) {
                String text = new String(payload, StandardCharsets.UTF_8);
                last.put(topic, text);
                retained.put(topic, isRetained);
                seen.add(topic + " " + text);
            }
        });
        spy.subscribe("#");
        spy.start();
        await(() -> spy.state() == MqttLink.State.CONNECTED);
    }

    @AfterEach
    void stop() {
        spy.close();
        broker.close();
    }

    static void await(BooleanSupplier c) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Whether the broker keeps a retained message on the topic: a new subscriber gets it with the
     * retain flag (an established subscription always sees retain = 0, as the MQTT spec says).
     */
    private boolean retainedNow(String topic) throws Exception {
        List<Boolean> flags = new CopyOnWriteArrayList<>();
        try (MqttLink late = new MqttLink("late", MqttSettings.of(broker.url()), new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State state, String reason) {
            }

            @Override
            public void message(String t, byte[] payload, boolean isRetained) {
                flags.add(isRetained);
            }
        })) {
            late.subscribe(topic);
            late.start();
            await(() -> late.state() == MqttLink.State.CONNECTED);
            Thread.sleep(200);
        }
        return !flags.isEmpty() && flags.get(0);
    }

    private void command(String topic, String payload) throws Exception {
        spy.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).get(5, TimeUnit.SECONDS);
    }

    @Test
    void esphomeBoardPublishesDiscoveryStatesAndObeysTheRelay() throws Exception {
        BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                .withCommandDelay(100).withPublishPeriod(100);
        try (BoardSimulator board = new BoardSimulator(o).start()) {
            await(() -> "online".equals(last.get("pump-board-1/status")));
            await(() -> last.containsKey("homeassistant/sensor/pump-board-1/motor_current/config"));
            HaDiscovery.Message m = HaDiscovery.parse("homeassistant", "homeassistant/switch/pump-board-1/pump/config",
                    last.get("homeassistant/switch/pump-board-1/pump/config").getBytes(StandardCharsets.UTF_8));
            HaDiscovery.Entity pump = ((HaDiscovery.Config) m).entity();
            assertThat(pump.commandTopic()).isEqualTo("pump-board-1/switch/pump/command");
            assertThat(pump.stateTopic()).isEqualTo("pump-board-1/switch/pump/state");
            assertThat(pump.device().name()).isEqualTo("pump-board-1");
            assertThat(pump.device().swVersion()).startsWith("esphome v");
            assertThat(retainedNow("homeassistant/switch/pump-board-1/pump/config")).isTrue();
            await(() -> last.containsKey("pump-board-1/sensor/tank_level/state"));
            assertThat(Double.parseDouble(last.get("pump-board-1/sensor/tank_level/state"))).isBetween(0.0, 100.0);
            assertThat(last.get("pump-board-1/switch/pump/state")).isEqualTo("OFF");
            assertThat(last.get("pump-board-1/sensor/motor_current/state")).isEqualTo("0.00");

            long t0 = System.nanoTime();
            command("pump-board-1/switch/pump/command", "ON");
            await(() -> "ON".equals(last.get("pump-board-1/switch/pump/state")));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(board.pumpOn()).isTrue();
            // the motor draws current and the level rises while the pump runs
            await(() -> Double.parseDouble(last.getOrDefault("pump-board-1/sensor/motor_current/state", "0")) > 5);
            double before = Double.parseDouble(last.get("pump-board-1/sensor/tank_level/state"));
            Thread.sleep(700);
            assertThat(Double.parseDouble(last.get("pump-board-1/sensor/tank_level/state"))).isGreaterThan(before);

            command("pump-board-1/switch/pump/command", "TOGGLE");
            await(() -> "OFF".equals(last.get("pump-board-1/switch/pump/state")));

            board.disappear();
            await(() -> "offline".equals(last.get("pump-board-1/status")));
            board.reappear();
            await(() -> "online".equals(last.get("pump-board-1/status")));
        }
        await(() -> "offline".equals(last.get("pump-board-1/status")));
    }

    @Test
    void tasmotaBoardSpeaksTasmota() throws Exception {
        BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.TASMOTA, "pump-board-2")
                .withCommandDelay(0).withPublishPeriod(100);
        try (BoardSimulator board = new BoardSimulator(o).start()) {
            await(() -> "Online".equals(last.get("tele/pump-board-2/LWT")));
            assertThat(retainedNow("tele/pump-board-2/LWT")).isTrue();
            await(() -> last.containsKey("tele/pump-board-2/SENSOR"));
            Map<String, Object> sensor = Tasmota.flatten(last.get("tele/pump-board-2/SENSOR").getBytes(StandardCharsets.UTF_8));
            assertThat(sensor).containsKeys("Time", "ANALOG.Range1", "ANALOG.Range2", "ENERGY.Current");
            assertThat(seen).anyMatch(s -> s.startsWith("tasmota/discovery/A4CF12") && s.contains("\"t\":\"pump-board-2\""));
            command("cmnd/pump-board-2/POWER", "ON");
            await(() -> "ON".equals(last.get("stat/pump-board-2/POWER")));
            assertThat(last.get("stat/pump-board-2/RESULT")).isEqualTo("{\"POWER\":\"ON\"}");
            assertThat(retainedNow("stat/pump-board-2/POWER")).isFalse();
            command("cmnd/pump-board-2/Power", "off");
            await(() -> "OFF".equals(last.get("stat/pump-board-2/POWER")));
            assertThat(board.pumpOn()).isFalse();
            board.disappear();
            await(() -> "Offline".equals(last.get("tele/pump-board-2/LWT")));
        }
    }

    @Test
    void cliRunsABoardAndRefusesBadInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PeresvetCli.execute(new String[] {"simulate-board", "--broker", broker.url(), "--flavor", "tasmota",
                "--name", "cli-board", "--duration", "1", "--period", "200"}, new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Simulating tasmota board 'cli-board'").contains("stopped");
        assertThat(seen).anyMatch(s -> s.startsWith("tele/cli-board/SENSOR "));
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        int bad = PeresvetCli.execute(new String[] {"simulate-board", "--flavor", "zigbee"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err2));
        assertThat(bad).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
        assertThat(err2.toString()).contains("flavor 'zigbee' is not esphome or tasmota");
    }
}
