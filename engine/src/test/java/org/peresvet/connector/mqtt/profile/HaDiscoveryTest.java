package org.peresvet.connector.mqtt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HaDiscoveryTest {
    private static HaDiscovery.Message parse(String topic, String payload) {
        return HaDiscovery.parse("homeassistant", topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static HaDiscovery.Entity entity(String topic, String payload) {
        HaDiscovery.Message m = parse(topic, payload);
        assertThat(m).isInstanceOf(HaDiscovery.Config.class);
        return ((HaDiscovery.Config) m).entity();
    }

    /** What ESPHome 2024.x publishes for a sensor (abbreviated keys, device block, origin). */
    @Test
    void esphomeSensorConfig() {
        HaDiscovery.Entity e = entity("homeassistant/sensor/pump-board-1/tank_level/config",
                "{\"dev_cla\":\"volume_storage\",\"unit_of_meas\":\"%\",\"stat_cla\":\"measurement\",\"name\":\"Tank Level\","
                        + "\"stat_t\":\"pump-board-1/sensor/tank_level/state\",\"avty_t\":\"pump-board-1/status\","
                        + "\"uniq_id\":\"ESPsensortank_level\",\"dev\":{\"ids\":\"a4cf12b3c4d5\",\"name\":\"pump-board-1\","
                        + "\"sw\":\"esphome v2024.6.1 Jun 10 2024, 10:00:00\",\"mdl\":\"esp32dev\",\"mf\":\"espressif\"},"
                        + "\"o\":{\"name\":\"ESPHome\",\"sw\":\"2024.6.1\",\"url\":\"https://esphome.io\"}}");
        assertThat(e.key()).isEqualTo("sensor/pump-board-1/tank_level");
        assertThat(e.component()).isEqualTo("sensor");
        assertThat(e.nodeId()).isEqualTo("pump-board-1");
        assertThat(e.objectId()).isEqualTo("tank_level");
        assertThat(e.stateTopic()).isEqualTo("pump-board-1/sensor/tank_level/state");
        assertThat(e.unit()).isEqualTo("%");
        assertThat(e.deviceClass()).isEqualTo("volume_storage");
        assertThat(e.stateClass()).isEqualTo("measurement");
        assertThat(e.uniqueId()).isEqualTo("ESPsensortank_level");
        assertThat(e.availability()).containsExactly(new HaDiscovery.Availability("pump-board-1/status", "online", "offline", null));
        assertThat(e.device().id()).isEqualTo("a4cf12b3c4d5");
        assertThat(e.device().model()).isEqualTo("esp32dev");
        assertThat(e.device().manufacturer()).isEqualTo("espressif");
        assertThat(e.device().swVersion()).startsWith("esphome v2024.6.1");
        assertThat(e.originName()).isEqualTo("ESPHome");
        assertThat(e.valueTemplate().isIdentity()).isTrue();
    }

    /** Tasmota's SetOption19 style: '~' base topic, value template, availability payloads. */
    @Test
    void tildeBaseTopicAndTemplate() {
        HaDiscovery.Entity e = entity("homeassistant/switch/ABC123_RL_1/config",
                "{\"name\":\"Pump\",\"cmd_t\":\"~cmnd/POWER\",\"stat_t\":\"~tele/STATE\",\"val_tpl\":\"{{value_json.POWER}}\","
                        + "\"pl_off\":\"OFF\",\"pl_on\":\"ON\",\"avty_t\":\"~tele/LWT\",\"pl_avail\":\"Online\","
                        + "\"pl_not_avail\":\"Offline\",\"uniq_id\":\"ABC123_RL_1\",\"dev\":{\"ids\":[\"ABC123\"]},"
                        + "\"~\":\"tasmota_ABC123/\"}");
        assertThat(e.nodeId()).isNull();
        assertThat(e.commandTopic()).isEqualTo("tasmota_ABC123/cmnd/POWER");
        assertThat(e.stateTopic()).isEqualTo("tasmota_ABC123/tele/STATE");
        assertThat(e.availability().get(0)).isEqualTo(new HaDiscovery.Availability("tasmota_ABC123/tele/LWT", "Online", "Offline", null));
        assertThat(e.payloadOn()).isEqualTo("ON");
        assertThat(e.valueTemplate().apply("{\"POWER\":\"OFF\"}").text()).isEqualTo("OFF");
        assertThat(e.device().id()).isEqualTo("ABC123");
    }

    @Test
    void tildeAtTheEndAndAvailabilityList() {
        HaDiscovery.Entity e = entity("homeassistant/number/dev1/speed/config",
                "{\"~\":\"dev1\",\"state_topic\":\"speed/~\",\"command_topic\":\"~/speed/set\",\"min\":0,\"max\":\"100\",\"step\":0.5,"
                        + "\"availability\":[{\"t\":\"~/avail\",\"pl_avail\":\"up\"},{\"topic\":\"bridge/state\"}],"
                        + "\"availability_mode\":\"all\",\"unit_of_measurement\":\"rpm\"}");
        assertThat(e.stateTopic()).isEqualTo("speed/dev1");
        assertThat(e.commandTopic()).isEqualTo("dev1/speed/set");
        assertThat(e.min()).isEqualTo(0.0);
        assertThat(e.max()).isEqualTo(100.0);
        assertThat(e.step()).isEqualTo(0.5);
        assertThat(e.availabilityMode()).isEqualTo("all");
        assertThat(e.availability()).containsExactly(new HaDiscovery.Availability("dev1/avail", "up", "offline", null),
                new HaDiscovery.Availability("bridge/state", "online", "offline", null));
    }

    @Test
    void emptyConfigRemovesAndBadOnesAreRejected() {
        assertThat(parse("homeassistant/sensor/n/o/config", "")).isEqualTo(new HaDiscovery.Removed("sensor/n/o"));
        assertThat(parse("homeassistant/sensor/o/config", "{bad")).isInstanceOf(HaDiscovery.Rejected.class);
        assertThat(parse("homeassistant/sensor/o/config", "[1]")).isInstanceOf(HaDiscovery.Rejected.class);
        assertThat(parse("homeassistant/number/o/config", "{\"min\":\"low\"}"))
                .isEqualTo(new HaDiscovery.Rejected("number/o", "min: 'low' is not a decimal number"));
        assertThat(parse("homeassistant/sensor/o/config", "{\"stat_t\":\"a/#\"}")).isInstanceOf(HaDiscovery.Rejected.class);
        assertThat(HaDiscovery.parse("homeassistant", "homeassistant/sensor/o/config", new byte[] {(byte) 0xff, 0x7b}))
                .isEqualTo(new HaDiscovery.Rejected("sensor/o", "config payload is not UTF-8"));
        assertThat(parse("homeassistant/status", "online")).isInstanceOf(HaDiscovery.NotDiscovery.class);
        assertThat(parse("homeassistant/a/b/c/d/config", "{}")).isInstanceOf(HaDiscovery.NotDiscovery.class);
        HaDiscovery.Entity unsupported = entity("homeassistant/sensor/o/config", "{\"val_tpl\":\"{% if x %}1{% endif %}\"}");
        assertThat(unsupported.templateProblem()).contains("not supported");
    }
}
