package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** An operator's write: checked input, confirmed or failed with the reason. No toolkit, no engine. */
class WriteServiceTest {
    private final ObjectDef tank = ObjectDef.create(null, "Tank");
    private final TagDef setpoint = TagDef.builder(tank.id(), "Setpoint", ValueType.DOUBLE).units("m").min(0.0).max(5.0).build();
    private final ModelSnapshot model = ModelSnapshot.of(List.of(tank), List.of(setpoint));

    /** Applies writes at once unless told to drop them or refuse them. */
    private class Fake implements WriteService.Target {
        final Map<UUID, Sample> current = new HashMap<>();
        boolean drop;
        String refuse;

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
        assertThat(r.message()).contains("only enabled manual tags can be written");
        assertThat(f.current).isEmpty();
    }
}
