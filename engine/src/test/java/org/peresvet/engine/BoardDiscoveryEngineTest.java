package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.broker.BrokerCertificate;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.broker.BuiltInBroker;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.connector.mqtt.MosquittoBroker;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.MqttTls;
import org.peresvet.connector.mqtt.TestCertificates;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.BrokerCheck;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.runtime.MetricsSource;

/**
 * The wizard's engine side: the project's built-in broker started by the engine, boards of the
 * simulator (ESPHome, Tasmota) and a device-based config found through the facade's discovery,
 * a board going offline during the scan, and "Test connection" naming each cause against real
 * brokers (the built-in one and Mosquitto).
 */
class BoardDiscoveryEngineTest {
    @TempDir
    Path dir;

    static void await(String what, BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static DiscoveredBoard board(BoardDiscovery d, String name) {
        return d.snapshot().stream().filter(b -> name.equals(b.name())).findFirst().orElse(null);
    }

    @Test
    void boardsOnTheBuiltInBrokerAreFoundThroughTheFacade() throws Exception {
        Path project = dir.resolve("project");
        int port = freePort();
        BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withUser("board", "board-pw".toCharArray())
                .save(Files.createDirectories(project));
        String url = "tcp://127.0.0.1:" + port;
        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            e.start();
            assertThat(e.brokers().status()).get().extracting(s -> s.state()).isEqualTo(BuiltInBroker.State.RUNNING);
            List<MetricsSource.Gauge> gauges = new ArrayList<>();
            e.telemetry().metricsSources().forEach(m -> gauges.addAll(m.gauges()));
            assertThat(gauges).anyMatch(g -> g.name().equals("peresvet_broker_up") && g.value() == 1.0);
            MqttSettings engineSide = e.brokers().builtInSettings().orElseThrow();
            assertThat(e.brokers().check(engineSide).outcome()).isEqualTo(BrokerCheck.Outcome.CONNECTED);
            assertThat(e.brokers().check(MqttSettings.of(url).withCredentials("board", "wrong")).outcome())
                    .isEqualTo(BrokerCheck.Outcome.BAD_CREDENTIALS);
            try (BoardSimulator esp = new BoardSimulator(BoardSimulator.Options.of(url, BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                    .withPublishPeriod(200).withCredentials("board", "board-pw")).start();
                 BoardSimulator tas = new BoardSimulator(BoardSimulator.Options.of(url, BoardSimulator.Flavor.TASMOTA, "well-pump")
                         .withPublishPeriod(200).withCredentials("board", "board-pw")).start();
                 BoardDiscovery d = e.brokers().discoverBoards(engineSide);
                 MqttLink dev = link(url, "board", "board-pw")) {
                await("esphome board", () -> board(d, "pump-board-1") != null && board(d, "pump-board-1").entities().size() == 5
                        && Boolean.TRUE.equals(board(d, "pump-board-1").online()));
                await("tasmota board", () -> board(d, "well-pump") != null && board(d, "well-pump").entities().size() >= 5);
                assertThat(board(d, "well-pump").flavor()).isEqualTo("tasmota");
                dev.publish("homeassistant/device/tank1/config", ("{\"dev\":{\"ids\":\"tank1\",\"name\":\"Tank 1\",\"mdl\":\"esp32-c3\","
                        + "\"sw\":\"2.1\"},\"o\":{\"name\":\"custom\"},\"~\":\"tank1\",\"avty_t\":\"~/status\",\"cmps\":{"
                        + "\"level\":{\"p\":\"sensor\",\"name\":\"Level\",\"stat_t\":\"~/level\",\"unit_of_meas\":\"m\"},"
                        + "\"valve\":{\"p\":\"switch\",\"name\":\"Valve\",\"stat_t\":\"~/valve\",\"cmd_t\":\"~/valve/set\"}}}")
                        .getBytes(StandardCharsets.UTF_8), 1, true).get();
                dev.publish("conn2prs/boiler-house", "{\"action\":\"getConfig\"}".getBytes(StandardCharsets.UTF_8), 1, false).get();
                await("device-based board", () -> board(d, "Tank 1") != null && board(d, "Tank 1").entities().size() == 2);
                assertThat(board(d, "Tank 1").model()).isEqualTo("esp32-c3");
                assertThat(board(d, "Tank 1").entities()).anyMatch(x -> "m".equals(x.unit()) && "Level".equals(x.name()));
                await("peresvet connector", () -> board(d, "boiler-house") != null);
                assertThat(board(d, "boiler-house").flavor()).isEqualTo("peresvet");
                // a board that goes away during the scan is shown offline, not dropped
                esp.disappear();
                await("offline", () -> Boolean.FALSE.equals(board(d, "pump-board-1").online()));
                assertThat(d.snapshot()).hasSizeGreaterThanOrEqualTo(4);
            }
        }
    }

    @Test
    void testConnectionNamesTheCause() throws Exception {
        // keytool runs are JVM starts (seconds each on a busy machine): only what the checks need
        TestCertificates certs = TestCertificates.serverOnly(dir.resolve("certs"));
        Path otherCaPem = BrokerCertificate.ensure(dir.resolve("other"), "127.0.0.1").certificate();
        // one Mosquitto with a plain and a TLS listener; no name lookups (an unknown host is BrokerCheckTest's, without DNS)
        try (MosquittoBroker tls = MosquittoBroker.startTls(dir.resolve("tls"), certs, false);
             ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(BrokerCheck.check(MqttSettings.of(tls.url())).outcome()).isEqualTo(BrokerCheck.Outcome.CONNECTED);
            assertThat(BrokerCheck.check(MqttSettings.of("tcp://127.0.0.1:" + freePort())).outcome())
                    .isEqualTo(BrokerCheck.Outcome.REFUSED);
            MqttTls trustsTheRightCa = new MqttTls(certs.caPem().toString(), null, null, null, null, true);
            MqttTls trustsAnotherCa = new MqttTls(otherCaPem.toString(), null, null, null, null, true);
            assertThat(BrokerCheck.check(MqttSettings.of(tls.tlsUrl()).withTls(trustsTheRightCa)).outcome())
                    .isEqualTo(BrokerCheck.Outcome.CONNECTED);
            BrokerCheck.Result wrongCa = BrokerCheck.check(MqttSettings.of(tls.tlsUrl()).withTls(trustsAnotherCa));
            assertThat(wrongCa.outcome()).as(wrongCa.detail()).isEqualTo(BrokerCheck.Outcome.TLS_CERTIFICATE);
            // accepts the connection, never answers
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MqttSettings slow = new MqttSettings("tcp://127.0.0.1:" + silent.getLocalPort(), null, null, null, 30, true, 1,
                    MqttSettings.DEFAULT_MAX_PAYLOAD, 250, 30_000, null, null);
            assertThat(BrokerCheck.check(slow).outcome()).isEqualTo(BrokerCheck.Outcome.TIMEOUT);
        }
    }

    private static MqttLink link(String url, String user, String pw) throws InterruptedException {
        MqttLink l = new MqttLink("test-device", MqttSettings.of(url).withCredentials(user, pw), new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State state, String reason) {
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
            }
        });
        l.start();
        await("device link", () -> l.state() == MqttLink.State.CONNECTED);
        return l;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
