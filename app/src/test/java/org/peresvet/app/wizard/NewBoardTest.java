package org.peresvet.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.app.wizard.NewBoard.Component;
import org.peresvet.app.wizard.NewBoard.Kind;

/** "New board": the ESPHome YAML parses and says what a flashed board needs to be found by the wizard. */
class NewBoardTest {
    private static final List<Component> PARTS = List.of(new Component(Kind.RELAY, "Pump", 26),
            new Component(Kind.ANALOG_INPUT, "Tank level", 34), new Component(Kind.DS18B20, "Water", 4),
            new Component(Kind.DHT22, "Cabinet", 17), new Component(Kind.DIGITAL_INPUT, "Fault \"A\"", 13));

    @Test
    void yamlParsesWithWifiPlaceholdersMqttDiscoveryAndThePins() throws Exception {
        String yaml = NewBoard.yaml("garden-pump", new NewBoard.Broker("192.168.1.10", 1883, "board", "s3cr:et #1"), PARTS);
        JsonNode y = new YAMLMapper().readTree(yaml);
        assertThat(y.at("/esphome/name").asText()).isEqualTo("garden-pump");
        assertThat(y.at("/wifi/ssid").asText()).isEqualTo("YOUR_WIFI_NAME");
        assertThat(y.at("/mqtt/broker").asText()).isEqualTo("192.168.1.10");
        assertThat(y.at("/mqtt/port").asInt()).isEqualTo(1883);
        assertThat(y.at("/mqtt/password").asText()).isEqualTo("s3cr:et #1");
        assertThat(y.at("/mqtt/discovery").asBoolean()).isTrue();
        assertThat(y.at("/mqtt/discovery_unique_id_generator").asText()).isEqualTo("mac");
        assertThat(y.at("/switch/0/pin").asText()).isEqualTo("GPIO26");
        assertThat(y.at("/switch/0/name").asText()).isEqualTo("Pump");
        assertThat(y.at("/sensor")).hasSize(3);
        assertThat(y.at("/sensor/0/platform").asText()).isEqualTo("adc");
        assertThat(y.at("/sensor/1/one_wire_id").asText()).isEqualTo(y.at("/one_wire/0/id").asText());
        assertThat(y.at("/sensor/2/humidity/name").asText()).isEqualTo("Cabinet Humidity");
        assertThat(y.at("/binary_sensor/0/name").asText()).isEqualTo("Fault \"A\"");
        assertThat(y.at("/binary_sensor/0/pin/number").asText()).isEqualTo("GPIO13");
        // without a password the YAML says where it goes
        assertThat(new YAMLMapper().readTree(NewBoard.yaml("b", new NewBoard.Broker("h", 1883, "board", ""), List.of()))
                .at("/mqtt/password").asText()).isEqualTo("BOARD_PASSWORD");
    }

    @Test
    void problemsAreNamed() {
        assertThat(NewBoard.problem("garden-pump", PARTS)).isNull();
        assertThat(NewBoard.problem("Garden Pump", PARTS)).contains("name");
        assertThat(NewBoard.problem("b", List.of(new Component(Kind.RELAY, "A", 26), new Component(Kind.RELAY, "B", 26))))
                .contains("GPIO26 is used twice");
        assertThat(NewBoard.problem("b", List.of(new Component(Kind.ANALOG_INPUT, "A", 4)))).contains("ADC1");
        assertThat(NewBoard.problem("b", List.of(new Component(Kind.RELAY, "A", 35)))).contains("input only");
        assertThat(NewBoard.problem("b", List.of(new Component(Kind.RELAY, "A", 7)))).contains("not free");
    }
}
