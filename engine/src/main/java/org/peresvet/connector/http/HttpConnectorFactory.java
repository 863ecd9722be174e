package org.peresvet.connector.http;

import org.peresvet.connector.Connector;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorFactory;
import org.peresvet.model.ConnectorDef;

/** Kind {@code http}: polls JSON endpoints (ESPHome web server, Tasmota) and follows ESPHome's event stream. */
public final class HttpConnectorFactory implements ConnectorFactory {
    @Override
    public String kind() {
        return "http";
    }

    @Override
    public Connector create(ConnectorDef def, ConnectorContext context) {
        return new HttpConnector(def, HttpConfig.parse(def.configJson()), context);
    }
}
