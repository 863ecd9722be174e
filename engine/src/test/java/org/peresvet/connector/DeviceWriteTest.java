package org.peresvet.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.connector.ConnectorEngineTest.await;
import static org.peresvet.connector.ConnectorEngineTest.bound;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.DeviceWriteEvent;
import org.peresvet.runtime.WriteResult;
import org.peresvet.runtime.WriteResult.Status;

/** Writes to devices are confirmed by read-back only: each outcome with its reason and an event. */
class DeviceWriteTest {
    @TempDir
    Path dir;

    private final FakeDevice.Factory factory = new FakeDevice.Factory();
    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final ConnectorDef echoing = ConnectorDef.create("Echoing", "fake", "{\"echo\":\"same\",\"echoDelayMs\":30}");
    private final ConnectorDef silent = ConnectorDef.create("Silent", "fake", "{\"echo\":\"none\"}");
    private final ConnectorDef liar = ConnectorDef.create("Liar", "fake", "{\"echo\":\"other\"}");
    private final ConnectorDef broken = ConnectorDef.create("Broken", "fake", "{\"sendFails\":true}");
    private final TagDef relay = at(bound("Relay", echoing, "{\"address\":\"stat/POWER\",\"map\":{\"ON\":true,\"OFF\":false},"
            + "\"command\":\"cmnd/POWER\"}", ValueType.BOOL, null, null));
    private final TagDef speed = at(bound("Speed", echoing, "{\"address\":\"speed\",\"command\":\"speed/set\",\"scale\":0.1}",
            ValueType.DOUBLE, 0.0, 100.0));
    private final TagDef readOnly = at(bound("Level", echoing, "{\"address\":\"level\"}", ValueType.DOUBLE, null, null));
    private final TagDef quiet = at(bound("Quiet", silent, "{\"address\":\"q\",\"command\":\"q/set\",\"echoTimeoutMs\":200}",
            ValueType.INT, null, null));
    private final TagDef other = at(bound("Other", liar, "{\"address\":\"o\",\"command\":\"o/set\",\"echoTimeoutMs\":300}",
            ValueType.INT, null, null));
    private final TagDef failing = at(bound("Failing", broken, "{\"address\":\"f\",\"command\":\"f/set\"}", ValueType.INT, null, null));
    private final BlockingQueue<DeviceWriteEvent> events = new LinkedBlockingQueue<>();
    private Engine e;

    private TagDef at(TagDef t) {
        return t.toBuilder().objectId(pump.id()).build();
    }

