package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.fx.Views;
import org.peresvet.app.login.AuditView;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.ObjectDef;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.LdapSettings;
import org.peresvet.security.SubtreeRule;
import org.peresvet.security.UserAccount;
import org.testfx.api.FxToolkit;

/**
 * The workstation's login over a real engine on a project folder with local users (and, for one
 * test, UnboundID's in-memory LDAP server): the card before the workspace, a wrong password, the
 * role's mode and a refused edit, the lock and unlock, switch user in the audit trail, and the
 * audit viewer with its filters and CSV.
 */
class LoginUiTest {
    private static final String BASE = "dc=plant,dc=local";

    @TempDir
    Path home;

    private Stage stage;
    private ShellController shell;
    private final ShellDialogsTest.ScriptedDialogs dialogs = new ShellDialogsTest.ScriptedDialogs();
    private InMemoryDirectoryServer ldap;

    @BeforeAll
    static void fastHashes() {
        System.setProperty("peresvet.security.iterations", "1000");
    }

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            fx(() -> {
                shell.shutdown();
                return null;
            });
        }
        FxToolkit.cleanupStages();
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    /** The demo project with an administrator, an operator, an engineer, and an operator who is engineer below Pump1. */
    private Path projectWithUsers(LdapSettings directory) throws Exception {
        Path dir = UiSupport.demoProject(home, "plant");
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            Actor root = Actor.SYSTEM;
            e.security().putUser(root, UserAccount.local("admin", "administrator"), "admin-pass-1".toCharArray());
            e.security().putUser(root, UserAccount.local("oleg", "operator"), "oleg-pass-1".toCharArray());
            e.security().putUser(root, UserAccount.local("erik", "engineer"), "erik-pass-1".toCharArray());
            UUID pump1 = e.model().findObject("/PumpStation/Pump1").orElseThrow().id();
            e.security().putUser(root, UserAccount.local("olga", "operator").withRules(List.of(new SubtreeRule(pump1, "engineer"))),
                    "olga-pass-1".toCharArray());
            if (directory != null) {
                e.security().setLdap(root, directory);
            }
        }
        return dir;
    }

    private void open(Path project) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        fx(() -> {
            stage.setTitle(""); // the primary stage is shared by the tests
            return null;
        });
        shell = fx(() -> {
            ShellController c = new ShellController(stage, new LayoutStore(home.resolve("workstation.json")), dialogs);
            stage.setScene(new Scene(Views.load("workstation.fxml", c), 1280, 800));
            c.applyTheme(Theme.ISA101);
            c.apiConfig(null);
            stage.show();
            c.open(project);
            return c;
        });
        await(() -> shell.engine() != null && fx(() -> node("#loginCover").isVisible()));
    }

    private Node node(String css) {
        return stage.getScene().lookup(css);
    }

    private String text(String css) throws Exception {
        return fx(() -> ((Label) node(css)).getText());
    }

    /** Types a name and password into the card and presses its button (fired, not clicked). */
    private void logIn(String user, String password) throws Exception {
        fx(() -> {
            TextField name = (TextField) node("#loginUser");
            if (!name.isDisabled()) {
                name.setText(user);
            }
            ((TextField) node("#loginPassword")).setText(password);
            ((Button) node("#loginSubmit")).fire();
            return null;
        });
    }

    private void loggedIn(String user) throws Exception {
        await(() -> fx(() -> !node("#loginCover").isVisible()) && shell.actor().name().equals(user));
    }

    private void refusedWith(String part) throws Exception {
        await(() -> text("#loginMessage").contains(part));
    }

    private List<AuditRecord> audit() {
        return shell.engine().security().audit(AuditQuery.last(500));
    }

    @Test
    void aWrongPasswordIsRefusedClearlyAndTheRightOneOpensTheWorkspace() throws Exception {
        open(projectWithUsers(null));
        assertThat(fx(stage::getTitle)).doesNotContain("Pump station"); // the workspace is not shown yet
        assertThat(fx(() -> node("#chrome").isDisabled())).isTrue();
        assertThat(text("#loginNote")).isEqualTo("Log in with your user of this project.");

        logIn("admin", "not-the-password");
        refusedWith("wrong user name or password");
        assertThat(text("#loginMessage")).isEqualTo("Not logged in: wrong user name or password. Try again.");
        assertThat(fx(() -> ((TextField) node("#loginPassword")).getText())).isEmpty();
        Screenshots.save(stage.getScene(), "login-refused");

        logIn("admin", "admin-pass-1");
        loggedIn("admin");
        assertThat(fx(stage::getTitle)).contains("Pump station");
        assertThat(fx(() -> node("#chrome").isDisabled())).isFalse();
        assertThat(shell.actor().role()).isEqualTo("administrator");
        assertThat(shell.actor().origin()).startsWith("workstation ");
        assertThat(text("#userStatus")).isEqualTo("User: admin (administrator)");
        await(() -> text("#auditStatus").startsWith("Audit: intact, "));
        assertThat(audit()).extracting(r -> r.entry().actor() + " " + r.entry().action() + " " + r.entry().result())
                .contains("admin login ok: administrator (local)", "admin login failed: wrong user name or password");
    }

    @Test
    void cancelClosesTheProjectAndShowsTheWelcomePage() throws Exception {
        Path dir = projectWithUsers(null);
        open(dir);
        fx(() -> {
            ((Button) node("#loginCancel")).fire();
            return null;
        });
        await(() -> shell.engine() == null && fx(() -> node("#welcome") != null && !node("#loginCover").isVisible()));
        assertThat(fx(() -> node("#chrome").isDisabled())).isFalse();
        // Closed for real (off the FX thread): its files open again once the engine let go of them.
        await(() -> {
            try (Engine again = Engine.open(dir, EngineOptions.quiet())) {
                return again.security().hasUsers();
            } catch (RuntimeException stillOpen) {
                return false;
            }
        });
    }

    @Test
    void anOperatorStaysInOperatorModeAndAnEditTheEngineRefusesIsNamed() throws Exception {
        open(projectWithUsers(null));
        logIn("oleg", "oleg-pass-1");
        loggedIn("oleg");
        assertThat(shell.modeProperty().get()).isEqualTo(UserMode.OPERATOR);
        assertThat(fx(() -> node("#modeButton").isDisabled())).isTrue();
        fx(() -> {
            shell.toggleMode();
            shell.engineerMode();
            return null;
        });
        assertThat(shell.modeProperty().get()).isEqualTo(UserMode.OPERATOR);

        // Olga is an operator, but engineer below Pump1: engineer mode is hers, the engine checks each edit.
        fx(() -> {
            shell.switchUser();
            return null;
        });
        logIn("olga", "olga-pass-1");
        loggedIn("olga");
        fx(() -> {
            shell.engineerMode();
            return null;
        });
        assertThat(shell.modeProperty().get()).isEqualTo(UserMode.ENGINEER);
        ObjectDef pump2 = shell.engine().model().findObject("/PumpStation/Pump2").orElseThrow();
        int objects = shell.engine().model().objectCount();
        fx(() -> {
            shell.workbench().tree().select(List.of(NodeRef.object(pump2.id())));
            shell.workbench().tree().newObject();
            return null;
        });
        await(() -> text("#feedback").startsWith("Refused: "));
        assertThat(text("#feedback")).contains("EDIT_MODEL", "Pump2", "olga");
        await(() -> dialogs.asked.contains("inform Not allowed")); // told in a message that does not get cut short
        assertThat(shell.engine().model().objectCount()).isEqualTo(objects);
        assertThat(audit()).anyMatch(r -> r.entry().actor().equals("olga") && r.entry().result().equals("refused: EDIT_MODEL"));
        Screenshots.save(stage.getScene(), "login-refused-edit");
    }

    @Test
    void theLockHidesTheWorkspaceUntilTheSameUsersPasswordAndSwitchUserChangesTheActor() throws Exception {
        open(projectWithUsers(null));
        logIn("admin", "admin-pass-1");
        loggedIn("admin");
        fx(() -> {
            shell.login().idleTime(Duration.millis(300)); // idle: Monocle moves no mouse
            return null;
        });
        await(() -> fx(() -> shell.login().locked() && node("#loginCover").isVisible()));
        fx(() -> {
            shell.login().idleTime(Duration.minutes(10));
            return null;
        });
        assertThat(fx(() -> node("#chrome").isDisabled())).isTrue();
        assertThat(fx(() -> node("#alarmBanner").isVisible())).isTrue(); // alarms stay in sight
        assertThat(fx(() -> ((TextField) node("#loginUser")).getText())).isEqualTo("admin");
        Screenshots.save(stage.getScene(), "lock");

        // The shell's shortcuts do nothing behind the card (Ctrl+N would add an object), typed in it or elsewhere.
        int objects = shell.engine().model().objectCount();
        fx(() -> {
            Event.fireEvent(node("#loginPassword"), ctrlN());
            Event.fireEvent(shell.workbench().tree().treeView(), ctrlN());
            return null;
        });
        logIn("admin", "wrong-pass-1");
        refusedWith("wrong user name or password");
        assertThat(shell.login().locked()).isTrue();
        assertThat(shell.engine().model().objectCount()).isEqualTo(objects);
        logIn("admin", "admin-pass-1");
        await(() -> fx(() -> !shell.login().locked() && !node("#loginCover").isVisible()));
        fx(() -> {
            Event.fireEvent(shell.workbench().tree().treeView(), ctrlN()); // unlocked, the same key works
            return null;
        });
        await(() -> shell.engine().model().objectCount() == objects + 1);
        assertThat(audit()).anyMatch(r -> r.entry().action().equals("workstation.lock") && r.entry().actor().equals("admin"));

        // Lock by hand, then another person logs in from the lock card; their edit is theirs in the trail.
        // A window left open over the workspace (a dialog, a tool) is closed: it would stay usable as the locked user.
        Stage tool = fx(() -> {
            Stage t = new Stage();
            t.initOwner(stage);
            t.setScene(new Scene(new Label("a tool window"), 200, 100));
            t.show();
            return t;
        });
        fx(() -> {
            shell.lock();
            return null;
        });
        assertThat(fx(tool::isShowing)).isFalse();
        fx(() -> {
            ((Button) node("#loginSwitch")).fire();
            return null;
        });
        assertThat(fx(() -> node("#loginUser").isDisabled())).isFalse();
        logIn("erik", "erik-pass-1");
        loggedIn("erik");
        assertThat(text("#userStatus")).isEqualTo("User: erik (engineer)");
        ObjectDef pump1 = shell.engine().model().findObject("/PumpStation/Pump1").orElseThrow();
        fx(() -> {
            shell.engineerMode();
            shell.workbench().tree().select(List.of(NodeRef.object(pump1.id())));
            shell.workbench().tree().newObject();
            return null;
        });
        await(() -> audit().stream().anyMatch(r -> r.entry().action().startsWith("model.") && r.entry().actor().equals("erik")));
        List<AuditRecord> edits = audit().stream().filter(r -> r.entry().action().startsWith("model.")).toList();
        assertThat(edits.get(0).entry().actor()).isEqualTo("erik"); // newest first: the object erik made
        assertThat(edits.get(1).entry().actor()).isEqualTo("admin"); // the one admin made with Ctrl+N before
    }

    @Test
    void theAuditViewerFiltersAndExportsCsv() throws Exception {
        open(projectWithUsers(null));
        logIn("oleg", "wrong-pass-1");
        refusedWith("wrong");
        logIn("admin", "admin-pass-1");
        loggedIn("admin");
        AuditView view = fx(() -> {
            shell.showAudit();
            return (AuditView) shell.workbench().tabs().screen(AuditView.KEY).orElseThrow();
        });
        await(() -> fx(() -> view.shown().size() >= 6) && text("#auditChain").startsWith("Chain: intact, "));
        Screenshots.save(stage.getScene(), "audit-viewer");

        fx(() -> {
            ((TextField) node("#auditActor")).setText("oleg");
            ((TextField) node("#auditAction")).setText("login");
            ((Button) node("#auditRefresh")).fire();
            return null;
        });
        await(() -> fx(() -> view.shown().size() == 1));
        AuditRecord oleg = fx(() -> view.shown().get(0));
        assertThat(oleg.entry().result()).isEqualTo("failed: wrong user name or password");

        fx(() -> {
            ((TextField) node("#auditActor")).setText("");
            ((TextField) node("#auditAction")).setText("user.");
            ((TextField) node("#auditText")).setText("olga");
            ((Button) node("#auditRefresh")).fire();
            return null;
        });
        await(() -> fx(() -> view.shown().size() == 1 && view.shown().get(0).entry().target().equals("olga")));

        dialogs.save = home.resolve("audit.csv");
        fx(() -> {
            ((Button) node("#auditCsv")).fire();
            return null;
        });
        await(() -> Files.exists(dialogs.save) && text("#feedback").startsWith("1 audit records written"));
        List<String> lines = Files.readAllLines(dialogs.save);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("seq,time,actor,host,action,target,old,new,reason,result,hash");
        assertThat(lines.get(1)).contains(",system,engine,user.put,olga,").endsWith("," + fx(() -> view.shown().get(0).hash()));
        assertThat(dialogs.asked).last().asString().startsWith("save Export the audit records as audit.csv");
    }

    @Test
    void aDirectoryUserLogsInAndAnUnreachableDirectoryLeavesLocalUsersWorking() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // closed again: nothing listens there
        }
        open(projectWithUsers(directory("ldap://127.0.0.1:" + dead)));
        assertThat(text("#loginNote")).contains("directory (LDAP)");
        logIn("ivan", "ivan-secret");
        refusedWith("cannot be reached");
        assertThat(text("#loginMessage")).contains("local users) can still log in");
        logIn("admin", "admin-pass-1");
        loggedIn("admin");

        ldap = directoryServer();
        shell.engine().security().setLdap(shell.actor(), directory("ldap://127.0.0.1:" + ldap.getListenPort()));
        fx(() -> {
            shell.switchUser();
            return null;
        });
        logIn("ivan", "ivan-secret");
        loggedIn("ivan");
        assertThat(shell.actor().role()).isEqualTo("engineer");
        assertThat(text("#userStatus")).isEqualTo("User: ivan (engineer)");
    }

    private static KeyEvent ctrlN() {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.N, false, true, false, false);
    }

    private static LdapSettings directory(String url) {
        return new LdapSettings(url, false, "cn=reader," + BASE, "reader-secret", "ou=people," + BASE, "(uid={0})",
                "ou=groups," + BASE, "(member={0})", Map.of("engineers", "engineer"), 1_000);
    }

    private static InMemoryDirectoryServer directoryServer() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.addAdditionalBindCredentials("cn=reader," + BASE, "reader-secret");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer s = new InMemoryDirectoryServer(cfg);
        s.add("dn: " + BASE, "objectClass: domain", "dc: plant");
        s.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        s.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        s.add("dn: uid=ivan,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: ivan", "cn: Ivan Petrov", "sn: Petrov",
                "userPassword: ivan-secret");
        s.add("dn: cn=engineers,ou=groups," + BASE, "objectClass: groupOfNames", "cn: engineers", "member: uid=ivan,ou=people," + BASE);
        s.startListening();
        return s;
    }
}
