package org.peresvet.engine;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.peresvet.connector.ConnectorLogLine;
import org.peresvet.connector.ConnectorManager;
import org.peresvet.connector.NamedStatus;
import org.peresvet.model.Actor;
import org.peresvet.runtime.WriteResult;
import org.peresvet.security.Permission;

/** The facade's device view over the connectors' runtime: the actor's name is recorded in the write event. */
final class EngineDevices implements DeviceWrites {
    private final ConnectorManager connectors;

    private final Guard guard;

    EngineDevices(ConnectorManager connectors, Guard guard) {
        this.connectors = connectors;
        this.guard = guard;
    }

    /**
     * Checks WRITE_VALUES on the tag's object; the audit record is written when the device has
     * answered (confirmed, refused or timed out), so it says how the write ended.
     */
    @Override
    public CompletableFuture<WriteResult> write(UUID tagId, Object value, Actor actor) {
        if (actor == null) {
            throw new IllegalArgumentException("a device write needs an actor");
        }
        Guard.What what = new Guard.What("device.write", guard.tagPath(tagId), null, String.valueOf(value), null);
        guard.admit(actor, List.of(new Guard.Need(Permission.WRITE_VALUES, guard.objectOfTag(tagId))), what);
        guard.security().audit().checkAccepting();
        CompletableFuture<WriteResult> f;
        try {
            f = connectors.write(tagId, value, actor.name());
        } catch (RuntimeException e) {
            guard.record(actor, what, "failed: " + e.getMessage());
            throw e;
        }
        return f.whenComplete((r, err) -> guard.record(actor, what,
                err != null ? "failed: " + err.getMessage() : String.valueOf(r)));
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
