package org.peresvet.runtime;

import java.util.UUID;

/**
 * A write to a device and its outcome, published on the engine's bus once the result is known
 * (the security capability turns it into the audit trail). It lives here so any capability can
 * listen without depending on the connectors.
 *
 * @param user     who asked: an operator's name, "method:&lt;name&gt;", "api", ...; null when unknown
 * @param oldValue the tag's value before the write (may be null)
 * @param newValue the value written
 */
public record DeviceWriteEvent(long time, UUID tagId, String tagPath, String user, Object oldValue, Object newValue,
                               WriteResult result) implements EngineEvent {

    /** One line for logs and the journal: who, what, old → new, result. */
    public String describe() {
        return (user == null ? "unknown" : user) + " wrote " + tagPath + ": " + oldValue + " -> " + newValue + ": "
                + result.status() + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")")
                + " in " + result.durationMicros() / 1000 + " ms";
    }
}
