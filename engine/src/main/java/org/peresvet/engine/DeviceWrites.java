package org.peresvet.engine;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.NamedStatus;
import org.peresvet.model.Actor;
import org.peresvet.runtime.WriteResult;

/** Commands to devices behind connectors, and the connectors' states and logs. */
public interface DeviceWrites {

    /**
     * Writes a value to the device behind a connector tag; the future completes CONFIRMED only when
     * the device echoes it back within the binding's timeout (default 5 s), otherwise with the
     * reason. Every write is a {@link org.peresvet.runtime.DeviceWriteEvent} on the bus, naming the actor.
     */
    CompletableFuture<WriteResult> write(UUID tagId, Object value, Actor actor);

    /** Every connector of the project with its status (state, reason, counts), sorted by name. */
    List<NamedStatus> connectors();

    /** The last lines of a connector's log, oldest first. */
    List<ConnectorLogLine> log(UUID connectorId);
}
