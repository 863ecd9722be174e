package org.peresvet.security;

import java.util.Objects;
import java.util.UUID;

/**
 * A user's role below one object: it replaces the role inherited from above for the object and
 * its whole subtree, down to the next rule. The nearest rule above an object wins.
 */
public record SubtreeRule(UUID objectId, String role) {
    public SubtreeRule {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(role, "role");
    }
}
