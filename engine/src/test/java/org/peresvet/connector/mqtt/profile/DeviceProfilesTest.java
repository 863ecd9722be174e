package org.peresvet.connector.mqtt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceProfilesTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void esphomeTopicsAndStates() {
        assertThat(EspHome.parse("pump-board-1/switch/pump_relay/state"))
                .isEqualTo(new EspHome.EntityTopic("pump-board-1", "switch", "pump_relay", "state"));
        assertThat(EspHome.parse("site/a/board/sensor/level/command"))
                .isEqualTo(new EspHome.EntityTopic("site/a/board", "sensor", "level", "command"));
        assertThat(EspHome.parse("board/status")).isNull();
        assertThat(EspHome.parse("board/sensor/x/other")).isNull();
        assertThat(EspHome.availability(b("online"))).isTrue();
        assertThat(EspHome.availability(b("offline"))).isFalse();
        assertThat(EspHome.availability(b("Online"))).isNull();
        assertThat(EspHome.state("switch", b("ON")).value()).isEqualTo(true);
        assertThat(EspHome.state("binary_sensor", b("OFF")).value()).isEqualTo(false);
        assertThat(EspHome.state("switch", b("on")).rejection()).contains("neither ON nor OFF");
        assertThat(EspHome.state("sensor", b("63.2")).value()).isEqualTo(63.2);
        assertThat(EspHome.state("sensor", b("nan")).rejection()).contains("no reading");
        assertThat(EspHome.state("sensor", b("")).rejection()).contains("empty");
        assertThat(EspHome.state("sensor", new byte[] {(byte) 0xc3, 0x28}).rejection()).contains("UTF-8");
        assertThat(EspHome.state("text_sensor", b("running")).value()).isEqualTo("running");
        assertThat(EspHome.commandTopic("b", "switch", "pump")).isEqualTo("b/switch/pump/command");
    }

    @Test
    void tasmotaTopicsAndPayloads() {
        assertThat(Tasmota.parse("tele/tasmota_A1B2C3/SENSOR")).isEqualTo(new Tasmota.Topic("tele", "tasmota_A1B2C3", "SENSOR"));
        assertThat(Tasmota.parse("foo/x/SENSOR")).isNull();
        assertThat(Tasmota.parse("tele/x")).isNull();
        assertThat(Tasmota.isPower("POWER")).isTrue();
        assertThat(Tasmota.isPower("POWER2")).isTrue();
        assertThat(Tasmota.isPower("POWER9")).isFalse();
        assertThat(Tasmota.lwt(b("Online"))).isTrue();
        assertThat(Tasmota.lwt(b("Offline"))).isFalse();
        assertThat(Tasmota.power(b("ON")).value()).isEqualTo(true);
        assertThat(Tasmota.power(b("")).rejection()).contains("empty");
        Map<String, Object> flat = Tasmota.flatten(b("{\"Time\":\"2026-11-27T10:00:00\",\"DS18B20\":{\"Id\":\"01131B\",\"Temperature\":21.5},"
                + "\"ANALOG\":{\"Range1\":634},\"TempUnit\":\"C\"}"));
        assertThat(flat).containsEntry("DS18B20.Temperature", 21.5).containsEntry("ANALOG.Range1", 634L)
                .containsEntry("TempUnit", "C");
        assertThat(Tasmota.flatten(b("{oops"))).isNull();
        assertThat(Tasmota.powers(b("{\"POWER\":\"ON\",\"POWER2\":\"OFF\",\"Dimmer\":10}")))
                .containsExactly(Map.entry("POWER", true), Map.entry("POWER2", false));
        assertThat(Tasmota.powers(b("not json"))).isEmpty();
    }
}
