package org.peresvet.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.security.Role;
import org.peresvet.security.Security;
import org.peresvet.security.UserAccount;
import org.peresvet.store.ProjectFolder;
import org.peresvet.store.ProjectLock;
import org.peresvet.store.StoreException;

/**
 * The users of a user's copy of the demo: an operator and an engineer to log in as, and an
 * administrator (the project's first user must be one, so that someone can manage users), each
 * with a random password. The passwords are shown once and kept in {@value #FILE} in the copy
 * (readable by its owner only); {@code peresvet users passwd USER} changes one.
 */
public final class DemoUsers {
    /** The file in the demo's folder that lists the users and their first passwords. */
    public static final String FILE = "demo-users.txt";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Letters and digits that cannot be mistaken for one another when read off a screen. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 12;

    /** One user created, with the password as given to them. */
    public record Login(String user, String role, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", role=" + role + ", password=***]";
        }
    }

    private DemoUsers() {
    }

    /**
     * Creates the users in the project folder (which no engine has open) through the same checked,
     * audited path as {@code peresvet users add}, and writes {@value #FILE}.
     *
     * @return the users with their passwords, administrator first
     * @throws StoreException when the folder's files cannot be written
     */
    static List<Login> create(Path project) {
        List<Login> logins = List.of(login("admin", Role.ADMINISTRATOR), login("engineer", Role.ENGINEER),
                login("operator", Role.OPERATOR));
        Actor setUp = new Actor("peresvet", "demo set-up", null, Actor.Kind.SYSTEM);
        try (ProjectLock lock = ProjectLock.acquire(new ProjectFolder(project));
             Security security = Security.open(project, ModelSnapshot::empty)) {
            EngineSecurity users = new EngineSecurity(new Guard(security, ModelSnapshot::empty));
            for (Login l : logins) {
                char[] password = l.password().toCharArray();
                try {
                    users.putUser(setUp, new UserAccount(l.user(), fullName(l.user()), l.role(), UserAccount.Source.LOCAL, false,
                            null), password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
        }
        writeFile(project, logins);
        return logins;
    }

    private static Login login(String user, Role role) {
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new Login(user, role.name(), sb.toString());
    }

    private static String fullName(String user) {
        return "Demo " + user;
    }

    /** The lines shown to the person (console, dialog) and kept in the file. */
    public static List<String> table(List<Login> logins) {
        List<String> out = new ArrayList<>();
        for (Login l : logins) {
            out.add(String.format("  %-10s %-15s %s", l.user(), l.role(), l.password()));
        }
        return out;
    }

    private static void writeFile(Path project, List<Login> logins) {
        List<String> lines = new ArrayList<>();
        lines.add("Users of this copy of the Peresvet demo (pump station), created on its first start.");
        lines.add("These are the first passwords; a password changed since is not updated here.");
        lines.add("");
        lines.add(String.format("  %-10s %-15s %s", "USER", "ROLE", "PASSWORD"));
        lines.addAll(table(logins));
        lines.add("");
        lines.add("Change a password:  peresvet users passwd operator --project " + project.toAbsolutePath().normalize());
        lines.add("List the users:     peresvet users list --project " + project.toAbsolutePath().normalize());
        Path f = project.resolve(FILE);
        Path tmp = project.resolve(FILE + ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
