package org.peresvet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ValueTypeTest {
    @Test
    void coercesToTheJavaFormOfEachType() {
        assertThat(ValueType.INT.coerce(5)).isEqualTo(5L);
        assertThat(ValueType.INT.coerce(5.0)).isEqualTo(5L);
        assertThat(ValueType.INT.coerce("42")).isEqualTo(42L);
        assertThat(ValueType.DOUBLE.coerce(5)).isEqualTo(5.0);
        assertThat(ValueType.DOUBLE.coerce("2.5")).isEqualTo(2.5);
        assertThat(ValueType.BOOL.coerce("ON")).isEqualTo(true);
        assertThat(ValueType.BOOL.coerce(0)).isEqualTo(false);
        assertThat(ValueType.STRING.coerce(12)).isEqualTo("12");
        assertThat(ValueType.JSON.coerce("{\"a\":[1,2]}")).isInstanceOf(JsonNode.class);
        assertThat(ValueType.DOUBLE.coerce(null)).isNull();
    }

    @Test
    void refusesValuesThatDoNotFit() {
        assertThatThrownBy(() -> ValueType.INT.coerce(5.5)).hasMessage("value '5.5' is not a valid int");
        assertThatThrownBy(() -> ValueType.DOUBLE.coerce("high")).hasMessage("value 'high' is not a valid double");
        assertThatThrownBy(() -> ValueType.BOOL.coerce(2)).hasMessageContaining("not a valid bool");
        assertThatThrownBy(() -> ValueType.JSON.coerce("{oops")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ValueType.parse("float64")).hasMessageContaining("unknown value type");
    }

    @Test
    void microsParseIsoWithAndWithoutZone() {
        assertThat(Micros.parse("1970-01-01T00:00:01Z")).isEqualTo(1_000_000L);
        assertThat(Micros.parse("1970-01-01T00:00:01")).isEqualTo(1_000_000L); // no zone: UTC
        assertThat(Micros.parse("1970-01-01T03:00:01+03:00")).isEqualTo(1_000_000L);
        assertThat(Micros.parse("1970-01-01T00:00:00.000002Z")).isEqualTo(2L);
        assertThat(Micros.parse("123")).isEqualTo(123L);
        assertThat(Micros.format(1_500_000L)).isEqualTo("1970-01-01T00:00:01.500Z");
        assertThatThrownBy(() -> Micros.parse("yesterday")).hasMessageContaining("not an ISO-8601");
    }

    @Test
    void simulatorSpecRoundTripsAndGeneratesWithinItsBand() {
        SimulatorSpec spec = new SimulatorSpec(SimulatorSpec.Function.SINE, 60, 10, 50, 0, 1000);
        assertThat(SimulatorSpec.parse(spec.toJson())).isEqualTo(spec);
        assertThat(spec.valueAt(15_000_000L, Double.NaN, new java.util.Random(1))).isEqualTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
        SimulatorSpec square = new SimulatorSpec(SimulatorSpec.Function.SQUARE, 10, 1, 0, 0, 1000);
        assertThat(square.valueAt(1_000_000L, 0, new java.util.Random())).isEqualTo(1.0);
        assertThat(square.valueAt(6_000_000L, 0, new java.util.Random())).isEqualTo(-1.0);
        SimulatorSpec walk = new SimulatorSpec(SimulatorSpec.Function.RANDOM_WALK, 10, 2, 20, 0.5, 1000);
        java.util.Random r = new java.util.Random(7);
        double v = Double.NaN;
        for (int i = 0; i < 1000; i++) {
            v = walk.valueAt(i, v, r);
            assertThat(v).isBetween(18.0, 22.0);
        }
        assertThatThrownBy(() -> SimulatorSpec.parse("{\"function\":\"sine\",\"perod\":5}")).hasMessageContaining("unknown simulator key 'perod'");
    }
}
