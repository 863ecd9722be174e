package org.peresvet.broker;

/**
 * What the status bar and {@code /metrics} show of the built-in broker.
 *
 * @param tlsPort    0 when there is no TLS listener
 * @param messagesIn PUBLISH packets received since start
 * @param error      why it failed, or null
 */
public record BrokerStatus(BuiltInBroker.State state, String bindAddress, int port, int tlsPort, long clients, long messagesIn,
                           String error) {
}
