package org.peresvet.runtime;

import java.util.function.Consumer;

/**
 * The listening side of the engine's event bus (alarm transitions, schedule ticks, method results,
 * device writes): what the facade hands out, so only the engine's own parts publish.
 */
@FunctionalInterface
public interface EventSource {

    /** Receives every published event of {@code type} (and its subtypes), in publishing order, on a bus thread. */
    <E extends EngineEvent> Subscription subscribe(Class<E> type, Consumer<? super E> handler);
}
