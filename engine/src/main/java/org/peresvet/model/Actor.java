package org.peresvet.model;

import java.util.Objects;

/**
 * Who asks the engine to change something, and from where: every call that changes the model,
 * writes a value, commands an alarm or runs a method takes one, and the engine records its name
 * where it records a user (alarm journal, write events, later the audit trail).
 *
 * @param name   the person's or service's name as recorded ("operator", "grafana", "system")
 * @param origin where the request came from: "workstation", "api 127.0.0.1", "cli", "method Pump/Start"…
 * @param role   the role the security layer granted (null until users and roles exist)
 * @param kind   a person, a service principal (may act on behalf of a named user) or the engine itself
 * @param reason why the person makes this change (null: none given); some projects require one
 *               for some actions or subtrees, and the audit record keeps it
 */
public record Actor(String name, String origin, String role, Kind kind, String reason) {

    /** A person, a service principal (a script, a gateway) or the engine's own logic. */
    public enum Kind { PERSON, SERVICE, SYSTEM }

    /** The engine itself: methods, schedules, connectors' own confirmations, start-up. */
    public static final Actor SYSTEM = new Actor("system", "engine", null, Kind.SYSTEM);

    public Actor(String name, String origin, String role, Kind kind) {
        this(name, origin, role, kind, null);
    }

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** The same actor giving a reason for the call it makes (blank: none). */
    public Actor withReason(String text) {
        return new Actor(name, origin, role, kind, text);
    }

    /** A person at the workstation on this PC. */
    public static Actor workstation(String user) {
        return new Actor(user, "workstation", null, Kind.PERSON);
    }

    /** A person using the command line on this PC. */
    public static Actor cli(String user) {
        return new Actor(user, "cli", null, Kind.PERSON);
    }

    /**
     * The actor a request body may name: only a service principal may act on behalf of another
     * name; anyone else stays themselves whatever the body says.
     */
    public Actor onBehalfOf(String user) {
        if (kind != Kind.SERVICE || user == null || user.isBlank()) {
            return this;
        }
        return new Actor(user, origin + " via " + name, role, Kind.PERSON, reason);
    }
}
