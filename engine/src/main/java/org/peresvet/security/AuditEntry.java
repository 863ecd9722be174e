package org.peresvet.security;

import java.util.Objects;

/**
 * One change as the audit trail records it (the trail adds its number and the hash chain).
 *
 * @param time     when, µs since the epoch
 * @param actor    who (the user, or "system", or a service principal, "x via y" on behalf of someone)
 * @param origin   from where: "workstation", "api 10.0.0.7", "cli", "method Pump/Start"…
 * @param action   what: "model.edit", "value.write", "device.write", "alarm.acknowledge", "login"…
 * @param target   on what: a path, or a summary of several
 * @param oldValue before (null when not known or not a value change)
 * @param newValue after
 * @param reason   the comment the person gave, if any
 * @param result   "ok", "refused: PERMISSION", "failed: why"
 */
public record AuditEntry(long time, String actor, String origin, String action, String target, String oldValue,
                         String newValue, String reason, String result) {
    /** The longest a field is kept; longer text is cut (before it is hashed). */
    public static final int MAX_FIELD = 2000;

    public AuditEntry {
        actor = cut(Objects.requireNonNull(actor, "actor"));
        origin = cut(Objects.requireNonNullElse(origin, ""));
        action = cut(Objects.requireNonNull(action, "action"));
        target = cut(Objects.requireNonNullElse(target, ""));
        oldValue = cut(oldValue);
        newValue = cut(newValue);
        reason = cut(reason);
        result = cut(Objects.requireNonNullElse(result, "ok"));
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD - 1) + "…";
    }
}
