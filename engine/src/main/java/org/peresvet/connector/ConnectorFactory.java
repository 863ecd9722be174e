package org.peresvet.connector;

import org.peresvet.model.ConnectorDef;

/**
 * Creates connectors of one kind. Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.peresvet.connector.ConnectorFactory}, one per kind.
 */
public interface ConnectorFactory {

    /** The kind this factory serves, as in {@link ConnectorDef#kind()}: {@code mqtt}, {@code http}. */
    String kind();

    /**
     * Creates (does not start) a connector. Cheap and without I/O.
     *
     * @throws IllegalArgumentException for a bad config, with a clear reason (the connector is shown in ERROR)
     */
    Connector create(ConnectorDef def, ConnectorContext context);
}
