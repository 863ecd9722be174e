package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteResult;
import org.peresvet.runtime.WriteResult.Status;

/** An operator's write: checked input, confirmed or failed with the reason. No toolkit, no engine. */
class WriteServiceTest {
    private final ObjectDef tank = ObjectDef.create(null, "Tank");
    private final TagDef setpoint = TagDef.builder(tank.id(), "Setpoint", ValueType.DOUBLE).units("m").min(0.0).max(5.0).build();
    private final ConnectorDef board = ConnectorDef.create("Board", "mqtt", "{}");
    private final TagDef pump = TagDef.builder(tank.id(), "Pump", ValueType.BOOL).source(SourceKind.CONNECTOR)
            .sourceConfig("{\"connector\":\"" + board.id() + "\",\"address\":\"stat/POWER\",\"command\":\"cmnd/POWER\"}").build();
    private final ModelSnapshot model = ModelSnapshot.of(List.of(tank), List.of(setpoint, pump), List.of(), List.of(), List.of(),
            List.of(board));

    /** Applies writes at once unless told to drop them or refuse them. */
    private class Fake implements WriteService.Target {
        final Map<UUID, Sample> current = new HashMap<>();
        final List<String> sentToDevice = new java.util.ArrayList<>();
        boolean drop;
        String refuse;
        /** How the device write ends: its status and reason; CONFIRMED echoes the value into current. */
        Status device = Status.CONFIRMED;
        String reason = "";
        RuntimeException deviceThrows;

        @Override
        public ModelSnapshot model() {
            return model;
        }

        @Override
        public void write(UUID tagId, Sample sample) {
            if (refuse != null) {
                throw new IllegalStateException(refuse);
            }
            if (!drop) {
                current.put(tagId, sample);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public Sample current(UUID tagId) {
            return current.get(tagId);
        }

        @Override
        public CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user) {
            if (deviceThrows != null) {
                return CompletableFuture.failedFuture(deviceThrows);
            }
            sentToDevice.add(user + " " + value);
            if (device == Status.CONFIRMED) {
                current.put(tagId, Sample.of(5, value));
            }
            return CompletableFuture.completedFuture(new WriteResult(tagId, device, value,
                    device == Status.CONFIRMED ? value : null, reason, 1000));
        }
    }

    @Test
    void inputIsCheckedAgainstTypeAndRange() {
        assertThat(WriteService.parse(setpoint, " 2,5 ")).isEqualTo(2.5);
        assertThatThrownBy(() -> WriteService.parse(setpoint, "abc")).hasMessageContaining("not a valid double");
        assertThatThrownBy(() -> WriteService.parse(setpoint, "9")).hasMessage("9.00 is outside the range 0.00 … 5.00");
        assertThatThrownBy(() -> WriteService.parse(setpoint, "")).hasMessage("enter a value");
    }

    @Test
    void aWriteTheEngineAppliesIsConfirmed() {
        Fake f = new Fake();
        f.current.put(setpoint.id(), Sample.of(1, 3.0));
        WriteService.Result r = WriteService.write(f, setpoint.id(), 2.5);
        assertThat(r.confirmed()).isTrue();
        assertThat(r.message()).isEqualTo("✓ Written and confirmed: Setpoint = 2.50 m (was 3.00 m)");
        assertThat(r.after().y()).isEqualTo(2.5);
    }

    @Test
    void aRefusedOrDroppedWriteFailsWithTheReason() {
        Fake f = new Fake();
        f.refuse = "the engine is not running: call start() before writing values";
        assertThat(WriteService.write(f, setpoint.id(), 2.5).message())
                .isEqualTo("✕ Write to /Tank/Setpoint failed: the engine is not running: call start() before writing values");
        f.refuse = null;
        f.drop = true;
        f.current.put(setpoint.id(), Sample.of(1, 3.0));
        WriteService.Result r = WriteService.write(f, setpoint.id(), 2.5);
        assertThat(r.confirmed()).isFalse();
        assertThat(r.message()).contains("did not apply it; the value is still 3.00 m");
    }

