package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.FakeDevice;
import org.peresvet.method.MethodResult;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Quality;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.DeviceWriteEvent;
import org.peresvet.runtime.WriteResult;

/**
 * A method whose target is bound to a connector writes to the device, and its result is known
 * only once the device echoed the value (or the write failed) — without holding up the engine.
 */
class MethodDeviceWriteTest {
    @TempDir
    Path dir;

    private final FakeDevice.Factory factory = new FakeDevice.Factory();
    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final ConnectorDef echoing = ConnectorDef.create("Echoing", "fake", "{\"echo\":\"same\",\"echoDelayMs\":30}");
    private final ConnectorDef silent = ConnectorDef.create("Silent", "fake", "{\"echo\":\"none\"}");
    private final TagDef level = TagDef.builder(pump.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef speed = bound("Speed", echoing, "{\"address\":\"speed\",\"command\":\"speed/set\"}");
    private final TagDef valve = bound("Valve", silent, "{\"address\":\"valve\",\"command\":\"valve/set\",\"echoTimeoutMs\":1500}");
    /** Run by hand only: the condition never holds. */
    private static final List<MethodDef.Initiator> NEVER = List.of(MethodDef.Initiator.tag("Level", "{Level} > 1000000"));
    private final MethodDef setSpeed = MethodDef.write("setSpeed", pump.id(), "Speed", "{Level} * 2", NEVER);
    private final MethodDef openValve = MethodDef.write("openValve", pump.id(), "Valve", "{Level} + 1", NEVER);
    private final BlockingQueue<MethodResult> results = new LinkedBlockingQueue<>();
    private final BlockingQueue<DeviceWriteEvent> writes = new LinkedBlockingQueue<>();
    private Engine e;

    private TagDef bound(String name, ConnectorDef c, String binding) {
        String json = binding.replaceFirst("\\{", "{\"connector\":\"" + c.id() + "\",");
        return TagDef.builder(pump.id(), name, ValueType.DOUBLE).source(SourceKind.CONNECTOR).sourceConfig(json).build();
    }

    @BeforeEach
    void start() throws Exception {
        e = Engine.open(dir, EngineOptions.quiet());
        e.addConnectorFactory(factory);
        e.edit(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(echoing), new ModelEdit.PutConnector(silent),
                new ModelEdit.PutTag(level), new ModelEdit.PutTag(speed), new ModelEdit.PutTag(valve),
                new ModelEdit.PutMethod(setSpeed), new ModelEdit.PutMethod(openValve));
        e.events().subscribe(MethodResult.class, results::add);
        e.events().subscribe(DeviceWriteEvent.class, writes::add);
        e.start();
        await("connectors up", () -> e.connectors().stream().allMatch(s -> s.status().state() == ConnectorState.CONNECTED));
        e.write(level.id(), 21.0);
        e.flush();
    }

    @AfterEach
    void stop() {
        e.close();
    }

    @Test
    void aMethodsWriteToADeviceTagIsSentAndConfirmedByTheEcho() throws Exception {
        assertThat(e.runMethod(setSpeed.id(), Actor.workstation("ivanov"))).isTrue();

        MethodResult r = results.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.name()).isEqualTo("setSpeed");
        assertThat(r.ok()).as("failure: %s", r.failure()).isTrue();
        assertThat(r.value()).isEqualTo(42.0);
        assertThat(factory.devices.get("Echoing").sent).containsExactly("speed/set 42");

        DeviceWriteEvent w = writes.poll(5, TimeUnit.SECONDS);
        assertThat(w.user()).isEqualTo("method:setSpeed");
        assertThat(w.tagPath()).isEqualTo("/Pump/Speed");
        assertThat(w.result().status()).isEqualTo(WriteResult.Status.CONFIRMED);
        e.flush();
        // The tag holds what the device echoed, not what the method computed on its own.
        assertThat(e.current(speed.id()).y()).isEqualTo(42.0);
    }

    @Test
    void aDeviceThatNeverEchoesFailsTheRunLaterWithoutHoldingUpTheEngine() throws Exception {
        long t0 = System.nanoTime();
        assertThat(e.runMethod(openValve.id(), Actor.workstation("ivanov"))).isTrue();
        await("the command sent", () -> !factory.devices.get("Silent").sent.isEmpty());
        // The engine keeps taking values while the write waits for its echo.
        e.write(level.id(), 5.0);
        e.flush();
        assertThat(e.current(level.id()).y()).isEqualTo(5.0);
        assertThat(results.poll(200, TimeUnit.MILLISECONDS)).as("no result before the device answered or timed out").isNull();

        MethodResult r = results.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(r.ok()).isFalse();
        assertThat(r.failure()).contains("/Pump/Valve").contains("timed out");
        assertThat(r.value()).isEqualTo(22.0);
        DeviceWriteEvent w = writes.poll(5, TimeUnit.SECONDS);
        assertThat(w.user()).isEqualTo("method:openValve");
        assertThat(w.result().status()).isEqualTo(WriteResult.Status.TIMEOUT);
        e.flush();
        // A failed device write does not mark the device's tag bad: it still shows the device's state.
        assertThat(e.current(valve.id()) == null || e.current(valve.id()).q() != Quality.BAD_DATA).isTrue();
    }

    @Test
    void aDisconnectedDeviceFailsTheRunWithTheReason() throws Exception {
        factory.devices.get("Echoing").drop("cable pulled");
        await("connector down", () -> e.connectors().stream()
                .anyMatch(s -> s.status().state() != ConnectorState.CONNECTED));
        assertThat(e.runMethod(setSpeed.id(), Actor.workstation("ivanov"))).isTrue();
        MethodResult r = results.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.ok()).isFalse();
        assertThat(r.failure()).contains("was not sent").contains("cable pulled");
        assertThat(factory.devices.get("Echoing").sent).isEmpty();
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
