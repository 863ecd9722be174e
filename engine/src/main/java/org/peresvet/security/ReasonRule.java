package org.peresvet.security;

import java.util.Objects;
import java.util.UUID;

/**
 * "A reason is required": a call that needs {@code permission} on the object (and its whole
 * subtree; null: anywhere in the project) is refused unless the caller says why.
 */
public record ReasonRule(Permission permission, UUID objectId) {
    public ReasonRule {
        Objects.requireNonNull(permission, "permission");
    }

    /** "WRITE_VALUES *" or "WRITE_VALUES 4f…": how the rule is kept in the security settings. */
    String stored() {
        return permission.name() + " " + (objectId == null ? "*" : objectId.toString());
    }

    static ReasonRule parse(String text) {
        String[] p = text.strip().split(" ");
        return new ReasonRule(Permission.valueOf(p[0]), p.length < 2 || p[1].equals("*") ? null : UUID.fromString(p[1]));
    }
}
