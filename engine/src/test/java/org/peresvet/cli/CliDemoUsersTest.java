package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peresvet.cli.CliSupport.run;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.DemoUsers;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.PeresvetHome;
import org.peresvet.model.Actor;
import org.peresvet.security.LoginException;

/** The user's copy of the demo gets an operator, an engineer and an administrator, shown once, kept in a file, changeable. */
class CliDemoUsersTest {
    private static final Pattern LINE = Pattern.compile("^ {2}(\\w+) +(\\w+) +(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path home;
    private String saved;
    private InputStream stdin;

    @BeforeEach
    void useTempHome() {
        saved = System.getProperty(PeresvetHome.PROPERTY);
        System.setProperty(PeresvetHome.PROPERTY, home.toString());
        stdin = System.in;
    }

    @AfterEach
    void restore() {
        System.setIn(stdin);
        if (saved == null) {
            System.clearProperty(PeresvetHome.PROPERTY);
        } else {
            System.setProperty(PeresvetHome.PROPERTY, saved);
        }
    }

    @Test
    void theFirstStartCreatesTheUsersShowsThePasswordsOnceAndTheyCanBeChanged() throws Exception {
        CliSupport.Run first = run("users", "list");
        assertThat(first.exit()).as(first.toString()).isZero();
        Path project = home.resolve("projects").resolve(PeresvetHome.DEMO);
        assertThat(first.err()).contains("Created the demo project " + project).contains(DemoUsers.FILE);
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        Matcher m = LINE.matcher(first.err());
        while (m.find()) {
            roles.put(m.group(1), m.group(2));
            passwords.put(m.group(1), m.group(3));
        }
        assertThat(roles).containsExactly(Map.entry("admin", "administrator"), Map.entry("engineer", "engineer"),
                Map.entry("operator", "operator"));
        assertThat(passwords.values()).allMatch(p -> p.length() == 12).doesNotHaveDuplicates();
        assertThat(first.out()).contains("operator").contains("engineer").contains("administrator");

        Path file = project.resolve(DemoUsers.FILE);
        String kept = Files.readString(file);
        passwords.forEach((user, password) -> assertThat(kept).containsPattern(user + " +\\w+ +" + password));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        CliSupport.Run again = run("users", "list");
        assertThat(again.err()).as("shown once").doesNotContain("Created").doesNotContain(passwords.get("operator"));

        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            for (String user : passwords.keySet()) {
                Actor a = e.security().login(user, passwords.get(user).toCharArray(), "test");
                assertThat(a.role()).isEqualTo(roles.get(user));
            }
        }

        System.setIn(new ByteArrayInputStream("a-new-Secret-7\n".getBytes(StandardCharsets.UTF_8)));
        CliSupport.Run passwd = run("users", "passwd", "operator", "--password-stdin");
        assertThat(passwd.exit()).as(passwd.toString()).isZero();
        assertThat(passwd.out()).contains("Changed the password of operator");
        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            assertThat(e.security().login("operator", "a-new-Secret-7".toCharArray(), "test").role()).isEqualTo("operator");
            assertThatThrownBy(() -> e.security().login("operator", passwords.get("operator").toCharArray(), "test"))
                    .isInstanceOf(LoginException.class);
            assertThat(e.security().user("operator").orElseThrow().role()).as("the role stays").isEqualTo("operator");
        }
        assertThat(run("users", "passwd", "nobody", "--password-stdin").exit()).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
    }
}
