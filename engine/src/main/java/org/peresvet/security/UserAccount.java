package org.peresvet.security;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A user of the project: local (a password hash kept in the project) or from LDAP (recorded at
 * each login with the role its groups map to).
 *
 * @param name     login name, lower case
 * @param fullName for the status bar and the audit viewer
 * @param role     the role everywhere but below a {@link SubtreeRule}
 * @param source   LOCAL or LDAP
 * @param disabled a disabled user cannot log in and is refused everything
 * @param rules    roles for subtrees, inherited down the tree
 */
public record UserAccount(String name, String fullName, String role, Source source, boolean disabled, List<SubtreeRule> rules) {

    /** Where the user's password is checked. */
    public enum Source { LOCAL, LDAP }

    public UserAccount {
        name = normalName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        fullName = fullName == null || fullName.isBlank() ? name : fullName.strip();
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static UserAccount local(String name, String role) {
        return new UserAccount(name, null, role, Source.LOCAL, false, List.of());
    }

    public UserAccount withRules(List<SubtreeRule> r) {
        return new UserAccount(name, fullName, role, source, disabled, r);
    }

    /** Login names are compared without case and kept lower case. */
    public static String normalName(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > 64 || !n.matches("[\\p{L}\\p{N}._@-]+")) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_', '@' or '-': '" + name + "'");
        }
        return n;
    }
}
