package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.connector.mqtt.MqttTestSupport.await;
import static org.peresvet.connector.mqtt.MqttTestSupport.client;
import static org.peresvet.connector.mqtt.MqttTestSupport.is;
import static org.peresvet.connector.mqtt.MqttTestSupport.mqtt;
import static org.peresvet.connector.mqtt.MqttTestSupport.publish;
import static org.peresvet.connector.mqtt.MqttTestSupport.status;
import static org.peresvet.connector.mqtt.MqttTestSupport.tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.board.BoardSimulator;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteResult;

/** The device profiles end to end: board simulator → Mosquitto → MQTT connector → engine, and writes back. */
class MqttProfilesEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    MosquittoBroker broker;
    final ObjectDef station = ObjectDef.create(null, "Station");

    @BeforeEach
    void startBroker() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Engine engine() {
        Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet().withConnectGraceMillis(2000));
        return e;
    }

    private static boolean good(Engine e, TagDef t) {
        Sample s = e.current(t.id());
        return s != null && s.y() != null && s.isGood();
    }

    @Test
    void esphomeBoardValuesLastWillAndConfirmedWrites() throws Exception {
        ConnectorDef c = mqtt("pump-board-1", broker.url(), "\"profile\":\"esphome\",\"device\":\"pump-board-1\"");
        TagDef level = tag(station, "TankLevel", ValueType.DOUBLE, c, "{\"address\":\"sensor/tank_level\"}");
        TagDef current = tag(station, "MotorCurrent", ValueType.DOUBLE, c, "{\"address\":\"sensor/motor_current\"}");
        TagDef pump = tag(station, "Pump", ValueType.BOOL, c, "{\"address\":\"switch/pump\",\"command\":\"switch/pump\"}");
        BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                .withCommandDelay(50).withPublishPeriod(100);
        try (Engine e = engine(); BoardSimulator board = new BoardSimulator(o).start()) {
            e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(level),
                    new ModelEdit.PutTag(current), new ModelEdit.PutTag(pump));
            e.start();
            await("values", () -> good(e, level) && good(e, current) && is(e, pump, false, null));

            WriteResult on = e.writeToDevice(pump.id(), true, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
            assertThat(on.status()).as(on.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
            assertThat(board.pumpOn()).isTrue();
            await("motor current while running", () -> good(e, current) && (Double) e.current(current.id()).y() > 5);

            board.disappear();
            await("last will → q=102", () -> is(e, level, null, Quality.SOURCE_LOST) && is(e, pump, null, Quality.SOURCE_LOST));
            assertThat(status(e, "pump-board-1").status().reason()).contains("offline");
            assertThat(status(e, "pump-board-1").status().state()).isEqualTo(ConnectorState.CONNECTED);
            WriteResult whileAway = e.writeToDevice(pump.id(), false, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
            assertThat(whileAway.status()).isIn(WriteResult.Status.TIMEOUT, WriteResult.Status.MISMATCH);
            board.reappear();
            await("back", () -> good(e, level) && is(e, pump, true, null));
            WriteResult off = e.writeToDevice(pump.id(), false, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
            assertThat(off.status()).isEqualTo(WriteResult.Status.CONFIRMED);
            assertThat(board.pumpOn()).isFalse();
        }
    }

    /**
     * The broker runs with Nagle's algorithm on (Mosquitto's default): it holds a small packet until
     * the previous one is acknowledged, and a client that delays its ACKs (Linux: up to 40 ms) made
     * every echo behind a sensor message wait that long. The link acknowledges at once.
     */
    @Test
    void echoesAreNotHeldBackByTheBrokersNagleWhileSensorsStream() throws Exception {
        ConnectorDef c = mqtt("pump-board-1", broker.url(), "\"profile\":\"esphome\",\"device\":\"pump-board-1\"");
        TagDef level = tag(station, "TankLevel", ValueType.DOUBLE, c, "{\"address\":\"sensor/tank_level\"}");
        TagDef pump = tag(station, "Pump", ValueType.BOOL, c, "{\"address\":\"switch/pump\",\"command\":\"switch/pump\"}");
        BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                .withCommandDelay(0).withPublishPeriod(20);
        try (Engine e = engine(); BoardSimulator board = new BoardSimulator(o).start()) {
            e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(level), new ModelEdit.PutTag(pump));
            e.start();
            await("values", () -> good(e, level) && is(e, pump, false, null));
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                WriteResult r = e.writeToDevice(pump.id(), i % 2 == 0, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
                millis.add(r.durationMicros() / 1000);
                Thread.sleep(7); // land between the sensor messages at different phases
            }
            Collections.sort(millis);
            // held back by delayed ACKs, every one of these took 40 ms or more; the median stays far below
            assertThat(millis.get(millis.size() / 2)).as("round trips in ms: %s", millis).isLessThan(25);
        }
    }

    @Test
    void tasmotaBoardTelemetryPowerAndLwt() throws Exception {
        ConnectorDef c = mqtt("tasmota", broker.url(), "\"profile\":\"tasmota\",\"device\":\"pump-board-2\"");
        TagDef level = tag(station, "Level", ValueType.DOUBLE, c, "{\"address\":\"SENSOR\",\"json\":\"$.ANALOG.Range1\",\"scale\":0.1}");
        TagDef amps = tag(station, "Amps", ValueType.DOUBLE, c, "{\"address\":\"SENSOR\",\"json\":\"$.ENERGY.Current\"}");
        TagDef pump = tag(station, "Pump", ValueType.BOOL, c, "{\"address\":\"POWER\",\"command\":\"POWER\"}");
        BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.TASMOTA, "pump-board-2")
                .withCommandDelay(0).withPublishPeriod(100);
        try (Engine e = engine(); BoardSimulator board = new BoardSimulator(o).start()) {
            e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(level),
                    new ModelEdit.PutTag(amps), new ModelEdit.PutTag(pump));
            e.start();
            await("telemetry", () -> good(e, level) && good(e, amps));
            assertThat((Double) e.current(level.id()).y()).isBetween(0.0, 100.0);
            WriteResult on = e.writeToDevice(pump.id(), true, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
            assertThat(on.status()).as(on.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
            await("current", () -> good(e, amps) && (Double) e.current(amps.id()).y() > 5);
            board.disappear();
            await("LWT Offline → q=102", () -> is(e, level, null, Quality.SOURCE_LOST));
        }
    }

    @Test
    void homeAssistantDiscoveryLearnsEntitiesAndRemovesThem() throws Exception {
        ConnectorDef c = mqtt("ha", broker.url(), "\"profile\":\"homeassistant\"");
        TagDef level = tag(station, "Level", ValueType.DOUBLE, c, "{\"address\":\"sensor/pump-board-1/tank_level\"}");
        // addressed by its unique id (ESPHome's MAC-based form)
        String pumpId = BoardSimulator.mac("pump-board-1").toLowerCase(Locale.ROOT) + "-switch-pump";
        TagDef pump = tag(station, "Pump", ValueType.BOOL, c, "{\"address\":\"" + pumpId + "\",\"command\":\"auto\"}");
        TagDef temp = tag(station, "Temp", ValueType.DOUBLE, c, "{\"address\":\"sensor/thermo/t\"}");
        TagDef hum = tag(station, "Humidity", ValueType.DOUBLE, c, "{\"address\":\"sensor/thermo/h\"}");
        // a device-based config: one message, two components (Home Assistant 2024.11+)
        TagDef tankLevel = tag(station, "TankLevel", ValueType.DOUBLE, c, "{\"address\":\"sensor/tank1/level\"}");
        TagDef valve = tag(station, "Valve", ValueType.BOOL, c, "{\"address\":\"switch/tank1/valve\",\"command\":\"auto\"}");
        BoardSimulator.Options o = BoardSimulator.Options.of(broker.url(), BoardSimulator.Flavor.ESPHOME, "pump-board-1")
                .withCommandDelay(0).withPublishPeriod(100);
        try (Engine e = engine(); BoardSimulator board = new BoardSimulator(o).start();
             MqttLink dev = client("thermo", broker.url(), new RecordingListener())) {
            // a device with '~' and a value template, published before the connector exists (retained)
            publish(dev, "homeassistant/sensor/thermo/t/config", "{\"~\":\"thermo\",\"stat_t\":\"~/tele\","
                    + "\"val_tpl\":\"{{ value_json.DS18B20.Temperature | round(1) }}\",\"unit_of_meas\":\"°C\"}", true);
            publish(dev, "homeassistant/sensor/thermo/h/config", "{\"~\":\"thermo\",\"stat_t\":\"~/tele\","
                    + "\"val_tpl\":\"{{ value_json.SHT3X.Humidity }}\",\"unit_of_meas\":\"%\"}", true);
            publish(dev, "homeassistant/device/tank1/config", "{\"dev\":{\"ids\":\"tank1\",\"name\":\"Tank 1\"},"
                    + "\"o\":{\"name\":\"test\"},\"~\":\"tank1\",\"avty_t\":\"~/status\",\"cmps\":{"
                    + "\"level\":{\"p\":\"sensor\",\"name\":\"Level\",\"stat_t\":\"~/level\",\"unit_of_meas\":\"m\"},"
                    + "\"valve\":{\"p\":\"switch\",\"name\":\"Valve\",\"stat_t\":\"~/valve\",\"cmd_t\":\"~/valve/set\"}}}", true);
            e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(level),
                    new ModelEdit.PutTag(pump), new ModelEdit.PutTag(temp), new ModelEdit.PutTag(hum),
                    new ModelEdit.PutTag(tankLevel), new ModelEdit.PutTag(valve));
            e.start();
            await("discovered values", () -> good(e, level) && is(e, pump, false, null));
            publish(dev, "thermo/tele", "{\"DS18B20\":{\"Temperature\":21.46}}", false);
            await("templated value", () -> is(e, temp, 21.5, null));
            // Tasmota sends different readings on one topic: a message without the key leaves the entity as it is
            publish(dev, "thermo/tele", "{\"SHT3X\":{\"Humidity\":40}}", false);
            await("the other reading", () -> is(e, hum, 40.0, null));
            assertThat(is(e, temp, 21.5, null)).as("temperature untouched by a message without it").isTrue();
            publish(dev, "thermo/tele", "{\"DS18B20\":{\"Temperature\":\"err\"}}", false);
            await("a reading that is not a number → 103", () -> is(e, temp, null, Quality.BAD_DATA));
            assertThat(is(e, hum, 40.0, null)).isTrue();
            publish(dev, "tank1/level", "2.5", false);
            publish(dev, "tank1/valve", "ON", false);
            await("device-based components", () -> is(e, tankLevel, 2.5, null) && is(e, valve, true, null));
            WriteResult on = e.writeToDevice(pump.id(), true, Actor.workstation("operator")).get(10, TimeUnit.SECONDS);
            assertThat(on.status()).as(on.reason()).isEqualTo(WriteResult.Status.CONFIRMED);
            assertThat(board.pumpOn()).isTrue();
            publish(dev, "homeassistant/sensor/thermo/t/config", new byte[0], true);
            await("removed entity → q=102", () -> is(e, temp, null, Quality.SOURCE_LOST));
            board.disappear();
            await("availability → q=102", () -> is(e, level, null, Quality.SOURCE_LOST));
            assertThat(e.connectorLog(c.id())).extracting(ConnectorLogLine::text)
                    .anyMatch(l -> l.contains("entity sensor/pump-board-1/tank_level discovered"));
        }
    }

    @Test
    void peresvetConnectorProtocol() throws Exception {
        ConnectorDef c = mqtt("legacy", broker.url(), "\"profile\":\"peresvet\"");
        String id = c.id().toString();
        TagDef a = tag(station, "A", ValueType.DOUBLE, c, "{\"address\":\"{\\\"register\\\":40001}\",\"maxDev\":0.5}");
        TagDef b = tag(station, "B", ValueType.INT, c, "{\"address\":\"coil-7\",\"type\":\"int\"}");
        RecordingListener rec = new RecordingListener();
        MqttLink connector = new MqttLink("ext", MqttSettings.of(broker.url()).withReconnect(50, 500)
                .withWill(new MqttSettings.Will("prsConnector/connection_lost/" + id, ("{\"id\":\"" + id + "\"}").getBytes(), 1, false)), rec);
        connector.subscribe("prs2conn/" + id);
        try (Engine e = engine()) {
            e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c), new ModelEdit.PutTag(a), new ModelEdit.PutTag(b));
            e.start();
            await("platform side connected", () -> status(e, "legacy").status().state() == ConnectorState.CONNECTED);
            Thread.sleep(300);
            connector.start();
            await("ext connected", () -> connector.state() == MqttLink.State.CONNECTED);
            publish(connector, "conn2prs/" + id, "{\"action\":\"getConfig\",\"data\":{\"id\":\"" + id + "\"}}", true);
            await("full configuration", () -> rec.count("prs2conn/" + id) >= 1);
            JsonNode full = JSON.readTree(rec.messages.get(0).payload());
            assertThat(full.get("action").asText()).isEqualTo("prsConnector.full_configuration");
            assertThat(full.at("/data/tags/" + a.id() + "/prsJsonConfigString/source/register").asInt()).isEqualTo(40001);
            assertThat(full.at("/data/tags/" + a.id() + "/prsJsonConfigString/maxDev").asDouble()).isEqualTo(0.5);
            assertThat(full.at("/data/tags/" + b.id() + "/prsValueTypeCode").asInt()).isZero();
            assertThat(full.at("/data/tags/" + a.id() + "/prsValueTypeCode").asInt()).as("the tag's own type: double").isEqualTo(1);

            publish(connector, "prsTag/app_api_client/data_set/*", "{\"data\":[{\"tagId\":\"" + a.id() + "\",\"data\":[[" + nowMicros()
                    + ",1.5,null]]},{\"tagId\":\"" + b.id() + "\",\"data\":[[7]]}]}", true);
            await("data", () -> is(e, a, 1.5, null) && is(e, b, 7L, null));
            publish(connector, "conn2prs/" + id, "{\"action\":\"prsConnector.log_line\",\"data\":{\"id\":\"" + id
                    + "\",\"level\":\"WARNING\",\"message\":\"modbus timeout on 10.0.0.5\"}}", false);
            publish(connector, "conn2prs/" + id, "{\"action\":\"prsConnector.command_output\",\"data\":{\"id\":\"" + id
                    + "\",\"command\":\"uptime\",\"status\":\"ok\",\"exitCode\":0,\"stdout\":\"up 3 days\"}}", false);
            await("log lines kept", () -> e.connectorLog(c.id()).stream().anyMatch(l -> l.text().contains("modbus timeout on 10.0.0.5"))
                    && e.connectorLog(c.id()).stream().anyMatch(l -> l.text().contains("up 3 days")));

            // project changes are announced
            TagDef added = tag(station, "C", ValueType.STRING, c, "{\"address\":\"status-word\"}");
            e.edit(new ModelEdit.PutTag(added));
            await("tags_configuration", () -> rec.messages.stream().anyMatch(m -> m.text().contains("prsConnector.tags_configuration")
                    && m.text().contains(added.id().toString())));
            assertThat(announcedType(rec, added)).as("a string tag without a type option").isEqualTo(2);
            e.edit(new ModelEdit.PutTag(a.toBuilder().type(ValueType.INT).build()));
            await("the new type announced", () -> announcedType(rec, a) == 0);
            e.edit(new ModelEdit.DeleteTag(b.id()));
            await("tags_deleted", () -> rec.messages.stream().anyMatch(m -> m.text().contains("prsConnector.tags_deleted")
                    && m.text().contains(b.id().toString())));

            connector.abort(); // the last will
            await("LWT → q=100", () -> is(e, a, null, Quality.CONNECTION_LOST));
            assertThat(status(e, "legacy").status().reason()).contains("last will");
            try (MqttLink again = client("ext2", broker.url(), new RecordingListener())) {
                publish(again, "conn2prs/" + id, "{\"action\":\"prsConnector.log_line\",\"data\":{\"level\":\"INFO\",\"message\":\"restarted\"}}", false);
                await("first message after the will → q=101", () -> is(e, a, null, Quality.CONNECTION_RESTORED));
                publish(again, "prsTag/app_api_client/data_set/*", "{\"data\":[{\"tagId\":\"" + a.id() + "\",\"data\":[[3]]}]}", false);
                await("then the value (A is an int tag now)", () -> is(e, a, 3L, null));
            }

            // removing the connector from the project tells the external connector
            RecordingListener told = new RecordingListener();
            try (MqttLink watcher = client("watcher", broker.url(), told)) {
                watcher.subscribe("prs2conn/" + id);
                Thread.sleep(300);
                e.edit(new ModelEdit.DeleteConnector(c.id(), true));
                await("prsConnector.deleted", () -> told.messages.stream().anyMatch(m -> m.text().contains("prsConnector.deleted")));
                JsonNode gone = JSON.readTree(told.messages.stream().filter(m -> m.text().contains("prsConnector.deleted"))
                        .findFirst().orElseThrow().payload());
                assertThat(gone.at("/data/id").asText()).isEqualTo(id);
            }
        } finally {
            connector.close();
        }
    }

    /** The value type code of the last tags_configuration naming the tag; -1 when none did. */
    private static int announcedType(RecordingListener rec, TagDef t) {
        int code = -1;
        for (var m : rec.messages) {
            if (m.text().contains("prsConnector.tags_configuration") && m.text().contains(t.id().toString())) {
                try {
                    code = JSON.readTree(m.payload()).at("/data/tags/" + t.id() + "/prsValueTypeCode").asInt(-1);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return code;
    }

    private static long nowMicros() {
        return org.peresvet.model.Micros.now();
    }
}
