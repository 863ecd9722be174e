package org.peresvet.connector.mqtt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds generated payloads (valid, truncated, mutated, random bytes, deep nesting, huge numbers,
 * non-UTF-8) to every profile parser: none may throw, and each answer is a value or a reason.
 */
class ProfileFuzzTest {
    private static final int ROUNDS = 12_000;
    private static final List<String> SEEDS = List.of(
            "21.5", "ON", "OFF", "nan", "online", "offline", "Online", "Offline", "", "-0", "1e308", "1e999", "NaN",
            "{\"POWER\":\"ON\"}", "{\"DS18B20\":{\"Temperature\":21.5},\"TempUnit\":\"C\"}",
            "{\"data\":[{\"tagId\":\"5f0c7c1e-0000-4000-8000-000000000001\",\"data\":[[1700000000000000,1.5,0],[2]]}]}",
            "{\"action\":\"getConfig\",\"data\":{\"id\":\"x\"}}",
            "{\"action\":\"prsConnector.log_line\",\"data\":{\"level\":\"INFO\",\"message\":\"m\"}}",
            "{\"name\":\"T\",\"stat_t\":\"~/s\",\"~\":\"b\",\"dev\":{\"ids\":[\"1\"]},\"min\":0,\"max\":\"9\",\"avty\":[{\"t\":\"~/a\"}]}",
            "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "\"str\"", "null", "true");
    private static final List<String> TEMPLATES = List.of("{{ value }}", "{{ value_json.POWER }}", "{{ value | float }}",
            "{{ value_json.DS18B20.Temperature | round(1) }}", "{{ value_json['a b'] | int(0) }}", "{{ value_json.data[0].tagId }}");

    @Test
    void everyParserAnswersEveryPayload() {
        Random rnd = new Random(20261127);
        List<ValueTemplate> templates = TEMPLATES.stream().map(ValueTemplate::parse).toList();
        int values = 0;
        int reasons = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] p = payload(rnd);
            String text = new String(p, StandardCharsets.UTF_8);
            for (String component : List.of("sensor", "switch", "binary_sensor", "text_sensor", "number")) {
                Reading r = EspHome.state(component, p);
                assertThat(r.ok() ^ r.rejection() != null).isTrue();
                if (r.ok()) {
                    values++;
                } else {
                    reasons++;
                }
            }
            EspHome.availability(p);
            Reading pw = Tasmota.power(p);
            assertThat(pw.ok() ^ pw.rejection() != null).isTrue();
            Tasmota.flatten(p);
            Tasmota.powers(p);
            Tasmota.lwt(p);
            HaDiscovery.Message m = HaDiscovery.parse("homeassistant", "homeassistant/sensor/n/o/config", p);
            assertThat(m).isNotNull().isNotInstanceOf(HaDiscovery.NotDiscovery.class);
            if (m instanceof HaDiscovery.Rejected rej) {
                assertThat(rej.reason()).isNotBlank();
            }
            PeresvetProtocol.ConnectorMessage cm = PeresvetProtocol.parseConnectorMessage("conn2prs/x", p);
            if (cm instanceof PeresvetProtocol.Rejected rej) {
                assertThat(rej.reason()).isNotBlank();
            }
            PeresvetProtocol.Data d = PeresvetProtocol.parseData(p, 1L);
            assertThat(d.samples().isEmpty() && d.problems().isEmpty() && !text.contains("[]")).as(text).isFalse();
            PeresvetProtocol.lostId("prsConnector/connection_lost/", p);
            for (ValueTemplate t : templates) {
                ValueTemplate.Result r = t.apply(text);
                assertThat(r.ok() ? r.text() : r.rejection()).isNotNull();
            }
            try {
                ValueTemplate.parse(text);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).contains("value_template");
            }
        }
        assertThat(values).isPositive();
        assertThat(reasons).isPositive();
    }

    private static byte[] payload(Random rnd) {
        int kind = rnd.nextInt(6);
        byte[] seed = SEEDS.get(rnd.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
        switch (kind) {
            case 0:
                return seed;
            case 1: { // truncated
                return java.util.Arrays.copyOf(seed, seed.length == 0 ? 0 : rnd.nextInt(seed.length));
            }
            case 2: { // mutated bytes
                byte[] m = seed.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4) && m.length > 0; k++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
                return m;
            }
            case 3: { // random bytes
                byte[] r = new byte[rnd.nextInt(64)];
                rnd.nextBytes(r);
                return r;
            }
            case 4: { // random printable text with JSON punctuation
                StringBuilder sb = new StringBuilder();
                String alphabet = "{}[]\":,.0123456789eE+-truefalsnON ~/{{}}|";
                for (int k = rnd.nextInt(40); k > 0; k--) {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            default: { // deep nesting
                int depth = 1 + rnd.nextInt(2000);
                return ("[".repeat(depth) + "1" + "]".repeat(rnd.nextBoolean() ? depth : depth / 2)).getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
