package org.peresvet.engine;

import java.util.Optional;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.broker.BrokerException;
import org.peresvet.broker.BrokerStatus;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.BrokerCheck;

/** The project's built-in MQTT broker and the boards on any broker (the connector wizard's view). */
public interface Brokers {

    /** The built-in broker's settings ({@code broker.json}; off when there is none). */
    BrokerConfig config();

    /**
     * Saves the built-in broker's settings and restarts it with them (stops it when switched off).
     * Takes a second or more: call it off the UI thread.
     *
     * @return its status, or null when switched off
     * @throws BrokerException naming why it did not start (port in use, key store unreadable…)
     */
    BrokerStatus configure(BrokerConfig config);

    /** The built-in broker's state, clients and messages, when it is switched on. */
    Optional<BrokerStatus> status();

    /** MQTT settings with which the engine reaches its own running broker (its own user), if it runs. */
    Optional<MqttSettings> builtInSettings();

    /**
     * Starts listing the boards on a broker: Home Assistant discovery (ESPHome, Tasmota, device-based
     * configs), Tasmota's own discovery and Peresvet-protocol connectors. It asks the boards to
     * announce themselves once connected. Close it when done.
     */
    BoardDiscovery discoverBoards(MqttSettings settings);

    /** One connect to a broker, with the cause named when it fails (refused, unknown host, certificate, credentials, timeout). */
    default BrokerCheck.Result check(MqttSettings settings) {
        return BrokerCheck.check(settings);
    }
}
