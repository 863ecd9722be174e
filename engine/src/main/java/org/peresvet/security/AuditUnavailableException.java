package org.peresvet.security;

/**
 * The audit trail cannot be written (a full or failing disk) and already keeps as many records in
 * memory as it may: an audited change is refused before anything changes, because a change that
 * cannot be recorded must not happen (21 CFR Part 11 §11.10(e)). Accepted again once the trail
 * is written.
 */
public final class AuditUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message) {
        super(message);
    }
}
