package org.peresvet.security;

/** A login that did not succeed, with a message fit to show the person (never which half was wrong). */
public final class LoginException extends Exception {
    private final boolean unreachable;

    public LoginException(String message, boolean unreachable) {
        super(message, null, false, false);
        this.unreachable = unreachable;
    }

    /** True when the directory could not be reached (not a wrong name or password). */
    public boolean unreachable() {
        return unreachable;
    }
}
