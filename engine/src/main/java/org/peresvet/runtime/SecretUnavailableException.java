package org.peresvet.runtime;

/** A sealed secret cannot be opened: the project's key is not on this machine, or it is another key. */
public final class SecretUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SecretUnavailableException(String message) {
        super(message);
    }
}
