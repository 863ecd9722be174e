package org.peresvet.runtime;

import java.util.UUID;

/**
 * A schedule fired, published on the engine's bus. {@code time} is the scheduled instant (µs),
 * not the moment it was noticed; {@code catchUp} marks the one run made after a restart for
 * ticks missed while the engine was stopped (policy run-once).
 */
public record ScheduleTick(UUID scheduleId, String name, long time, boolean catchUp) implements EngineEvent {
}
