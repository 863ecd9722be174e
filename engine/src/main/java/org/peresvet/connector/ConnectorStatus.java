package org.peresvet.connector;

/**
 * A connector's state for the UI, the API and tests.
 *
 * @param reason      why it is in this state (error text, "connecting to tcp://..."); may be empty
 * @param sinceMicros when it entered the state
 * @param messagesIn  messages received from devices so far
 * @param errors      rejected messages and failed sends so far
 */
public record ConnectorStatus(ConnectorState state, String reason, long sinceMicros, long messagesIn, long errors) {
    public ConnectorStatus {
        reason = reason == null ? "" : reason;
    }
}
