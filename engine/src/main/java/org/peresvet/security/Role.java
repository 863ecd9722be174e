package org.peresvet.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A named set of permissions. Four are built in (after OPC UA's Observer, Operator, Engineer,
 * ConfigureAdmin/SecurityAdmin); a project may add its own.
 *
 * @param name        lower case, e.g. {@code operator}
 * @param permissions what the role allows
 */
public record Role(String name, Set<Permission> permissions) {
    public static final Role VIEWER = new Role("viewer", EnumSet.of(Permission.READ));
    public static final Role OPERATOR = new Role("operator",
            EnumSet.of(Permission.READ, Permission.WRITE_VALUES, Permission.ACK_ALARMS, Permission.RUN_METHODS));
    public static final Role ENGINEER = new Role("engineer", EnumSet.of(Permission.READ, Permission.WRITE_VALUES,
            Permission.ACK_ALARMS, Permission.RUN_METHODS, Permission.EDIT_MODEL, Permission.MANAGE_CONNECTORS));
    public static final Role ADMINISTRATOR = new Role("administrator", EnumSet.allOf(Permission.class));
    /** A subtree rule with this role takes every permission away below its object. */
    public static final Role NONE = new Role("none", EnumSet.noneOf(Permission.class));

    public static final List<Role> BUILT_IN = List.of(VIEWER, OPERATOR, ENGINEER, ADMINISTRATOR, NONE);

    public Role {
        Objects.requireNonNull(name, "name");
        name = name.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw new IllegalArgumentException("a role name is a letter followed by up to 39 letters, digits, '-' or '_': '"
                    + name + "'");
        }
        permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    public boolean builtIn() {
        return BUILT_IN.stream().anyMatch(r -> r.name.equals(name));
    }

    /** The permissions as a bit mask ({@link Permission#bit()}). */
    public int mask() {
        int m = 0;
        for (Permission p : permissions) {
            m |= p.bit();
        }
        return m;
    }
}
