package org.peresvet.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.peresvet.engine.Engine;
import org.peresvet.model.Actor;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code users list|add|remove}. Whoever can open the project's files at the command line owns
 * the project: they act as a service principal (recorded as the operating-system user), so a
 * forgotten administrator password can always be reset here.
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "List, add, change or remove the project's users.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.Remove.class,
            UsersCommand.Reasons.class})
final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: list, add, passwd, remove or reasons");
    }

    static Actor owner() {
        return ProjectTask.actor();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the users with their roles.")
    static final class ListUsers extends ProjectTask {
        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                TextTable table = new TextTable("USER", "NAME", "ROLE", "SOURCE", "SUBTREE RULES");
                for (UserAccount u : engine.security().users()) {
                    StringBuilder rules = new StringBuilder();
                    u.rules().forEach(r -> rules.append(rules.length() == 0 ? "" : ", ")
                            .append(engine.model().objectPath(r.objectId())).append('=').append(r.role()));
                    table.add(new String[] {u.name(), u.fullName(), u.role() + (u.disabled() ? " (disabled)" : ""),
                        u.source().name().toLowerCase(Locale.ROOT), rules.toString()});
                }
                table.print(out());
                if (engine.security().users().isEmpty()) {
                    out().println("No users: everyone on this machine may do everything (the first user must be an administrator).");
                }
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a local user, or change one's role or password (asked for, or read from stdin).")
    static final class Add extends ProjectTask {
        @Parameters(index = "0", paramLabel = "USER")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer, operator, engineer, administrator, or one of the project's own roles.")
        String role;

        @Option(names = "--full-name", paramLabel = "TEXT")
        String fullName;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--keep-password", description = "Change an existing user without touching the password.")
        boolean keepPassword;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                UserAccount u;
                try {
                    UserAccount old = engine.security().user(name).orElse(null);
                    u = new UserAccount(name, fullName != null ? fullName : old == null ? null : old.fullName(), role,
                            UserAccount.Source.LOCAL, false, old == null ? null : old.rules());
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                }
                char[] password = keepPassword ? null : password(name, passwordStdin);
                try {
                    engine.security().putUser(owner(), u, password);
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                } finally {
                    if (password != null) {
                        Arrays.fill(password, '\0');
                    }
                }
                out().println("User " + u.name() + " is " + u.role());
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Change a local user's password (asked for, or read from stdin); the role stays.")
    static final class Passwd extends ProjectTask {
        @Parameters(index = "0", paramLabel = "USER")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                UserAccount u = engine.security().user(name)
                        .orElseThrow(() -> CliException.invalidInput("no user " + name + " (see 'users list')"));
                if (u.source() != UserAccount.Source.LOCAL) {
                    throw CliException.invalidInput(u.name() + " logs in through the directory: change the password there");
                }
                char[] password = password(u.name(), passwordStdin);
                try {
                    engine.security().putUser(owner(), u, password);
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                } finally {
                    Arrays.fill(password, '\0');
                }
                out().println("Changed the password of " + u.name());
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    /** A new password: the first line of stdin, or asked twice on the terminal. */
    static char[] password(String name, boolean passwordStdin) {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw CliException.invalidInput("no password on standard input");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw CliException.invalidInput("cannot read the password: " + e.getMessage());
            }
        }
        Console c = System.console();
        if (c == null) {
            throw CliException.invalidInput("no terminal to ask the password on: use --password-stdin");
        }
        char[] a = c.readPassword("Password for %s: ", name);
        char[] b = c.readPassword("Again: ");
        if (a == null || b == null || !Arrays.equals(a, b)) {
            throw CliException.invalidInput("the passwords differ");
        }
        return a;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and their API tokens.")
    static final class Remove extends ProjectTask {
        @Parameters(index = "0", paramLabel = "USER")
        String name;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                boolean removed;
                try {
                    removed = engine.security().deleteUser(owner(), name);
                } catch (IllegalArgumentException e) {
                    throw CliException.invalidInput(e.getMessage());
                }
                out().println(removed ? "Removed " + name : "No user " + name);
            }
            return PeresvetCli.EXIT_OK;
        }
    }

    @Command(name = "reasons", mixinStandardHelpOptions = true,
            description = {"Print or set the \"reason required\" rules: a person's change that needs PERMISSION on the object",
                "(and its subtree; no path: anywhere) is refused unless they say why; the reason is kept in the audit trail."})
    static final class Reasons extends ProjectTask {
        @Option(names = "--set", paramLabel = "PERMISSION[:PATH]", split = ",",
                description = "Replace the rules, e.g. --set WRITE_VALUES:/Plant/AreaA,EDIT_MODEL (permissions: "
                        + "WRITE_VALUES, ACK_ALARMS, EDIT_MODEL, MANAGE_CONNECTORS, MANAGE_USERS, RUN_METHODS).")
        List<String> set;

        @Option(names = "--clear", description = "Remove every rule.")
        boolean clear;

        @Override
        public Integer call() {
            try (Engine engine = open(projectDir(), false)) {
                if (clear || set != null) {
                    List<ReasonRule> rules = new ArrayList<>();
                    for (String r : clear ? List.<String>of() : set) {
                        rules.add(rule(engine, r.strip()));
                    }
                    engine.security().setReasonRules(owner(), rules);
                }
                List<ReasonRule> now = engine.security().reasonRules();
                if (now.isEmpty()) {
                    out().println("No reason is required for any change.");
                }
                for (ReasonRule r : now) {
                    out().println("A reason is required for " + r.permission() + " "
                            + (r.objectId() == null ? "anywhere" : "on " + engine.model().objectPath(r.objectId())));
                }
            }
            return PeresvetCli.EXIT_OK;
        }

        private static ReasonRule rule(Engine engine, String text) {
            int colon = text.indexOf(':');
            String name = (colon < 0 ? text : text.substring(0, colon)).strip().toUpperCase(Locale.ROOT);
            Permission p;
            try {
                p = Permission.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput("no permission '" + name + "' (" + Arrays.toString(Permission.values()) + ")");
            }
            if (colon < 0) {
                return new ReasonRule(p, null);
            }
            String path = text.substring(colon + 1).strip();
            return new ReasonRule(p, engine.model().findObject(path)
                    .orElseThrow(() -> CliException.invalidInput("no object '" + path + "'")).id());
        }
    }
}
