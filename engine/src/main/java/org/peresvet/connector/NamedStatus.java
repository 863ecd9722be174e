package org.peresvet.connector;

import java.util.UUID;

/** A connector's status with its identity, as {@code Engine.connectors()} lists it. */
public record NamedStatus(UUID id, String name, String kind, boolean enabled, int boundTags, ConnectorStatus status) {
}
