package org.peresvet.model;

import java.util.Locale;

/** Where a tag's values come from. */
public enum SourceKind {
    /** Written by an operator, the API or a method. */
    MANUAL,
    /** The built-in function generator; its {@link SimulatorSpec} is the tag's source config. */
    SIMULATED,
    /** A connector binding; the binding is the tag's source config (connectors come later). */
    CONNECTOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown source '" + text + "' (expected manual, simulated or connector)");
        }
    }
}
