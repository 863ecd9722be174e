package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.Actor;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.LoginException;
import org.peresvet.security.PasswordHasher;
import org.peresvet.security.SecurityStore;
import org.peresvet.security.UserAccount;

/**
 * A password hash made with fewer PBKDF2 iterations than the current tuning is replaced at the
 * next successful login (audited as "password.rehash"); a wrong password or a strong hash changes nothing.
 */
class PasswordRehashTest {
    private static final String ITERATIONS = "peresvet.security.iterations";

    @TempDir
    Path dir;
    private final String before = System.getProperty(ITERATIONS);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ITERATIONS);
        } else {
            System.setProperty(ITERATIONS, before);
        }
    }

    private String storedHash(String user) {
        try (SecurityStore s = SecurityStore.open(dir)) {
            return s.passwordHash(user).orElseThrow();
        }
    }

    @Test
    void aWeakHashIsRehashedAtTheNextLoginAndAudited() throws Exception {
        System.setProperty(ITERATIONS, "1000"); // an old, weak tuning
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            e.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        }
        assertThat(PasswordHasher.iterationsOf(storedHash("admin"))).isEqualTo(1000);

        System.setProperty(ITERATIONS, "20000"); // today's tuning
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            try {
                e.security().login("admin", "wrong-password".toCharArray(), "test");
            } catch (LoginException expected) {
                // refused: nothing rehashed
            }
            e.security().login("admin", "admin-secret".toCharArray(), "test");
            List<AuditEntry> last = e.security().audit(AuditQuery.last(2)).stream().map(r -> r.entry()).toList();
            AuditEntry rehash = last.stream().filter(a -> a.action().equals("password.rehash")).findFirst().orElseThrow();
            assertThat(rehash.actor()).isEqualTo("admin");
            assertThat(rehash.oldValue()).isEqualTo("1000 iterations");
            assertThat(rehash.newValue()).isEqualTo("20000 iterations");
            assertThat(rehash.result()).isEqualTo("ok");
            assertThat(last).anyMatch(a -> a.action().equals("login") && a.result().startsWith("ok"));
            // The next login finds a strong hash: no second rehash.
            long rehashes = e.security().audit(AuditQuery.last(50)).stream()
                    .filter(r -> r.entry().action().equals("password.rehash")).count();
            e.security().login("admin", "admin-secret".toCharArray(), "test");
            assertThat(e.security().audit(AuditQuery.last(50)).stream()
                    .filter(r -> r.entry().action().equals("password.rehash")).count()).isEqualTo(rehashes);
        }
        String hash = storedHash("admin");
        assertThat(PasswordHasher.iterationsOf(hash)).isEqualTo(20000);
        assertThat(PasswordHasher.matches("admin-secret".toCharArray(), hash)).isTrue();
    }
}
