package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.peresvet.model.ConnectorDef;

class MqttConnectorConfigTest {
    private static MqttConnectorConfig of(String json) {
        return MqttConnectorConfig.of(ConnectorDef.create("c", "mqtt", json));
    }

    @Test
    void readsEveryFieldWithDefaults() {
        MqttConnectorConfig c = of("{\"url\":\"ssl://broker.plant:8883\",\"profile\":\"Home-Assistant\",\"username\":\"u\","
                + "\"password\":\"p\",\"keepAlive\":15,\"cleanSession\":false,\"qos\":0,\"discoveryPrefix\":\"ha\","
                + "\"tls\":{\"ca\":\"/etc/ca.pem\",\"verifyHostname\":false}}");
        assertThat(c.profile()).isEqualTo(MqttConnectorConfig.Profile.HOMEASSISTANT);
        assertThat(c.settings().brokerUrl()).isEqualTo("ssl://broker.plant:8883");
        assertThat(c.settings().isTls()).isTrue();
        assertThat(c.settings().tls().ca()).isEqualTo("/etc/ca.pem");
        assertThat(c.settings().tls().verifyHostname()).isFalse();
        assertThat(c.settings().keepAliveSeconds()).isEqualTo(15);
        assertThat(c.settings().cleanSession()).isFalse();
        assertThat(c.settings().clientId()).startsWith("peresvet-");
        assertThat(c.settings().toString()).doesNotContain("p]").contains("user=u");
        assertThat(c.qos()).isZero();
        assertThat(c.discoveryPrefix()).isEqualTo("ha");
        MqttConnectorConfig d = of("{\"broker\":\"tcp://127.0.0.1:1883\"}");
        assertThat(d.profile()).isEqualTo(MqttConnectorConfig.Profile.GENERIC);
        assertThat(d.qos()).isEqualTo(1);
        assertThat(d.settings().maxPayloadBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void refusesBadFieldsByName() {
        assertThatThrownBy(() -> of("{}")).hasMessageContaining("broker: missing");
        assertThatThrownBy(() -> of("{\"broker\":\"tcp://h:1\",\"profile\":\"zigbee\"}")).hasMessageContaining("profile: 'zigbee'");
        assertThatThrownBy(() -> of("{\"broker\":\"tcp://h:1\",\"profile\":\"tasmota\"}")).hasMessageContaining("device:");
        assertThatThrownBy(() -> of("{\"broker\":\"tcp://h:1\",\"profile\":\"esphome\",\"device\":\"a/#\"}")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> of("{\"broker\":\"tcp://h:1\",\"qos\":3}")).hasMessageContaining("qos: 3");
        assertThatThrownBy(() -> of("{\"broker\":\"tcp://h:1\",\"keepAlive\":\"soon\"}")).hasMessageContaining("keepAlive");
        assertThatThrownBy(() -> of("{\"broker\":\"tcp://h:1\",\"tls\":{\"clientCert\":\"x.pem\"}}")).hasMessageContaining("go together");
    }
}
