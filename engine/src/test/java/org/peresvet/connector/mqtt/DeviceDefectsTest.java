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
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * One test per defect a hostile device found (issue 26), each against a real Mosquitto and a
 * running engine, each failing on the code before the fix.
 */
class DeviceDefectsTest {
    private static final Duration FRESH = Duration.ofSeconds(2);

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

    private Engine engine(ConnectorDef c, TagDef... tags) {
        Engine e = Engine.open(dir.resolve("project"), EngineOptions.quiet());
        e.connectorManager().connectGraceMillis(2000);
        e.edit(new ModelEdit.PutObject(station), new ModelEdit.PutConnector(c));
        for (TagDef t : tags) {
            e.edit(new ModelEdit.PutTag(t));
        }
        e.start();
        await("connected", () -> status(e, c.name()).status().state() == ConnectorState.CONNECTED);
        return e;
    }

    private static MqttConnector connector(Engine e, ConnectorDef c) {
        return (MqttConnector) e.connectorManager().instance(c.id());
    }

    private static boolean bad(Engine e, TagDef t) {
        return is(e, t, null, Quality.BAD_DATA);
    }

    /** v3's client killed its receiver on a surrogate pair in a topic; the connection stayed "connected" and deaf. */
    @Test
    void aTopicOutsideTheBasicMultilingualPlaneIsReceivedAndTheConnectorStaysAlive() throws Exception {
        ConnectorDef c = mqtt("plain", broker.url(), "");
        TagDef any = tag(station, "Any", ValueType.DOUBLE, c, "{\"address\":\"plant/+/temp\"}");
        TagDef other = tag(station, "Other", ValueType.DOUBLE, c, "{\"address\":\"plant/other\"}");
        try (Engine e = engine(c, any, other); MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            publish(dev, "plant/\uD83D\uDE00/temp", "21.5", false);
            await("the emoji topic's value", FRESH.multipliedBy(5), () -> is(e, any, 21.5, null));
            publish(dev, "plant/other", "7", false);
            await("a later message on the same connection", FRESH, () -> is(e, other, 7.0, null));
            assertThat(status(e, c.name()).status().state()).isEqualTo(ConnectorState.CONNECTED);
        }
    }

