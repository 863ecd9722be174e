package org.peresvet.app.login;

import java.util.Locale;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;

/**
 * The audit viewer's filters: a period back from now, an actor, an action (a prefix such as
 * "alarm" or "model.edit") and free text found in any field. The period and the actor go to the
 * engine's query; the action when it names one exactly or ends in '.', else it is matched here, with
 * the text. Pure: no toolkit.
 *
 * @param periodMillis how far back from now (0: all)
 * @param actor        a user name, exact but without case (blank: anyone)
 * @param action       an action or the start of one (blank: any)
 * @param text         text in the target, values, reason, result, host or actor (blank: any)
 * @param limit        at most this many records are read
 */
public record AuditFilter(long periodMillis, String actor, String action, String text, int limit) {
    public static final int DEFAULT_LIMIT = 10_000;

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        text = blankToNull(text);
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, AuditQuery.MAX_LIMIT);
    }

    public static AuditFilter all() {
        return new AuditFilter(0, null, null, null, DEFAULT_LIMIT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The engine's part of the filter, at {@code nowMicros}. */
    public AuditQuery query(long nowMicros) {
        Long from = periodMillis > 0 ? nowMicros - periodMillis * 1000 : null;
        String exactAction = action != null && action.contains(".") ? action : null;
        return new AuditQuery(from, null, actor == null ? null : actor.toLowerCase(Locale.ROOT), exactAction, null, limit);
    }

    /** The rest of the filter, on a record the engine returned. */
    public boolean matches(AuditRecord r) {
        AuditEntry e = r.entry();
        if (action != null && !action.contains(".") && !e.action().toLowerCase(Locale.ROOT).startsWith(action.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (text == null) {
            return true;
        }
        String t = text.toLowerCase(Locale.ROOT);
        for (String f : new String[] {e.target(), e.oldValue(), e.newValue(), e.reason(), e.result(), e.origin(), e.actor(), e.action()}) {
            if (f != null && f.toLowerCase(Locale.ROOT).contains(t)) {
                return true;
            }
        }
        return false;
    }
}
