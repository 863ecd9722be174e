package org.peresvet.security;

import java.util.List;

/**
 * The outcome of checking the hash chain: how many records were read, and what was found wrong
 * (a changed record, a missing number, records cut off the end), the first few problems only.
 */
public record AuditVerification(long records, List<String> problems, long millis) {
    public AuditVerification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
