package org.peresvet.security;

/**
 * A filter over the audit trail; null fields do not filter. Newest first.
 *
 * @param from   µs, inclusive
 * @param to     µs, exclusive
 * @param actor  exact user name
 * @param action an action or a prefix of one ending in '.', e.g. "alarm."
 * @param target text the target contains
 * @param limit  at most this many records (1..100,000)
 */
public record AuditQuery(Long from, Long to, String actor, String action, String target, int limit) {
    public static final int MAX_LIMIT = 100_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
    }

    public static AuditQuery last(int n) {
        return new AuditQuery(null, null, null, null, null, n);
    }
}
