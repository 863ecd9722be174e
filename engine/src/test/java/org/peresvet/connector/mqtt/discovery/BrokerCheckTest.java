package org.peresvet.connector.mqtt.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The causes "Test connection" names, from the exceptions the MQTT client throws; an unknown
 * host without asking DNS (a lookup of an unknown name can take seconds on a busy machine).
 */
class BrokerCheckTest {

    @Test
    void causesAreNamedFromTheClientsExceptions() {
        assertThat(BrokerCheck.classify(new MqttException(32103, new UnknownHostException("no-such-host"))).outcome())
                .isEqualTo(BrokerCheck.Outcome.UNKNOWN_HOST);
        assertThat(BrokerCheck.classify(new MqttException(32103, new ConnectException("Connection refused"))).outcome())
                .isEqualTo(BrokerCheck.Outcome.REFUSED);
        assertThat(BrokerCheck.classify(new MqttException(32103, new SocketTimeoutException("connect timed out"))).outcome())
                .isEqualTo(BrokerCheck.Outcome.TIMEOUT);
        assertThat(BrokerCheck.classify(new MqttException(134)).outcome()).isEqualTo(BrokerCheck.Outcome.BAD_CREDENTIALS);
    }
}
