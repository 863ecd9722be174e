package org.peresvet.connector;

/** Where a connector stands. */
public enum ConnectorState {
    /** Not running (disabled, closed, or not started yet). */
    STOPPED,
    /** Connecting or reconnecting (with backoff) in the background. */
    CONNECTING,
    CONNECTED,
    /** Cannot work until its configuration changes (bad config, unknown kind) or a fault it reports. */
    ERROR
}
