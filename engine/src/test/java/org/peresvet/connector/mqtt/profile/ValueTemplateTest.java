package org.peresvet.connector.mqtt.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTemplateTest {
    private static String ok(String template, String payload) {
        ValueTemplate.Result r = ValueTemplate.parse(template).apply(payload);
        assertThat(r.rejection()).as(template + " on " + payload).isNull();
        return r.text();
    }

    private static String rejected(String template, String payload) {
        ValueTemplate.Result r = ValueTemplate.parse(template).apply(payload);
        assertThat(r.ok()).as(template + " on " + payload).isFalse();
        return r.rejection();
    }

    @Test
    void commonFormsFromRealFirmware() {
        assertThat(ok("{{ value }}", "21.5")).isEqualTo("21.5");
        assertThat(ok(null, "x")).isEqualTo("x");
        assertThat(ok("{{value_json.POWER}}", "{\"POWER\":\"ON\"}")).isEqualTo("ON");
        assertThat(ok("{{ value_json.DS18B20.Temperature }}", "{\"DS18B20\":{\"Temperature\":21.5}}")).isEqualTo("21.5");
        assertThat(ok("{{ value_json['a b'] }}", "{\"a b\":3}")).isEqualTo("3");
        assertThat(ok("{{ value_json[\"x\"].y }}", "{\"x\":{\"y\":true}}")).isEqualTo("true");
        assertThat(ok("{{ value_json.list[1] }}", "{\"list\":[1,2]}")).isEqualTo("2");
        assertThat(ok("{{ value | float }}", "7")).isEqualTo("7.0");
        assertThat(ok("{{ value | int }}", "7.9")).isEqualTo("7");
        assertThat(ok("{{ value_json.x | round(1) }}", "{\"x\":21.549}")).isEqualTo("21.5");
        assertThat(ok("{{ value_json.x | float | round(2) }}", "{\"x\":\"3.14159\"}")).isEqualTo("3.14");
        assertThat(ok("{{ value_json.x | round(0, 'floor') }}", "{\"x\":2.9}")).isEqualTo("2.0");
        assertThat(ok("{{ value | float(0) }}", "junk")).isEqualTo("0.0");
        assertThat(ok("{{ value_json.missing | default('n/a') }}", "{}")).isEqualTo("n/a");
        assertThat(ok("{{ value | lower }}", "ON")).isEqualTo("on");
    }

    @Test
    void badPayloadsGiveReasons() {
        assertThat(rejected("{{ value_json.x }}", "{not json")).contains("not valid JSON");
        assertThat(rejected("{{ value_json.x.y }}", "{\"x\":1}")).contains("value_json.x.y is not in the payload");
        assertThat(rejected("{{ value | float }}", "abc")).contains("not a number");
        assertThat(rejected("{{ value_json.x }}", "")).contains("JSON");
    }

    @Test
    void unsupportedFormsAreRefusedAtParseTime() {
        assertThatThrownBy(() -> ValueTemplate.parse("{% if value == '1' %}ON{% endif %}")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ValueTemplate.parse("{{ value | float * 10 }}")).hasMessageContaining("'* 10'");
        assertThatThrownBy(() -> ValueTemplate.parse("{{ states('x') }}")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ValueTemplate.parse("{{ value | timestamp_local }}")).hasMessageContaining("timestamp_local");
        assertThatThrownBy(() -> ValueTemplate.parse("{{ value_json['x }}")).hasMessageContaining("unclosed");
    }
}
