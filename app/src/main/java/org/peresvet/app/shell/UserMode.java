package org.peresvet.app.shell;

import java.util.Locale;

/** Engineers edit the project; operators watch values and write set points, but edit nothing. */
public enum UserMode {
    ENGINEER, OPERATOR;

    public boolean canEdit() {
        return this == ENGINEER;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserMode parse(String s) {
        return "operator".equalsIgnoreCase(s == null ? "" : s.strip()) ? OPERATOR : ENGINEER;
    }
}
