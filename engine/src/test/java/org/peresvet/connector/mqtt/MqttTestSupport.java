package org.peresvet.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.peresvet.connector.NamedStatus;
import org.peresvet.engine.Engine;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Helpers for tests of MQTT connectors in a running engine. */
final class MqttTestSupport {
    private MqttTestSupport() {
    }

    static ConnectorDef mqtt(String name, String brokerUrl, String extra) {
        return ConnectorDef.create(name, "mqtt", "{\"broker\":\"" + brokerUrl + "\",\"reconnectMinMs\":50,\"reconnectMaxMs\":500"
                + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    static TagDef tag(ObjectDef o, String name, ValueType type, ConnectorDef c, String binding) {
        String json = binding.replaceFirst("\\{", "{\"connector\":\"" + c.id() + "\",");
        return TagDef.builder(o.id(), name, type).source(SourceKind.CONNECTOR).sourceConfig(json).build();
    }

    static boolean is(Engine e, TagDef t, Object y, Integer q) {
        Sample s = e.current(t.id());
        return s != null && Objects.equals(s.y(), y) && Quality.same(s.q(), q);
    }

    static NamedStatus status(Engine e, String name) {
        return e.connectors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static void await(String what, Duration timeout, BooleanSupplier cond) {
        RecordingListener.await(what, timeout, cond);
    }

    static void await(String what, BooleanSupplier cond) {
        RecordingListener.await(what, Duration.ofSeconds(15), cond);
    }

    /** A plain client to play the device side. */
    static MqttLink client(String name, String url, RecordingListener rec) {
        MqttLink l = new MqttLink(name, MqttSettings.of(url).withReconnect(50, 500), rec);
        l.start();
        await(name + " connected", () -> l.state() == MqttLink.State.CONNECTED);
        return l;
    }

    static void publish(MqttLink l, String topic, String payload, boolean retained) {
        publish(l, topic, payload.getBytes(StandardCharsets.UTF_8), retained);
    }

    static void publish(MqttLink l, String topic, byte[] payload, boolean retained) {
        try {
            l.publish(topic, payload, 1, retained).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("publish " + topic + " failed", e);
        }
    }

    static int mqttThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("mqtt-") || t.getName().startsWith("MQTT"))).count();
    }
}
