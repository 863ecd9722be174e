package org.peresvet.security;

/** A refused call: a rule of the project wants a reason for it and none was given. Nothing changed. */
public final class ReasonRequiredException extends SecurityException {
    private final transient ReasonRule rule;

    public ReasonRequiredException(ReasonRule rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule that asks for a reason. */
    public ReasonRule rule() {
        return rule;
    }
}
