package org.peresvet.security;

/** A refused call: nothing changed. The message names the user, the missing permission and the target. */
public final class AccessDeniedException extends SecurityException {
    private final Permission permission;

    public AccessDeniedException(Permission permission, String message) {
        super(message);
        this.permission = permission;
    }

    /** The permission the caller lacks. */
    public Permission permission() {
        return permission;
    }
}