    /**
     * A receiver thread that dies (here: stopped from outside, as an unexpected exception in Paho
     * would end it) leaves a socket open and nothing read. It is reported within 2 s, and the link
     * connects again and receives.
     */
    @Test
    @SuppressWarnings("removal")
    void aDeadReceiverIsReportedWithinTwoSecondsAndTheLinkReconnects() throws Exception {
        RecordingListener rec = new RecordingListener();
        MqttLink link = new MqttLink("watched", MqttSettings.of(broker.url()).withReconnect(50, 500), rec);
        link.subscribe("watch/#");
        link.start();
        try (link; MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            await("connected", () -> link.state() == MqttLink.State.CONNECTED);
            String clientId = link.settings().clientId();
            Thread receiver = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("MQTT Rec") && t.getName().contains(clientId)).findFirst().orElseThrow();
            receiver.stop(); // Java 17: ThreadDeath in the receiver, which Paho does not catch
            receiver.join(5000); // it lands when the read returns (Paho's read times out every second)
            assertThat(receiver.isAlive()).isFalse();
            long t0 = System.nanoTime();
            await("reported as not connected", FRESH, () -> link.state() != MqttLink.State.CONNECTED);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(FRESH);
            assertThat(link.reason()).contains("receiver stopped");
            await("connected again", Duration.ofSeconds(5), () -> link.state() == MqttLink.State.CONNECTED);
            publish(dev, "watch/x", "after", false);
            await("receiving again", FRESH, () -> rec.count("watch/x") == 1);
        }
    }

    /** {@code 60.5} then {@code nan}: the latest word is "no reading", never the last good value. */
    @Test
    void aSensorFailureIsNotHiddenBehindItsLastGoodValue() throws Exception {
        ConnectorDef c = mqtt("esp", broker.url(), "\"profile\":\"esphome\",\"device\":\"board\"");
        TagDef t = tag(station, "T", ValueType.DOUBLE, c, "{\"address\":\"sensor/t\"}");
        try (Engine e = engine(c, t); MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            for (int round = 0; round < 5; round++) {
                dev.publish("board/sensor/t/state", "60.5".getBytes(), 0, false);
                publish(dev, "board/sensor/t/state", "nan", false);
                await("burst " + round + " ends at quality 103", FRESH, () -> bad(e, t));
                Thread.sleep(50);
                assertThat(e.current(t.id()).q()).as("still 103 after the burst settled").isEqualTo(Quality.BAD_DATA);
                publish(dev, "board/sensor/t/state", "1.5", false);
                await("good again", FRESH, () -> is(e, t, 1.5, null));
            }
            // good / bad / good / bad, checked step by step
            String[] steps = {"10", "nan", "11", "nan", "12", "inf", "13", "0x1p3"};
            for (String s : steps) {
                publish(dev, "board/sensor/t/state", s, false);
                boolean good = !s.equals("nan") && !s.equals("inf") && !s.startsWith("0x");
                await("step " + s, FRESH, () -> good ? is(e, t, Double.parseDouble(s), null) : bad(e, t));
            }
        }
    }

    /** {@code [[1e309]]} from a Peresvet-protocol connector was stored as Infinity with good quality. */
    @Test
    void nonFiniteNumbersAreQuality103InEveryProfile() throws Exception {
        ConnectorDef prs = mqtt("legacy", broker.url(), "\"profile\":\"peresvet\"");
        TagDef a = tag(station, "A", ValueType.DOUBLE, prs, "{\"address\":\"a\"}");
        ConnectorDef plain = ConnectorDef.create("plain", "mqtt", "{\"broker\":\"" + broker.url() + "\"}");
        TagDef p = tag(station, "P", ValueType.DOUBLE, plain, "{\"address\":\"plain/p\"}");
        TagDef j = tag(station, "J", ValueType.DOUBLE, plain, "{\"address\":\"plain/j\",\"json\":\"$.v\"}");
        try (Engine e = engine(prs, a); MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            e.edit(new ModelEdit.PutConnector(plain), new ModelEdit.PutTag(p), new ModelEdit.PutTag(j));
            await("plain connected", () -> status(e, "plain").status().state() == ConnectorState.CONNECTED);
            String data = "prsTag/app_api_client/data_set/x";
            publish(dev, data, "{\"data\":[{\"tagId\":\"" + a.id() + "\",\"data\":[[2.5]]}]}", false);
            await("a value", () -> is(e, a, 2.5, null));
            publish(dev, data, "{\"data\":[{\"tagId\":\"" + a.id() + "\",\"data\":[[1e309]]}]}", false);
            await("[[1e309]] → 103", FRESH, () -> bad(e, a));
            assertThat(e.connectorLog(prs.id())).extracting(ConnectorLogLine::text).anyMatch(l -> l.contains("range of a double"));
            for (String s : new String[] {"0x1p3", "1e-400", "NaN", "-Infinity", "1e309"}) {
                publish(dev, "plain/p", "5", false);
                await("plain good", FRESH, () -> is(e, p, 5.0, null));
                publish(dev, "plain/p", s, false);
                await("plain " + s + " → 103", FRESH, () -> bad(e, p));
                publish(dev, "plain/j", "{\"v\":5}", false);
                await("json good", FRESH, () -> is(e, j, 5.0, null));
                publish(dev, "plain/j", "{\"v\":" + s + "}", false);
                await("json " + s + " → 103", FRESH, () -> bad(e, j));
            }
        }
    }

    /** {@code round(3000000)} cost seconds of CPU per message on the connector's only thread. */
    @Test
    void aPathologicalTemplateIsRefusedAtDiscoveryAndListedWithItsReason() throws Exception {
        ConnectorDef c = mqtt("ha", broker.url(), "\"profile\":\"homeassistant\"");
        TagDef slow = tag(station, "Slow", ValueType.DOUBLE, c, "{\"address\":\"sensor/b/slow\"}");
        TagDef fine = tag(station, "Fine", ValueType.DOUBLE, c, "{\"address\":\"sensor/b/fine\"}");
        try (Engine e = engine(c, slow, fine); MqttLink dev = client("dev", broker.url(), new RecordingListener());
             BoardDiscovery listing = new BoardDiscovery(MqttSettings.of(broker.url()), "homeassistant").start()) {
            publish(dev, "homeassistant/sensor/b/slow/config",
                    "{\"stat_t\":\"b/slow\",\"val_tpl\":\"{{ value | float | round(3000000) }}\",\"dev\":{\"ids\":\"b\"}}", true);
            publish(dev, "homeassistant/sensor/b/fine/config", "{\"stat_t\":\"b/fine\",\"dev\":{\"ids\":\"b\"}}", true);
            await("both bound", () -> connector(e, c).link().subscriptions().containsAll(java.util.List.of("b/slow", "b/fine")));
            Thread.sleep(500); // the SUBACK
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                dev.publish("b/slow", ("1." + i).getBytes(), 0, false);
            }
            publish(dev, "b/fine", "42", false);
            await("the other entity is not delayed", FRESH, () -> is(e, fine, 42.0, null));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(FRESH);
            await("the refused template gives 103", FRESH, () -> bad(e, slow));
            await("listed with the reason", () -> listing.snapshot().stream().flatMap(b -> b.entities().stream())
                    .anyMatch(x -> x.key().equals("sensor/b/slow") && x.status() == DiscoveredEntity.Status.REFUSED
                            && x.problem() != null && x.problem().contains("round(3000000)")));
        }
    }

    /** {@code avty_t: "#"} subscribed the engine to the whole broker. */
    @Test
    void aDeviceConfigCannotSubscribeTheEngineToAWildcard() throws Exception {
        ConnectorDef c = mqtt("ha", broker.url(), "\"profile\":\"homeassistant\"");
        TagDef x = tag(station, "X", ValueType.DOUBLE, c, "{\"address\":\"sensor/r/x\"}");
        TagDef y = tag(station, "Y", ValueType.DOUBLE, c, "{\"address\":\"sensor/r/y\"}");
        try (Engine e = engine(c, x, y); MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            publish(dev, "homeassistant/sensor/r/x/config", "{\"stat_t\":\"r/x\",\"avty_t\":\"#\"}", true);
            publish(dev, "homeassistant/sensor/r/y/config", "{\"stat_t\":\"r/y\",\"avty\":[{\"t\":\"+/+\"}]}", true);
            publish(dev, "homeassistant/sensor/r/ok/config", "{\"stat_t\":\"r/ok\"}", true);
            await("refusals logged", () -> e.connectorLog(c.id()).stream().filter(l -> l.text().contains("wildcard")).count() >= 2);
            assertThat(connector(e, c).link().subscriptions()).doesNotContain("#", "+/+").noneMatch(f -> f.equals("r/x"));
        }
    }

    /** {@code avty_t: ""} threw inside the listener, and another device's move of its state topic was never subscribed. */
    @Test
    void oneDevicesBadConfigDoesNotStopAnotherDevicesMove() throws Exception {
        ConnectorDef c = mqtt("ha", broker.url(), "\"profile\":\"homeassistant\"");
        TagDef bad = tag(station, "Bad", ValueType.DOUBLE, c, "{\"address\":\"sensor/bad/v\"}");
        TagDef good = tag(station, "Good", ValueType.DOUBLE, c, "{\"address\":\"sensor/good/v\"}");
        try (Engine e = engine(c, bad, good); MqttLink dev = client("dev", broker.url(), new RecordingListener())) {
            publish(dev, "homeassistant/sensor/good/v/config", "{\"stat_t\":\"good/old\"}", true);
            await("bound", () -> connector(e, c).link().subscriptions().contains("good/old"));
            Thread.sleep(500); // the SUBACK
            publish(dev, "good/old", "1", false);
            await("old topic", () -> is(e, good, 1.0, null));
            publish(dev, "homeassistant/sensor/bad/v/config", "{\"stat_t\":\"bad/v\",\"avty_t\":\"\"}", true);
            publish(dev, "homeassistant/sensor/bad/v/config", "{\"stat_t\":\"bad/v\",\"avty_t\":\"a/#/b\"}", true);
            publish(dev, "homeassistant/sensor/good/v/config", "{\"stat_t\":\"good/new\"}", true);
            await("the move is subscribed", FRESH, () -> connector(e, c).link().subscriptions().contains("good/new"));
            Thread.sleep(200); // the SUBACK
            publish(dev, "good/new", "2", false);
            await("new topic", FRESH, () -> is(e, good, 2.0, null));
            assertThat(e.connectorLog(c.id())).extracting(ConnectorLogLine::text)
                    .anyMatch(l -> l.contains("sensor/bad/v") && l.contains("availability_topic is empty"));
        }
    }

    /** A second config claiming a bound entity's unique_id redirected the tag to the rogue's topic. */
    @Test
    void aRogueConfigCannotHijackABoundEntity() throws Exception {
        ConnectorDef c = mqtt("ha", broker.url(), "\"profile\":\"homeassistant\"");
        TagDef u = tag(station, "U", ValueType.DOUBLE, c, "{\"address\":\"board-u-uid\"}");
        try (Engine e = engine(c, u); MqttLink dev = client("dev", broker.url(), new RecordingListener());
             BoardDiscovery listing = new BoardDiscovery(MqttSettings.of(broker.url()), "homeassistant").start()) {
            publish(dev, "homeassistant/sensor/board-u/t/config", "{\"stat_t\":\"board-u/t\",\"uniq_id\":\"board-u-uid\"}", true);
            await("bound", () -> connector(e, c).link().subscriptions().contains("board-u/t"));
            Thread.sleep(500); // the SUBACK
            publish(dev, "board-u/t", "20", false);
            await("the board's value", () -> is(e, u, 20.0, null));
            publish(dev, "homeassistant/sensor/rogue/uid/config", "{\"stat_t\":\"rogue/t\",\"uniq_id\":\"board-u-uid\"}", true);
            await("conflict logged", () -> e.connectorLog(c.id()).stream().anyMatch(l -> l.text().contains("conflicts")));
            publish(dev, "rogue/t", "666", false);
            publish(dev, "board-u/t", "21", false);
            await("the real board's value still arrives", FRESH, () -> is(e, u, 21.0, null));
            assertThat(connector(e, c).link().subscriptions()).doesNotContain("rogue/t");
            await("the conflict is listed", () -> listing.snapshot().stream().flatMap(b -> b.entities().stream())
                    .anyMatch(x -> x.key().equals("sensor/rogue/uid") && x.status() == DiscoveredEntity.Status.CONFLICT
                            && x.problem().contains("sensor/board-u/t")));
            Sample s = e.current(u.id());
            assertThat(s.y()).isEqualTo(21.0);
        }
    }

    @SuppressWarnings("unused")
    private static void pause(long ms) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(ms);
    }
}
