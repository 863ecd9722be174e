package org.peresvet.screen;

import java.util.Objects;

/**
 * What a control writes: to the tag at {@code tag} (absolute path, macros allowed), the fixed
 * {@code value} (a command button, e.g. "1" to start) or, when {@code value} is null, the value the
 * operator enters (a setpoint entry) or the opposite of the current one (a toggle). Every write goes
 * through the device-write path after a confirmation that shows the old and the new value.
 */
public record CommandDef(String tag, String value) {

    public CommandDef {
        Objects.requireNonNull(tag, "tag");
        if (tag.isBlank()) {
            throw new IllegalArgumentException("a command names the tag it writes");
        }
    }

    /** Writes what the operator enters (or toggles). */
    public static CommandDef entered(String tag) {
        return new CommandDef(tag, null);
    }
}
