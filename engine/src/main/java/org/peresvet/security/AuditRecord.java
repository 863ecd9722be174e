package org.peresvet.security;

/**
 * A stored audit record: its number in the trail, the entry, and the SHA-256 (hex) over the
 * previous record's hash and this record's fields.
 */
public record AuditRecord(long seq, AuditEntry entry, String hash) {
}
