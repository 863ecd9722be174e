package org.peresvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteRules.Target;

/** One validator for every write: the rules both targets share, and what only a device needs. */
class WriteRulesTest {
    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final TagDef speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).min(0.0).max(100.0).build();
    private final TagDef off = TagDef.builder(pump.id(), "Off", ValueType.INT).enabled(false).build();
    private final TagDef calc = TagDef.builder(pump.id(), "Calc", ValueType.DOUBLE).formula("1 + 1").build();
    private final ModelSnapshot m = ModelSnapshot.of(List.of(pump), List.of(speed, off, calc));

    @Test
    void bothTargetsRefuseUnknownAndDisabledTagsAndValuesOfTheWrongType() {
        for (Target target : Target.values()) {
            UUID nowhere = UUID.randomUUID();
            assertThatThrownBy(() -> WriteRules.tag(m, nowhere, target)).hasMessage("unknown tag " + nowhere);
            assertThatThrownBy(() -> WriteRules.tag(m, off.id(), target)).hasMessage("tag /Pump/Off is disabled");
            assertThatThrownBy(() -> WriteRules.value(speed, () -> "/Pump/Speed", "fast", target)).hasMessageStartingWith("tag /Pump/Speed: ");
            assertThat(WriteRules.value(speed, () -> "/Pump/Speed", 5L, target)).isEqualTo(5.0);
        }
    }

    @Test
    void thePipelineRefusesCalculatedTagsADeviceNeedsAFiniteValueInRange() {
        assertThatThrownBy(() -> WriteRules.tag(m, calc.id(), Target.PIPELINE)).hasMessageContaining("is calculated by its formula");
        assertThat(WriteRules.value(speed, () -> "/Pump/Speed", 150.0, Target.PIPELINE)).as("history may hold any value").isEqualTo(150.0);
        assertThatThrownBy(() -> WriteRules.value(speed, () -> "/Pump/Speed", 150.0, Target.DEVICE)).hasMessage("tag /Pump/Speed: 150.0 is above the maximum 100.0");
        assertThatThrownBy(() -> WriteRules.value(speed, () -> "/Pump/Speed", -1.0, Target.DEVICE)).hasMessage("tag /Pump/Speed: -1.0 is below the minimum 0.0");
        assertThatThrownBy(() -> WriteRules.value(speed, () -> "/Pump/Speed", null, Target.DEVICE)).hasMessageContaining("empty value");
    }
}
