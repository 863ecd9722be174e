package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.LdapSettings;
import org.peresvet.security.LoginException;
import org.peresvet.security.UserAccount;

/**
 * LDAP logins against UnboundID's InMemoryDirectoryServer (a real LDAP server in this process):
 * users found by filter, nested groups mapped to roles, a wrong password, LDAPS and StartTLS with
 * the server's certificate checked, and an unreachable server (a clear message; the local
 * administrator still logs in).
 */
class LdapLoginTest {
    private static final String BASE = "dc=plant,dc=local";

    @TempDir
    Path dir;

    private InMemoryDirectoryServer server;

    @BeforeAll
    static void fastHashes() {
        System.setProperty("peresvet.security.iterations", "1000");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    private InMemoryDirectoryServer start(InMemoryListenerConfig listener) throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.addAdditionalBindCredentials("cn=reader," + BASE, "reader-secret");
        cfg.setListenerConfigs(listener);
        InMemoryDirectoryServer s = new InMemoryDirectoryServer(cfg);
        s.add("dn: " + BASE, "objectClass: domain", "dc: plant");
        s.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        s.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        s.add("dn: uid=ivan,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: ivan", "cn: Ivan Petrov", "sn: Petrov",
                "userPassword: ivan-secret");
        s.add("dn: uid=petr,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: petr", "cn: Petr Sidorov", "sn: Sidorov",
                "userPassword: petr-secret");
        s.add("dn: uid=nina,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: nina", "cn: Nina", "sn: N",
                "userPassword: nina-secret");
        // ivan → shift-a → operators-all → engineers (two levels of nesting); nina → control-room; petr → none mapped.
        s.add("dn: cn=engineers,ou=groups," + BASE, "objectClass: groupOfNames", "cn: engineers",
                "member: cn=operators-all,ou=groups," + BASE);
        s.add("dn: cn=operators-all,ou=groups," + BASE, "objectClass: groupOfNames", "cn: operators-all",
                "member: cn=shift-a,ou=groups," + BASE);
        s.add("dn: cn=control-room,ou=groups," + BASE, "objectClass: groupOfNames", "cn: control-room",
                "member: uid=nina,ou=people," + BASE);
        s.add("dn: cn=shift-a,ou=groups," + BASE, "objectClass: groupOfNames", "cn: shift-a", "member: uid=ivan,ou=people," + BASE);
        s.add("dn: cn=visitors,ou=groups," + BASE, "objectClass: groupOfNames", "cn: visitors", "member: uid=petr,ou=people," + BASE);
        s.startListening();
        return s;
    }

    private static LdapSettings settings(String url, boolean startTls) {
        // engineers is mapped to engineer, control-room to operator.
        return new LdapSettings(url, startTls, "cn=reader," + BASE, "reader-secret", "ou=people," + BASE, "(uid={0})",
                "ou=groups," + BASE, "(member={0})", Map.of("engineers", "engineer", "control-room", "operator"), 2_000);
    }

    private Engine openWithAdmin() {
        Engine e = Engine.open(dir, EngineOptions.quiet());
        e.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        return e;
    }