    @Test
    void simulatedTagsAreNotWritten() {
        TagDef sim = setpoint.toBuilder().simulated(org.peresvet.model.SimulatorSpec.sine(10, 1, 1)).build();
        ModelSnapshot m = ModelSnapshot.of(List.of(tank), List.of(sim));
        Fake f = new Fake() {
            @Override
            public ModelSnapshot model() {
                return m;
            }
        };
        WriteService.Result r = WriteService.write(f, sim.id(), 2.0);
        assertThat(r.confirmed()).isFalse();
        assertThat(r.message()).contains("only enabled manual tags and connector tags with a command can be written");
        assertThat(f.current).isEmpty();
    }

    @Test
    void aConnectorTagIsWrittenToTheDeviceAndConfirmedByItsEcho() {
        Fake f = new Fake();
        f.current.put(pump.id(), Sample.of(1, false));
        WriteService.Result r = WriteService.write(f, pump.id(), true);
        assertThat(r.confirmed()).isTrue();
        assertThat(r.message()).isEqualTo("✓ Sent and confirmed by the device: Pump = true (was false)");
        assertThat(f.sentToDevice).containsExactly(WriteService.operator() + " true");
        assertThat(WriteService.operator()).isEqualTo(System.getProperty("user.name"));
        assertThat(r.after().y()).isEqualTo(true);
    }

    @Test
    void aDeviceWriteThatFailsSaysWhyAndNeverClaimsSuccess() {
        Fake f = new Fake();
        f.current.put(pump.id(), Sample.of(1, false));
        Map<Status, String> expected = Map.of(
                Status.TIMEOUT, "sent, but the device did not confirm it in time: no echo within 5000 ms",
                Status.MISMATCH, "sent, but the device reports another value: the device reports false",
                Status.NOT_SENT, "not sent: connector Board is not connected",
                Status.REJECTED, "refused: tag /Tank/Pump is disabled",
                Status.CANCELLED, "cancelled: replaced by a newer write to the same tag");
        Map<Status, String> reasons = Map.of(Status.TIMEOUT, "no echo within 5000 ms", Status.MISMATCH, "the device reports false",
                Status.NOT_SENT, "connector Board is not connected", Status.REJECTED, "tag /Tank/Pump is disabled",
                Status.CANCELLED, "replaced by a newer write to the same tag");
        for (Status s : expected.keySet()) {
            f.device = s;
            f.reason = reasons.get(s);
            WriteService.Result r = WriteService.write(f, pump.id(), true);
            assertThat(r.confirmed()).as("%s", s).isFalse();
            assertThat(r.message()).isEqualTo("✕ Write to /Tank/Pump failed: " + expected.get(s));
            assertThat(r.after().y()).isEqualTo(false);
        }
        // The engine value of a device tag is never written directly: only the device's echo changes it.
        assertThat(f.current.get(pump.id())).isEqualTo(Sample.of(1, false));

        f.deviceThrows = new IllegalStateException("the engine is closed");
        assertThat(WriteService.write(f, pump.id(), true).message()).isEqualTo("✕ Write to /Tank/Pump failed: the engine is closed");
    }

    @Test
    void aManualTagStillGoesToTheEngineNotToADevice() {
        Fake f = new Fake();
        assertThat(WriteService.write(f, setpoint.id(), 1.0).confirmed()).isTrue();
        assertThat(f.sentToDevice).isEmpty();
    }

    @Test
    void aConnectorTagWithoutACommandIsReadOnly() {
        TagDef sensor = pump.toBuilder().sourceConfig("{\"connector\":\"" + board.id() + "\",\"address\":\"level\"}").build();
        ModelSnapshot m = ModelSnapshot.of(List.of(tank), List.of(sensor), List.of(), List.of(), List.of(), List.of(board));
        Fake f = new Fake() {
            @Override
            public ModelSnapshot model() {
                return m;
            }
        };
        WriteService.Result r = WriteService.write(f, sensor.id(), true);
        assertThat(r.confirmed()).isFalse();
        assertThat(r.message()).contains("read-only connector tags are fed by their source");
        assertThat(f.sentToDevice).isEmpty();
    }
}
