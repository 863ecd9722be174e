package org.peresvet.security;

/** A refused call: a rule of the project wants a reason for it and none was given. Nothing changed. */
public final class ReasonRequiredException extends SecurityException {
    private final transient ReasonRule rule;
    private final String where;

    public ReasonRequiredException(ReasonRule rule, String message) {
        this(rule, null, message);
    }

    /** @param where the path of the rule's object as the person reads it ("/Plant/AreaA"); null: the whole project */
    public ReasonRequiredException(ReasonRule rule, String where, String message) {
        super(message);
        this.rule = rule;
        this.where = where;
    }

    /** The rule that asks for a reason. */
    public ReasonRule rule() {
        return rule;
    }

    /** The rule as a person reads it: "EDIT_MODEL /Plant/AreaA", or "ACK_ALARMS" for the whole project. */
    public String describe() {
        return rule.permission().name() + (where == null || rule.objectId() == null ? "" : " " + where);
    }
}
