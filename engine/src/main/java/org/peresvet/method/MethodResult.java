package org.peresvet.method;

import java.util.UUID;
import org.peresvet.runtime.EngineEvent;

/**
 * A method ran, published on the engine's bus: {@code failure} is null on success, else the
 * reason (the target tag then got quality 103). {@code value} is what was written, if anything.
 */
public record MethodResult(UUID methodId, String name, long time, String initiator, Object value, String failure)
        implements EngineEvent {

    public boolean ok() {
        return failure == null;
    }
}
