package org.peresvet.connector.mqtt;

import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorFactory;
import org.peresvet.model.ConnectorDef;

/** Kind {@code mqtt}: see {@link MqttConnectorConfig} for the config and docs/mqtt.md for bindings. */
public final class MqttConnectorFactory implements ConnectorFactory {
    public static final String KIND = "mqtt";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Connector create(ConnectorDef def, ConnectorContext context) {
        return new MqttConnector(context, MqttConnectorConfig.of(def));
    }
}
