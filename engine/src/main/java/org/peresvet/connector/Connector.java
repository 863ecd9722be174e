package org.peresvet.connector;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A running connector: one instance per {@link org.peresvet.model.ConnectorDef}, created by its
 * kind's {@link ConnectorFactory}. It reports values and connection changes through its
 * {@link ConnectorContext}; the connector manager turns those into samples with the right quality.
 * A changed definition closes the instance and creates a new one.
 */
public interface Connector extends AutoCloseable {

    /** Non-blocking: connects in the background and reconnects with backoff until closed. */
    void start();

    /** Live: the connector's bindings after a model change (all of them, replacing the previous list). */
    void bindingsChanged(List<Binding> bindings);

    /**
     * Sends a command for a write (publish, HTTP request). Completes when SENT, not when the device
     * confirmed (the manager waits for the echo); fails when it cannot be sent (not connected...).
     *
     * @param value the value in the tag's Java form; render with {@link org.peresvet.connector.payload.CommandPayload}
     */
    CompletableFuture<Void> send(Binding binding, Object value);

    ConnectorStatus status();

    /**
     * The connector was removed from the project (not just stopped or reconfigured): tell the
     * device side when the protocol has a word for it. Called before {@link #close()}; may block
     * briefly (a second or two), never throws.
     */
    default void deleted() {
    }

    /** Stops and releases threads and sockets; idempotent; never throws. */
    @Override
    void close();

    /** A convenience for implementations: a future failed with the reason. */
    static CompletableFuture<Void> failed(String reason) {
        return CompletableFuture.failedFuture(new IllegalStateException(reason));
    }
}