    @BeforeEach
    void start() throws Exception {
        e = Engine.open(dir, EngineOptions.quiet());
        e.addConnectorFactory(factory);
        e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(echoing), new ModelEdit.PutConnector(silent),
                new ModelEdit.PutConnector(liar), new ModelEdit.PutConnector(broken), new ModelEdit.PutTag(relay),
                new ModelEdit.PutTag(speed), new ModelEdit.PutTag(readOnly), new ModelEdit.PutTag(quiet), new ModelEdit.PutTag(other),
                new ModelEdit.PutTag(failing));
        e.events().subscribe(DeviceWriteEvent.class, events::add);
        e.start();
        await("all connected", () -> e.connectors().stream().allMatch(s -> s.status().state() == ConnectorState.CONNECTED));
    }

    @AfterEach
    void stop() {
        e.close();
    }

    private WriteResult write(TagDef t, Object v) throws Exception {
        return e.writeToDevice(t.id(), v, Actor.workstation("operator1")).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWriteIsConfirmedWhenTheDeviceEchoesTheValue() throws Exception {
        WriteResult r = write(relay, true);
        assertThat(r.status()).isEqualTo(Status.CONFIRMED);
        assertThat(r.confirmed()).isEqualTo(true);
        assertThat(r.durationMicros()).isGreaterThanOrEqualTo(25_000);
        assertThat(factory.devices.get("Echoing").sent).containsExactly("cmnd/POWER ON");
        e.flush();
        assertThat(e.current(relay.id()).y()).isEqualTo(true);

        DeviceWriteEvent ev = events.poll(5, TimeUnit.SECONDS);
        assertThat(ev.user()).isEqualTo("operator1");
        assertThat(ev.tagPath()).isEqualTo("/Pump/Relay");
        assertThat(ev.oldValue()).isNull();
        assertThat(ev.newValue()).isEqualTo(true);
        assertThat(ev.result().status()).isEqualTo(Status.CONFIRMED);

        // Scaled: the device gets the raw value, the echo is scaled back and matches.
        assertThat(write(speed, 42.5).status()).isEqualTo(Status.CONFIRMED);
        assertThat(factory.devices.get("Echoing").sent).contains("speed/set 425");
        WriteResult off = write(relay, "off");
        assertThat(off.status()).isEqualTo(Status.CONFIRMED);
        events.poll(5, TimeUnit.SECONDS);
        DeviceWriteEvent second = events.poll(5, TimeUnit.SECONDS);
        assertThat(second.oldValue()).isEqualTo(true);
        assertThat(second.describe()).contains("operator1 wrote /Pump/Relay: true -> off: CONFIRMED");
    }

    @Test
    void noEchoIsATimeoutAndAnotherValueIsAMismatch() throws Exception {
        WriteResult t = write(quiet, 5);
        assertThat(t.status()).isEqualTo(Status.TIMEOUT);
        assertThat(t.reason()).isEqualTo("the device did not echo the value within 200 ms");
        assertThat(t.durationMicros()).isGreaterThanOrEqualTo(190_000);
        assertThat(factory.devices.get("Silent").sent).containsExactly("q/set 5");

        WriteResult m = write(other, 5);
        assertThat(m.status()).isEqualTo(Status.MISMATCH);
        assertThat(m.reason()).isEqualTo("the device reported 7, not 5, within 300 ms");
        assertThat(e.connectorLog(liar.id())).extracting(ConnectorLogLine::text).anyMatch(l -> l.contains("MISMATCH"));
        assertThat(events.poll(5, TimeUnit.SECONDS).result().status()).isEqualTo(Status.TIMEOUT);
    }

    @Test
    void badRequestsAreRejectedBeforeAnythingIsSent() throws Exception {
        assertThat(write(readOnly, 1.0)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.REJECTED);
            assertThat(r.reason()).isEqualTo("tag /Pump/Level is not writable: its binding has no command");
        });
        assertThat(write(speed, 150.0).reason()).isEqualTo("tag /Pump/Speed: 150.0 is above the maximum 100.0");
        assertThat(write(speed, -1).reason()).isEqualTo("tag /Pump/Speed: -1.0 is below the minimum 0.0");
        assertThat(write(speed, "fast").reason()).isEqualTo("tag /Pump/Speed: value 'fast' is not a valid double");
        assertThat(write(speed, null).status()).isEqualTo(Status.REJECTED);
        TagDef manual = TagDef.builder(pump.id(), "Manual", ValueType.INT).build();
        e.edit(new ModelEdit.PutTag(manual));
        assertThat(write(manual, 1).reason()).isEqualTo("tag /Pump/Manual is not bound to a connector");
        e.edit(new ModelEdit.PutTag(quiet.toBuilder().enabled(false).build()));
        assertThat(write(quiet, 1).reason()).isEqualTo("tag /Pump/Quiet is disabled");
        assertThat(e.writeToDevice(java.util.UUID.randomUUID(), 1, Actor.workstation("x")).get().status()).isEqualTo(Status.REJECTED);
        assertThat(factory.devices.get("Echoing").sent).isEmpty();
        // Every refusal is an event too.
        await("8 events", () -> events.size() == 8);
        List<DeviceWriteEvent> all = new java.util.ArrayList<>();
        events.drainTo(all);
        assertThat(all).hasSize(8).allMatch(ev -> ev.result().status() == Status.REJECTED);
    }

    @Test
    void aConnectorThatIsDownOrFailsDoesNotSend() throws Exception {
        factory.devices.get("Echoing").drop("wifi lost");
        WriteResult down = write(relay, true);
        assertThat(down.status()).isEqualTo(Status.NOT_SENT);
        assertThat(down.reason()).isEqualTo("connector Echoing is not connected (connecting: wifi lost)");
        assertThat(write(failing, 1).reason()).isEqualTo("sending failed: socket closed");
        e.edit(new ModelEdit.PutConnector(echoing.withEnabled(false)));
        await("stopped", () -> factory.devices.get("Echoing").closed);
        assertThat(write(relay, true).reason()).isEqualTo("connector Echoing is disabled");
    }

    @Test
    void aNewerWriteReplacesAWaitingOneAndCloseCancelsTheRest() throws Exception {
        TagDef slow = quiet.toBuilder().id(java.util.UUID.randomUUID()).name("Slow")
                .sourceConfig(quiet.sourceConfig().replace("\"echoTimeoutMs\":200", "\"echoTimeoutMs\":60000")).build();
        assertThat(slow.sourceConfig()).contains("60000");
        e.edit(new ModelEdit.PutTag(slow));
        var first = e.writeToDevice(slow.id(), 1, Actor.workstation("a"));
        var second = e.writeToDevice(slow.id(), 2, Actor.workstation("b"));
        assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.CANCELLED);
        assertThat(first.get().reason()).contains("replaced by a newer write");
        long t0 = System.nanoTime();
        e.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("close ms").isLessThan(5000);
        assertThat(second.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.CANCELLED);
        assertThat(second.get().reason()).isEqualTo("the engine stopped");
    }
}
