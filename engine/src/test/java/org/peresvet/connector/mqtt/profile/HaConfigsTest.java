package org.peresvet.connector.mqtt.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The discovery configs a hostile device cannot abuse: validation, first owner, the cap. */
class HaConfigsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String topic(String key) {
        return "homeassistant/" + key + "/config";
    }

    @Test
    void everyTopicADeviceNamesIsConcrete() {
        HaConfigs c = new HaConfigs("homeassistant", 100, 1 << 20);
        for (String bad : new String[] {"{\"stat_t\":\"a\",\"avty_t\":\"#\"}", "{\"stat_t\":\"a\",\"avty\":[{\"t\":\"+/+\"}]}",
                "{\"stat_t\":\"a\",\"avty_t\":\"\"}", "{\"stat_t\":\"a\",\"avty_t\":\"a/#/b\"}", "{\"stat_t\":\"$SYS/x\"}",
                "{\"stat_t\":\"a\\u0000b\"}", "{\"stat_t\":\"a\",\"json_attr_t\":\"x/+\"}", "{\"stat_t\":\"a\",\"avty\":\"x\"}",
                "{\"stat_t\":\"a\",\"stat_t\":\"b\"}", "{\"stat_t\":\"a\",\"min\":1e309}",
                "{\"stat_t\":\"a\",\"avty_t\":\"x/\uFFFF\"}", "{\"stat_t\":\"a\\u0085\"}"}) {
            HaConfigs.Change ch = c.apply(topic("sensor/d/x"), b(bad), k -> false);
            assertThat(ch.warnings()).as(bad).singleElement().asString().contains("refused");
            assertThat(c.active("sensor/d/x")).as(bad).isNull();
        }
        assertThat(c.entries()).singleElement().extracting(HaConfigs.Entry::status).isEqualTo(HaConfigs.Status.REFUSED);
    }

    @Test
    void aRefusedConfigKeepsTheEntitysLastGoodOneAndSaysWhy() {
        HaConfigs c = new HaConfigs("homeassistant", 100, 1 << 20);
        c.apply(topic("sensor/d/x"), b("{\"stat_t\":\"d/x\"}"), k -> true);
        HaConfigs.Change ch = c.apply(topic("sensor/d/x"), b("{\"stat_t\":\"d/#\"}"), k -> true);
        assertThat(ch.activeChanged()).isFalse();
        assertThat(c.active("sensor/d/x").stateTopic()).isEqualTo("d/x");
        assertThat(c.entries().get(0).problem()).contains("wildcard");
    }

    @Test
    void theFirstOwnerOfAUniqueIdKeepsIt() {
        HaConfigs c = new HaConfigs("homeassistant", 100, 1 << 20);
        c.apply(topic("sensor/board/t"), b("{\"stat_t\":\"board/t\",\"uniq_id\":\"u1\"}"), k -> false);
        HaConfigs.Change rogue = c.apply(topic("sensor/rogue/t"), b("{\"stat_t\":\"rogue/t\",\"uniq_id\":\"u1\"}"), k -> false);
        assertThat(rogue.warnings()).singleElement().asString().contains("conflicts").contains("sensor/board/t");
        assertThat(c.byUniqueId("u1").key()).isEqualTo("sensor/board/t");
        assertThat(c.active("sensor/rogue/t")).isNull();
        assertThat(c.entries()).extracting(HaConfigs.Entry::status).containsExactly(HaConfigs.Status.OK, HaConfigs.Status.CONFLICT);
        // the owner removes its config: the id is free for the next claim
        c.apply(topic("sensor/board/t"), new byte[0], k -> false);
        c.apply(topic("sensor/rogue/t"), b("{\"stat_t\":\"rogue/t\",\"uniq_id\":\"u1\"}"), k -> false);
        assertThat(c.byUniqueId("u1").key()).isEqualTo("sensor/rogue/t");
    }

    @Test
    void theCapDropsTheOldestUnboundConfigsFirstWithAWarning() {
        HaConfigs c = new HaConfigs("homeassistant", 3, 1 << 20);
        Set<String> bound = Set.of("sensor/d/a");
        for (String k : new String[] {"a", "b", "c", "d", "e"}) {
            HaConfigs.Change ch = c.apply(topic("sensor/d/" + k), b("{\"stat_t\":\"d/" + k + "\"}"), bound::contains);
            if (k.equals("d") || k.equals("e")) {
                assertThat(ch.warnings()).singleElement().asString().contains("dropped");
            }
        }
        assertThat(c.entries()).extracting(HaConfigs.Entry::key).containsExactly("sensor/d/a", "sensor/d/d", "sensor/d/e");
        HaConfigs bytes = new HaConfigs("homeassistant", 100, 100);
        bytes.apply(topic("sensor/d/a"), b("{\"stat_t\":\"d/a\",\"name\":\"" + "x".repeat(40) + "\"}"), k -> false);
        bytes.apply(topic("sensor/d/b"), b("{\"stat_t\":\"d/b\",\"name\":\"" + "x".repeat(40) + "\"}"), k -> false);
        assertThat(bytes.entries()).extracting(HaConfigs.Entry::key).containsExactly("sensor/d/b");
        assertThat(bytes.bytes()).isLessThanOrEqualTo(100);
        assertThatThrownBy(() -> new HaConfigs("homeassistant", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathologicalTemplatesAreRefusedAtParseTime() {
        assertThatThrownBy(() -> ValueTemplate.parse("{{ value | float | round(3000000) }}"))
                .hasMessageContaining("round(3000000)").hasMessageContaining("at most 15");
        assertThatThrownBy(() -> ValueTemplate.parse("{{ value" + " | trim".repeat(300) + " }}")).hasMessageContaining("longer than");
        assertThat(ValueTemplate.parse("{{ value | float | round(2) }}").apply("1.005").text()).isEqualTo("1.01");
        assertThat(ValueTemplate.parse("{{ value | float }}").apply("1e309").ok()).isFalse();
        assertThat(ValueTemplate.parse("{{ value_json.v | float }}").apply("{\"v\":1e309}").ok()).isFalse();
        HaConfigs c = new HaConfigs("homeassistant", 100, 1 << 20);
        c.apply(topic("sensor/d/x"), b("{\"stat_t\":\"d/x\",\"val_tpl\":\"{{ value | round(3000000) }}\"}"), k -> false);
        assertThat(c.active("sensor/d/x").templateProblem()).contains("round(3000000)");
    }

    @Test
    void aDeviceBasedConfigCreatesEachComponentAndRemovesThoseItDropsOrEmpties() {
        HaConfigs c = new HaConfigs("homeassistant", 100, 1 << 20);
        HaConfigs.Change ch = c.apply(topic("device/tank1"), b("{\"dev\":{\"ids\":[\"aa01\"],\"name\":\"Tank 1\",\"mdl\":\"esp32\"},"
                + "\"o\":{\"name\":\"fw\"},\"~\":\"tank1\",\"avty_t\":\"~/status\",\"qos\":1,\"cmps\":{"
                + "\"level\":{\"p\":\"sensor\",\"name\":\"Level\",\"stat_t\":\"~/level\",\"unit_of_meas\":\"m\",\"dev_cla\":\"distance\"},"
                + "\"valve\":{\"p\":\"switch\",\"name\":\"Valve\",\"stat_t\":\"~/valve\",\"cmd_t\":\"~/valve/set\"},"
                + "\"bad\":{\"name\":\"no platform\"}}}"), k -> false);
        assertThat(ch.activeChanged()).isTrue();
        assertThat(ch.keys()).contains("sensor/tank1/level", "switch/tank1/valve");
        HaDiscovery.Entity level = c.active("sensor/tank1/level");
        assertThat(level.name()).isEqualTo("Level");
        assertThat(level.stateTopic()).isEqualTo("tank1/level");
        assertThat(level.unit()).isEqualTo("m");
        assertThat(level.deviceClass()).isEqualTo("distance");
        assertThat(level.device().name()).isEqualTo("Tank 1");
        assertThat(level.availability()).singleElement().extracting(HaDiscovery.Availability::topic).isEqualTo("tank1/status");
        assertThat(level.qos()).isEqualTo(1);
        assertThat(c.active("switch/tank1/valve").commandTopic()).isEqualTo("tank1/valve/set");
        assertThat(c.entries()).anySatisfy(e -> {
            assertThat(e.status()).isEqualTo(HaConfigs.Status.REFUSED);
            assertThat(e.problem()).contains("platform");
        });
        // the valve given only its platform: removed; a component no longer named: removed too
        ch = c.apply(topic("device/tank1"), b("{\"dev\":{\"ids\":[\"aa01\"]},\"o\":{\"name\":\"fw\"},\"cmps\":{"
                + "\"valve\":{\"p\":\"switch\"},\"temp\":{\"p\":\"sensor\",\"stat_t\":\"tank1/t\"}}}"), k -> false);
        assertThat(ch.removed()).extracting(HaDiscovery.Entity::key).containsExactlyInAnyOrder("switch/tank1/valve", "sensor/tank1/level");
        assertThat(c.active("sensor/tank1/temp")).isNotNull();
        ch = c.apply(topic("device/tank1"), new byte[0], k -> false);
        assertThat(ch.removed()).extracting(HaDiscovery.Entity::key).containsExactly("sensor/tank1/temp");
        assertThat(c.entries()).allMatch(e -> e.key().startsWith("device/") || e.status() != HaConfigs.Status.OK);
    }
}
