package org.peresvet.connector.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.Binding;
import org.peresvet.connector.payload.Extraction.Parsed;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

class ExtractionTest {
    private final Binding plain = Binding.of(UUID.randomUUID(), UUID.randomUUID(), "a/b");

    private static Parsed run(Extraction e, String text) {
        return e.extract(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainValuesBecomeTheTagsType() {
        assertThat(run(Extraction.of(plain, ValueType.DOUBLE), " 21.5\n").value()).isEqualTo(21.5);
        assertThat(run(Extraction.of(plain, ValueType.INT), "42").value()).isEqualTo(42L);
        assertThat(run(Extraction.of(plain, ValueType.BOOL), "ON").value()).isEqualTo(true);
        assertThat(run(Extraction.of(plain, ValueType.BOOL), "false").value()).isEqualTo(false);
        assertThat(run(Extraction.of(plain, ValueType.STRING), " as is ").value()).isEqualTo(" as is ");
        assertThat(((JsonNode) run(Extraction.of(plain, ValueType.JSON), "{\"a\":1}").value()).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void jsonPathMapAndScaling() {
        Binding tasmota = plain.withJson("$.DS18B20.Temperature");
        assertThat(run(Extraction.of(tasmota, ValueType.DOUBLE),
                "{\"Time\":\"2024-01-01T00:00:00\",\"DS18B20\":{\"Temperature\":21.5},\"TempUnit\":\"C\"}").value()).isEqualTo(21.5);
        Binding power = plain.withJson("$.POWER").withMap(Map.of("ON", 1L, "OFF", 0L));
        assertThat(run(Extraction.of(power, ValueType.INT), "{\"POWER\":\"ON\"}").value()).isEqualTo(1L);
        assertThat(run(Extraction.of(power, ValueType.INT), "{\"POWER\":\"off\"}").value()).isEqualTo(0L);
        Binding scaled = plain.withScaling(0.1, -2);
        assertThat((Double) run(Extraction.of(scaled, ValueType.DOUBLE), "250").value()).isCloseTo(23.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run(Extraction.of(scaled, ValueType.INT), "251").value()).isEqualTo(23L);
        // ESPHome web server answer
        Binding esphome = plain.withJson("$.value");
        assertThat(run(Extraction.of(esphome, ValueType.DOUBLE), "{\"id\":\"sensor-t\",\"value\":20.25,\"state\":\"20.2 °C\"}").value())
                .isEqualTo(20.25);
        assertThat(run(Extraction.of(plain.withJson("$.state"), ValueType.BOOL), "{\"id\":\"switch-r\",\"value\":true,\"state\":\"ON\"}").value())
                .isEqualTo(true);
    }

    @Test
    void rejectionsNameTheReason() {
        Extraction d = Extraction.of(plain, ValueType.DOUBLE);
        Extraction j = Extraction.of(plain.withJson("$.a.b"), ValueType.DOUBLE);
        assertThat(d.extract(new byte[0]).rejection()).isEqualTo("empty payload");
        assertThat(d.extract((byte[]) null).rejection()).isEqualTo("empty payload");
        assertThat(run(d, "   ").rejection()).isEqualTo("empty payload");
        assertThat(d.extract(new byte[]{(byte) 0xC3, (byte) 0x28}).rejection()).isEqualTo("payload is not UTF-8 text");
        assertThat(run(d, "abc").rejection()).startsWith("'abc' is not a valid double");
        assertThat(run(d, "NaN").rejection()).contains("plain finite decimals");
        assertThat(run(d, "0x1p3").rejection()).contains("plain finite decimals");
        assertThat(run(d, "1e309").rejection()).contains("out of the range of a double");
        assertThat(run(d, "1e-400").rejection()).contains("too small");
        assertThat(run(j, "{\"a\":{\"b\":1e309}}").rejection()).contains("out of the range of a double");
        assertThat(run(j, "{\"a\":").rejection()).startsWith("malformed JSON");
        assertThat(run(j, "{\"a\":{}}").rejection()).startsWith("JSON path $.a.b not found");
        assertThat(run(j, "{\"a\":{\"b\":null}}").rejection()).contains("null");
        assertThat(run(j, "{\"a\":{\"b\":[1]}}").rejection()).contains("an array, not a double");
        assertThat(run(j, "{\"a\":{\"b\":\"x\"}}").rejection()).contains("'x' is not a valid double");
        Extraction m = Extraction.of(plain.withMap(Map.of("ON", 1L)), ValueType.INT);
        assertThat(run(m, "MAYBE").rejection()).contains("not in the map [ON]");
        assertThat(run(Extraction.of(plain, ValueType.JSON), "{x").rejection()).startsWith("malformed JSON");
        byte[] huge = new byte[Extraction.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '1');
        assertThat(d.extract(huge).rejection()).contains("larger than the limit");
    }

    @Test
    void outOfTheEngineeringRangeIsRejected() {
        TagDef level = TagDef.builder(UUID.randomUUID(), "Level", ValueType.DOUBLE).min(0.0).max(100.0).build();
        Extraction e = Extraction.of(plain, level);
        assertThat(run(e, "100").value()).isEqualTo(100.0);
        assertThat(run(e, "100.5").rejection()).isEqualTo("100.5 is above the tag's max 100");
        assertThat(run(e, "-1").rejection()).isEqualTo("-1 is below the tag's min 0");
    }

    @Test
    void aOneMebibytePayloadIsReadAndBounded() {
        StringBuilder sb = new StringBuilder("{\"pad\":\"");
        while (sb.length() < Extraction.MAX_PAYLOAD_BYTES - 40) {
            sb.append('x');
        }
        sb.append("\",\"v\":7}");
        assertThat(run(Extraction.of(plain.withJson("$.v"), ValueType.INT), sb.toString()).value()).isEqualTo(7L);
    }
}
