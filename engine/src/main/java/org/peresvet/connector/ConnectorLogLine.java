package org.peresvet.connector;

/** One line of a connector's log: when (µs), level (ERROR, WARN, INFO, DEBUG) and text. */
public record ConnectorLogLine(long time, String level, String text) {
}
