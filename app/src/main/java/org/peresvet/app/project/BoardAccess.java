package org.peresvet.app.project;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.broker.BrokerStatus;
import org.peresvet.connector.http.HttpBoardProbe;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.BrokerCheck;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;

/**
 * What the connector wizard needs of the project: its built-in broker, a connection test and a
 * board scan. Toolkit-free; every call may block (off the FX thread).
 */
public interface BoardAccess {

    /** The built-in broker's settings (off when the project has none). */
    BrokerConfig brokerConfig();

    /** Saves and (re)starts the built-in broker; null when switched off. */
    BrokerStatus configureBroker(BrokerConfig config);

    /** The built-in broker's state, when switched on. */
    Optional<BrokerStatus> brokerStatus();

    /** How the engine reaches its own running broker. */
    Optional<MqttSettings> builtInBrokerSettings();

    /** One connect, with the cause named when it fails. */
    BrokerCheck.Result check(MqttSettings settings);

    /** Starts listing the boards on a broker; the caller closes it. */
    BoardDiscovery discover(MqttSettings settings);

    /** A board by its address over HTTP (ESPHome web server or Tasmota), with its entities. */
    default DiscoveredBoard probeHttp(String address) throws IOException {
        return HttpBoardProbe.probe(address, Duration.ofSeconds(3));
    }
}
