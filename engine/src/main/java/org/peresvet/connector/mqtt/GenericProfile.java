package org.peresvet.connector.mqtt;

import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;

/** Plain MQTT: the address is a topic filter (wildcards allowed), the command a topic. */
final class GenericProfile extends ProfileHandler {
    GenericProfile(ConnectorContext ctx, MqttConnectorConfig config) {
        super(ctx, config);
    }

    @Override
    String stateTopic(Binding b) {
        return b.address();
    }
}
