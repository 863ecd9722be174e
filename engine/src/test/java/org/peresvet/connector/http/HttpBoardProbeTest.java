package org.peresvet.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;

/** A board by its address: a local HTTP server that answers like Tasmota, like an ESPHome web server, and nothing at all. */
class HttpBoardProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void tasmotaAnswersStatusZeroWithRelaysAndSensors() throws Exception {
        try (FakeHttpDevice dev = new FakeHttpDevice(FakeHttpDevice.freePort()).start()) {
            DiscoveredBoard b = HttpBoardProbe.probe("127.0.0.1:" + dev.port, TIMEOUT);
            assertThat(b.flavor()).isEqualTo(HttpBoardProbe.TASMOTA);
            assertThat(b.name()).isEqualTo("Well pump");
            assertThat(b.firmware()).isEqualTo("Tasmota 14.1.0(tasmota)");
            assertThat(b.id()).isEqualTo("A4CF12004711");
            assertThat(b.device()).isEqualTo(dev.url() + "/");
            DiscoveredEntity power = b.entities().stream().filter(e -> e.component().equals("switch")).findFirst().orElseThrow();
            assertThat(power.stateTopic()).isEqualTo("/cm?cmnd=Power");
            assertThat(power.jsonPath()).isEqualTo("$.POWER");
            assertThat(power.commandTopic()).isEqualTo("/cm?cmnd=Power%20{on_off}");
            assertThat(b.entities()).anyMatch(e -> e.jsonPath().equals("$.StatusSNS.DS18B20.Temperature") && "°C".equals(e.unit()))
                    .anyMatch(e -> e.jsonPath().equals("$.StatusSNS.ENERGY.Current") && "A".equals(e.unit()))
                    .noneMatch(e -> e.jsonPath().contains("Time"));
        }
    }

    @Test
    void esphomeWebServerListsItsEntitiesOnEvents() throws Exception {
        try (FakeHttpDevice dev = new FakeHttpDevice(FakeHttpDevice.freePort()).start()) {
            dev.tasmotaStatus = false;
            DiscoveredBoard b = HttpBoardProbe.probe(dev.url(), TIMEOUT);
            assertThat(b.flavor()).isEqualTo(HttpBoardProbe.ESPHOME);
            assertThat(b.name()).isEqualTo("fake");
            assertThat(b.entities()).extracting(DiscoveredEntity::key).containsExactly("sensor/temperature", "switch/relay");
            DiscoveredEntity t = b.entities().get(0);
            assertThat(t.stateTopic()).isEqualTo("/sensor/temperature");
            assertThat(t.jsonPath()).isEqualTo("$.value");
            assertThat(t.unit()).isEqualTo("°C");
            assertThat(t.commandTopic()).isNull();
            assertThat(b.entities().get(1).commandTopic()).isEqualTo("POST /switch/relay/turn_{on_off_lower}");
        }
    }

    @Test
    void nothingListeningIsSaidPlainly() throws Exception {
        int closed = FakeHttpDevice.freePort();
        assertThatThrownBy(() -> HttpBoardProbe.probe("127.0.0.1:" + closed, TIMEOUT)).isInstanceOf(IOException.class)
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> HttpBoardProbe.probe(" ", TIMEOUT)).hasMessageContaining("address");
    }
}
