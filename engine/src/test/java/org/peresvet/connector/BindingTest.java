package org.peresvet.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BindingTest {
    private final UUID tag = UUID.randomUUID();
    private final UUID conn = UUID.randomUUID();

    @Test
    void parsesEveryFieldAndPrintsItBack() {
        String json = "{\"connector\":\"" + conn + "\",\"address\":\"tele/pump/SENSOR\",\"json\":\"$.DS18B20.Temperature\","
                + "\"map\":{\"ON\":1,\"OFF\":0},\"scale\":0.1,\"offset\":-5,\"command\":\"cmnd/pump/POWER\","
                + "\"commandPayload\":\"{on_off}\",\"echoTimeoutMs\":2000,\"qos\":1}";
        Binding b = Binding.parse(tag, json);
        assertThat(b.tagId()).isEqualTo(tag);
        assertThat(b.connector()).isEqualTo(conn);
        assertThat(b.address()).isEqualTo("tele/pump/SENSOR");
        assertThat(b.json()).isEqualTo("$.DS18B20.Temperature");
        assertThat(b.map()).containsExactly(Map.entry("ON", 1L), Map.entry("OFF", 0L));
        assertThat(b.scale()).isEqualTo(0.1);
        assertThat(b.offset()).isEqualTo(-5.0);
        assertThat(b.command()).isEqualTo("cmnd/pump/POWER");
        assertThat(b.commandPayload()).isEqualTo("{on_off}");
        assertThat(b.echoTimeoutMs()).isEqualTo(2000);
        assertThat(b.options()).containsEntry("qos", 1);
        assertThat(b.writable()).isTrue();
        assertThat(Binding.parse(tag, b.toJson())).isEqualTo(b);
    }

    @Test
    void defaultsAreLeftOutOfTheJson() {
        Binding b = Binding.of(tag, conn, "/sensor/temp");
        assertThat(b.toJson()).isEqualTo("{\"connector\":\"" + conn + "\",\"address\":\"/sensor/temp\"}");
        assertThat(b.echoTimeoutMs()).isEqualTo(Binding.DEFAULT_ECHO_TIMEOUT_MS);
        assertThat(b.writable()).isFalse();
        assertThat(Binding.parse(tag, b.toJson())).isEqualTo(b);
    }

    @Test
    void badBindingsAreRefusedWithAClearReason() {
        assertThatThrownBy(() -> Binding.parse(tag, "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Binding.parse(tag, "{x")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Binding.parse(tag, "[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Binding.parse(tag, "{\"address\":\"a\"}")).hasMessageContaining("'connector' is missing");
        assertThatThrownBy(() -> Binding.parse(tag, "{\"connector\":\"nope\",\"address\":\"a\"}")).hasMessageContaining("UUID");
        String c = "{\"connector\":\"" + conn + "\"";
        assertThatThrownBy(() -> Binding.parse(tag, c + "}")).hasMessageContaining("'address' is missing");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\" \"}")).hasMessageContaining("'address' must not be empty");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\"a\",\"json\":\"DS.T\"}")).hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\"a\",\"scale\":0}")).hasMessageContaining("'scale' must not be 0");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\"a\",\"scale\":\"x\"}")).hasMessageContaining("finite number");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\"a\",\"map\":[1]}")).hasMessageContaining("'map' must be an object");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\"a\",\"map\":{\"ON\":{}}}")).hasMessageContaining("map value of 'ON'");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":\"a\",\"echoTimeoutMs\":0}")).hasMessageContaining("echoTimeoutMs");
        assertThatThrownBy(() -> Binding.parse(tag, c + ",\"address\":5}")).hasMessageContaining("'address' must be text");
    }
}