    @Test
    void directoryUsersLogInWithTheRoleTheirNestedGroupsMapTo() throws Exception {
        server = start(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        try (Engine e = openWithAdmin()) {
            Actor admin = Actor.workstation("admin");
            e.security().setLdap(admin, settings("ldap://127.0.0.1:" + server.getListenPort(), false));

            Actor ivan = e.security().login("ivan", "ivan-secret".toCharArray(), "workstation");
            assertThat(ivan.role()).isEqualTo("engineer");
            UserAccount stored = e.security().user("ivan").orElseThrow();
            assertThat(stored.source()).isEqualTo(UserAccount.Source.LDAP);
            assertThat(stored.fullName()).isEqualTo("Ivan Petrov");
            // The engine enforces the mapped role like a local one.
            e.edit(ivan, new ModelEdit.PutObject(ObjectDef.create(null, "ByIvan")));

            Actor nina = e.security().login("NINA", "nina-secret".toCharArray(), "workstation");
            assertThat(nina.role()).isEqualTo("operator");
            assertThatThrownBy(() -> e.edit(nina, new ModelEdit.PutObject(ObjectDef.create(null, "ByNina"))))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("EDIT_MODEL");

            assertThatThrownBy(() -> e.security().login("ivan", "wrong".toCharArray(), "workstation"))
                    .isInstanceOf(LoginException.class).hasMessage("wrong user name or password");
            assertThatThrownBy(() -> e.security().login("ivan", new char[0], "workstation"))
                    .isInstanceOf(LoginException.class).hasMessage("enter a password");
            assertThatThrownBy(() -> e.security().login("nobody", "x".toCharArray(), "workstation"))
                    .hasMessage("wrong user name or password");
            assertThatThrownBy(() -> e.security().login("petr", "petr-secret".toCharArray(), "workstation"))
                    .hasMessageContaining("no directory group that maps to a role");
            // A filter character in the name finds nobody rather than everybody.
            assertThatThrownBy(() -> e.security().login("*", "ivan-secret".toCharArray(), "workstation"))
                    .isInstanceOf(LoginException.class);
            assertThat(e.security().audit(new AuditQuery(null, null, null, "login", null, 20)))
                    .extracting(r -> r.entry().result()).contains("ok: engineer (ldap)", "ok: operator (ldap)");
        }
    }

    @Test
    void anUnreachableServerIsNamedAndTheLocalAdministratorStillLogsIn() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Engine e = openWithAdmin()) {
            e.security().setLdap(Actor.workstation("admin"), settings("ldap://127.0.0.1:" + closedPort, false));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> e.security().login("ivan", "ivan-secret".toCharArray(), "workstation"))
                    .isInstanceOf(LoginException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort + " cannot be reached")
                    .hasMessageContaining("local users can still log in")
                    .matches(x -> ((LoginException) x).unreachable());
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
            assertThat(e.security().login("admin", "admin-secret".toCharArray(), "workstation").role()).isEqualTo("administrator");
        }
    }

    @Test
    void ldapsAndStartTlsCheckTheServersCertificate() throws Exception {
        // A certificate for 127.0.0.1 made with the JDK's keytool (the SDK's generator names this machine's addresses only).
        File ks = dir.resolve("server.p12").toFile();
        char[] pin = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", ks.getPath(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(said).isZero();
        SSLUtil serverTls = new SSLUtil(new KeyStoreKeyManager(ks, pin, "PKCS12", "server"), new TrustAllTrustManager());
        SSLUtil clientTls = new SSLUtil(new TrustStoreTrustManager(ks, pin, "PKCS12", true));
        InMemoryListenerConfig ldaps = InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), 0,
                serverTls.createSSLServerSocketFactory(), clientTls.createSSLSocketFactory());
        InMemoryListenerConfig startTls = InMemoryListenerConfig.createLDAPConfig("starttls", InetAddress.getLoopbackAddress(), 0,
                serverTls.createSSLSocketFactory());
        server = start(ldaps);
        InMemoryDirectoryServer second = start(startTls);
        try (Engine e = openWithAdmin()) {
            Actor admin = Actor.workstation("admin");
            e.security().setLdap(admin, settings("ldaps://127.0.0.1:" + server.getListenPort(), false));
            // Without the server's certificate in the trust store the connection is refused.
            assertThatThrownBy(() -> e.security().login("ivan", "ivan-secret".toCharArray(), "workstation"))
                    .isInstanceOf(LoginException.class);
            e.ldapTlsForTests(clientTls.createSSLContext());
            assertThat(e.security().login("ivan", "ivan-secret".toCharArray(), "workstation").role()).isEqualTo("engineer");

            e.security().setLdap(admin, settings("ldap://127.0.0.1:" + second.getListenPort(), true));
            assertThat(e.security().login("nina", "nina-secret".toCharArray(), "workstation").role()).isEqualTo("operator");
        } finally {
            second.shutDown(true);
        }
    }
}
