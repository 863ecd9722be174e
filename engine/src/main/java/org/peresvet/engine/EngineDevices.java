package org.peresvet.engine;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorManager;
import org.peresvet.connector.NamedStatus;
import org.peresvet.model.Actor;
import org.peresvet.runtime.WriteResult;

/** The facade's device view over the connectors' runtime: the actor's name is recorded in the write event. */
final class EngineDevices implements DeviceWrites {
    private final ConnectorManager connectors;

    EngineDevices(ConnectorManager connectors) {
        this.connectors = connectors;
    }

    @Override
    public CompletableFuture<WriteResult> write(UUID tagId, Object value, Actor actor) {
        return connectors.write(tagId, value, actor == null ? null : actor.name());
    }

    @Override
    public List<NamedStatus> connectors() {
        return connectors.statuses();
    }

    @Override
    public List<ConnectorLogLine> log(UUID connectorId) {
        return connectors.log(connectorId);
    }
}
