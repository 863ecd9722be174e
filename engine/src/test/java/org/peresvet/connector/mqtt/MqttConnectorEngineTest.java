package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.connector.mqtt.MqttTestSupport.await;
import static org.peresvet.connector.mqtt.MqttTestSupport.client;
import static org.peresvet.connector.mqtt.MqttTestSupport.is;
import static org.peresvet.connector.mqtt.MqttTestSupport.mqtt;
import static org.peresvet.connector.mqtt.MqttTestSupport.publish;
import static org.peresvet.connector.mqtt.MqttTestSupport.status;
import static org.peresvet.connector.mqtt.MqttTestSupport.tag;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorState;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** The generic MQTT connector in a running engine against a real Mosquitto: bad input and faults. */
class MqttConnectorEngineTest {
    @TempDir
    Path dir;
    MosquittoBroker broker;
    final ObjectDef plant = ObjectDef.create(null, "Plant");

    @BeforeEach
    void startBroker() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Engine engine() {
        Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet().withConnectGraceMillis(500));
        return e;
    }

    @Test
    void badPayloadsGiveQuality103WithAReasonAndDisturbNothingElse() throws Exception {
        ConnectorDef c = mqtt("Broker", broker.url(), "\"maxPayloadBytes\":262144");
        TagDef temp = tag(plant, "Temp", ValueType.DOUBLE, c, "{\"address\":\"tele/board/SENSOR\",\"json\":\"$.DS18B20.Temperature\"}");
        TagDef relay = tag(plant, "Relay", ValueType.BOOL, c, "{\"address\":\"stat/board/POWER\"}");
        TagDef count = tag(plant, "Count", ValueType.INT, c, "{\"address\":\"site/+/count\"}");
        TagDef healthy = tag(plant, "Healthy", ValueType.DOUBLE, c, "{\"address\":\"other/value\",\"scale\":0.1}");
        RecordingListener devRec = new RecordingListener();
        try (Engine e = engine(); MqttLink dev = client("dev", broker.url(), devRec)) {
            e.edit(new ModelEdit.PutObject(plant), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(temp),
                    new ModelEdit.PutTag(relay), new ModelEdit.PutTag(count), new ModelEdit.PutTag(healthy));
            e.start();
            await("connected", () -> status(e, "Broker").status().state() == ConnectorState.CONNECTED);
            Thread.sleep(200); // subscriptions
            publish(dev, "tele/board/SENSOR", "{\"Time\":\"2026-11-27T10:00:00\",\"DS18B20\":{\"Temperature\":21.5}}", false);
            publish(dev, "stat/board/POWER", "ON", false);
            publish(dev, "site/a/count", "7", false);
            publish(dev, "other/value", "123", false);
            await("values", () -> is(e, temp, 21.5, null) && is(e, relay, true, null) && is(e, count, 7L, null)
                    && is(e, healthy, 12.3, null));

            publish(dev, "tele/board/SENSOR", "{\"DS18B20\":{\"Temperature\":", false);          // malformed JSON
            await("malformed → 103", () -> is(e, temp, null, Quality.BAD_DATA));
            publish(dev, "tele/board/SENSOR", "{\"DS18B20\":{\"Temperature\":22.0}}", false);
            await("recovers", () -> is(e, temp, 22.0, null));
            publish(dev, "tele/board/SENSOR", "{\"DS18B20\":{\"Temperature\":\"warm\"}}", false); // wrong type
            await("wrong type → 103", () -> is(e, temp, null, Quality.BAD_DATA));
            publish(dev, "stat/board/POWER", "", false);                                        // empty
            await("empty → 103", () -> is(e, relay, null, Quality.BAD_DATA));
            publish(dev, "site/b/count", new byte[] {(byte) 0xc3, 0x28, 0x37}, false);           // not UTF-8
            await("non-UTF-8 → 103", () -> is(e, count, null, Quality.BAD_DATA));
            byte[] mib = new byte[1024 * 1024];
            Arrays.fill(mib, (byte) '1');
            for (int i = 0; i < 5; i++) {
                publish(dev, "site/c/count", mib, false);                                         // 1 MiB
            }
            publish(dev, "unknown/topic/x", "1", false);                                          // nobody's
            publish(dev, "other/value", "456", false);
            await("others undisturbed", () -> is(e, healthy, 45.6, null));
            await("1 MiB → 103", () -> is(e, count, null, Quality.BAD_DATA));
            assertThat(status(e, "Broker").status().state()).isEqualTo(ConnectorState.CONNECTED);
            assertThat(e.connectorLog(c.id())).extracting(ConnectorLogLine::text)
                    .anyMatch(l -> l.contains("exceeds the limit of 262144 bytes"))
                    .anyMatch(l -> l.contains("/Plant/Temp") && l.contains("quality 103"));
            assertThat(status(e, "Broker").status().errors()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void brokerDownAtStartThenRestartMidRunGiveQuality100Then101() throws Exception {
        int port = MosquittoBroker.freePort();
        String url = "tcp://127.0.0.1:" + port;
        ConnectorDef c = mqtt("Late", url, "");
        TagDef level = tag(plant, "Level", ValueType.DOUBLE, c, "{\"address\":\"tank/level\"}");
        int baseline = MqttTestSupport.mqttThreads();
        try (Engine e = engine()) {
            e.edit(new ModelEdit.PutObject(plant), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(level));
            e.start();
            await("connecting with a reason", () -> status(e, "Late").status().state() == ConnectorState.CONNECTING
                    && status(e, "Late").status().reason().toLowerCase().contains("connect"));
            await("q=100 after the grace period", () -> is(e, level, null, Quality.CONNECTION_LOST));

            try (MosquittoBroker late = MosquittoBroker.start(dir.resolve("late"), port)) {
                await("connected", () -> status(e, "Late").status().state() == ConnectorState.CONNECTED);
                await("q=101", () -> is(e, level, null, Quality.CONNECTION_RESTORED));
                RecordingListener rec = new RecordingListener();
                try (MqttLink dev = client("dev", late.url(), rec)) {
                    publish(dev, "tank/level", "61.5", true);
                    await("value", () -> is(e, level, 61.5, null));
                }
                late.kill();
                await("lost → q=100", () -> is(e, level, null, Quality.CONNECTION_LOST));
                assertThat(status(e, "Late").status().state()).isEqualTo(ConnectorState.CONNECTING);
                late.restart();
                await("restored → q=101", () -> is(e, level, null, Quality.CONNECTION_RESTORED));
                try (MqttLink dev = client("dev2", late.url(), new RecordingListener())) {
                    publish(dev, "tank/level", "62.5", false);
                    await("values after the restart (subscriptions restored)", () -> is(e, level, 62.5, null));
                }
            }
        }
        await("no MQTT thread left", () -> MqttTestSupport.mqttThreads() <= baseline);
    }

    @Test
    void aRetainedValueAfterAReconnectIsNotCoveredByQuality101() throws Exception {
        ConnectorDef c = mqtt("Retained", broker.url(), "");
        TagDef level = tag(plant, "Level", ValueType.DOUBLE, c, "{\"address\":\"tank/level\"}");
        try (Engine e = engine(); MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            publish(dev, "tank/level", "41.5", true);
            e.edit(new ModelEdit.PutObject(plant), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(level));
            e.start();
            await("retained value", () -> is(e, level, 41.5, null));
            e.edit(new ModelEdit.PutConnector(c.withEnabled(false)));
            await("disabled → q=100", () -> is(e, level, null, Quality.CONNECTION_LOST));
            e.edit(new ModelEdit.PutConnector(c.withEnabled(true)));
            // the new connection reports CONNECTED (q=101) before the retained value arrives
            await("retained value again", () -> is(e, level, 41.5, null));
            Thread.sleep(500);
            assertThat(is(e, level, 41.5, null)).as("still the value, not a late q=101").isTrue();
        }
    }

    @Test
    void badConfigIsAnErrorWithTheFieldAndCommandsAreNeverRetained() throws Exception {
        ConnectorDef bad = ConnectorDef.create("Bad", "mqtt", "{\"broker\":\"http://x\"}");
        ConnectorDef noDevice = ConnectorDef.create("NoDevice", "mqtt", "{\"broker\":\"" + broker.url() + "\",\"profile\":\"esphome\"}");
        ConnectorDef good = mqtt("Good", broker.url(), "");
        TagDef valve = tag(plant, "Valve", ValueType.BOOL, good,
                "{\"address\":\"valve/state\",\"command\":\"valve/set\",\"commandPayload\":\"{on_off}\",\"echoTimeoutMs\":3000}");
        RecordingListener rec = new RecordingListener();
        try (Engine e = engine(); MqttLink dev = client("valve", broker.url(), rec)) {
            dev.subscribe("valve/set");
            e.edit(new ModelEdit.PutObject(plant), new ModelEdit.PutConnector(bad), new ModelEdit.PutConnector(noDevice),
                    new ModelEdit.PutConnector(good), new ModelEdit.PutTag(valve));
            e.start();
            await("errors", () -> status(e, "Bad").status().state() == ConnectorState.ERROR
                    && status(e, "NoDevice").status().state() == ConnectorState.ERROR);
            assertThat(status(e, "Bad").status().reason()).contains("tcp:// or ssl://");
            assertThat(status(e, "NoDevice").status().reason()).contains("device");
            await("good connected", () -> status(e, "Good").status().state() == ConnectorState.CONNECTED);
            Thread.sleep(200);
            // a device that echoes the command on its state topic
            var result = e.writeToDevice(valve.id(), true, Actor.workstation("operator"));
            await("command", () -> rec.count("valve/set") == 1);
            assertThat(rec.messages.get(0).text()).isEqualTo("ON");
            publish(dev, "valve/state", "ON", false);
            assertThat(result.get().status()).isEqualTo(org.peresvet.runtime.WriteResult.Status.CONFIRMED);
        }
        // nothing retained on the command topic: a new subscriber gets nothing
        RecordingListener late = new RecordingListener();
        try (MqttLink l = new MqttLink("late", MqttSettings.of(broker.url()), late)) {
            l.subscribe("valve/set");
            l.start();
            await("late connected", () -> l.state() == MqttLink.State.CONNECTED);
            Thread.sleep(300);
            assertThat(late.messages).isEmpty();
        }
    }
}
