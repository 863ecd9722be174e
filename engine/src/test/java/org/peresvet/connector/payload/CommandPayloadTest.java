package org.peresvet.connector.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.Binding;
import org.peresvet.model.ValueType;

class CommandPayloadTest {
    private final Binding b = Binding.of(UUID.randomUUID(), UUID.randomUUID(), "a");

    @Test
    void placeholders() {
        assertThat(CommandPayload.render("{value}", 42L, ValueType.INT)).isEqualTo("42");
        assertThat(CommandPayload.render("{value}", 1.5, ValueType.DOUBLE)).isEqualTo("1.5");
        assertThat(CommandPayload.render("{value}", 2.0, ValueType.DOUBLE)).isEqualTo("2");
        assertThat(CommandPayload.render("{on_off}", true, ValueType.BOOL)).isEqualTo("ON");
        assertThat(CommandPayload.render("{on_off}", 0L, ValueType.INT)).isEqualTo("OFF");
        assertThat(CommandPayload.render("turn_{on_off_lower}", 1L, ValueType.INT)).isEqualTo("turn_on");
        assertThat(CommandPayload.render("{true_false}", false, ValueType.BOOL)).isEqualTo("false");
        assertThat(CommandPayload.render("{\"state\":\"{on_off}\",\"v\":{value}}", true, ValueType.BOOL))
                .isEqualTo("{\"state\":\"ON\",\"v\":true}");
        assertThat(CommandPayload.render("{unknown} stays", 1L, ValueType.INT)).isEqualTo("{unknown} stays");
    }

    @Test
    void rawReversesTheMapAndTheScaling() {
        Binding mapped = b.withMap(Map.of("ON", 1L, "OFF", 0L));
        assertThat(CommandPayload.render(mapped, 1L, ValueType.INT)).isEqualTo("ON");
        assertThat(CommandPayload.render(mapped, 0L, ValueType.INT)).isEqualTo("OFF");
        assertThat(CommandPayload.render(mapped, 5L, ValueType.INT)).isEqualTo("5");
        Binding scaled = b.withScaling(0.1, -2).withCommand("x", "set {raw}");
        assertThat(CommandPayload.render(scaled, 23.0, ValueType.DOUBLE)).isEqualTo("set 250");
        assertThat(CommandPayload.render(b.withCommand("x", "{value}"), "text", ValueType.STRING)).isEqualTo("text");
    }
}
