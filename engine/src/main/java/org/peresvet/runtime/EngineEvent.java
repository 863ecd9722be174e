package org.peresvet.runtime;

/** An event on the engine's bus: alarm transitions, schedule ticks, method results, … */
public interface EngineEvent {
    /** When it happened, microseconds since the epoch. */
    long time();
}
