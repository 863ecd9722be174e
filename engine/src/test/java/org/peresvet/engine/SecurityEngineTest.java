package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.ProjectJson;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;
import org.peresvet.security.Role;
import org.peresvet.security.SubtreeRule;
import org.peresvet.security.UserAccount;

/**
 * Users and roles enforced in the facade: a refused call changes nothing and names the missing
 * permission, subtree rules are inherited down the tree, every call that changes something leaves
 * exactly one audit record, and an altered or deleted record is found by verify.
 */
class SecurityEngineTest {
    @TempDir
    Path dir;

    private final ObjectDef plant = ObjectDef.create(null, "Plant");
    private final ObjectDef areaA = ObjectDef.create(plant.id(), "AreaA");
    private final ObjectDef pumpA = ObjectDef.create(areaA.id(), "PumpA");
    private final ObjectDef areaB = ObjectDef.create(plant.id(), "AreaB");
    private final TagDef speedA = TagDef.builder(pumpA.id(), "Speed", ValueType.DOUBLE).build();
    private final TagDef levelB = TagDef.builder(areaB.id(), "Level", ValueType.DOUBLE).build();
    private final AlarmDef levelHi = AlarmDef.builder(levelB.id(), AlarmKind.HI).limit(5.0).build();

    @BeforeAll
    static void fastHashes() {
        // The real count is tuned to ~100 ms a login; tests need many users quickly.
        System.setProperty("peresvet.security.iterations", "1000");
    }

    private Engine openWithUsers() {
        Engine e = Engine.open(dir, EngineOptions.quiet());
        e.edit(Actor.SYSTEM, new ModelEdit.PutObject(plant), new ModelEdit.PutObject(areaA), new ModelEdit.PutObject(pumpA),
                new ModelEdit.PutObject(areaB), new ModelEdit.PutTag(speedA), new ModelEdit.PutTag(levelB),
                new ModelEdit.PutAlarm(levelHi));
        // The first user may be made by anyone (no users yet, so nothing is refused); then the admin makes the rest.
        e.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        Actor boot = person("admin");
        e.security().putUser(boot, UserAccount.local("olga", "operator"), "operator-secret".toCharArray());
        e.security().putUser(boot, UserAccount.local("vera", "viewer"), "viewer-secret".toCharArray());
        // A viewer everywhere, an engineer in AreaA, and nothing at all in PumpA below it.
        e.security().putUser(boot, UserAccount.local("anna", "viewer")
                .withRules(List.of(new SubtreeRule(areaA.id(), "engineer"))), "engineer-secret".toCharArray());
        return e;
    }

    private static Actor person(String name) {
        return Actor.workstation(name);
    }

    @Test
    void withoutUsersEverythingIsAllowedAndStillAudited() {
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(e.security().hasUsers()).isFalse();
            e.edit(person("anyone"), new ModelEdit.PutObject(plant));
            List<AuditRecord> last = e.security().audit(AuditQuery.last(1));
            assertThat(last.get(0).entry().actor()).isEqualTo("anyone");
            assertThat(last.get(0).entry().action()).isEqualTo("model.edit");
            assertThat(last.get(0).entry().result()).isEqualTo("ok");
            assertThatThrownBy(() -> e.security().putUser(person("anyone"), UserAccount.local("first", "viewer"),
                    "password1".toCharArray())).hasMessageContaining("first user must be an administrator");
        }
    }

    @Test
    void aViewerIsRefusedEveryChangeWithThePermissionNamedAndNothingChanges() {
        try (Engine e = openWithUsers()) {
            e.start();
            Actor vera = person("vera");
            TagDef renamed = speedA.toBuilder().name("Renamed").build();
            assertThatThrownBy(() -> e.edit(vera, new ModelEdit.PutTag(renamed)))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("EDIT_MODEL")
                    .hasMessageContaining("/Plant/AreaA/PumpA");
            assertThat(e.model().tag(speedA.id()).name()).isEqualTo("Speed");
            assertThatThrownBy(() -> e.write(vera, speedA.id(), 5.0)).hasMessageContaining("WRITE_VALUES");
            assertThatThrownBy(() -> e.alarms().acknowledge(levelHi.id(), vera, null)).hasMessageContaining("ACK_ALARMS");
            assertThatThrownBy(() -> e.security().putUser(vera, UserAccount.local("x", "administrator"), "password1".toCharArray()))
                    .hasMessageContaining("MANAGE_USERS");
            assertThat(e.security().user("x")).isEmpty();
            assertThatThrownBy(() -> e.runMethod(UUID.randomUUID(), vera)).hasMessageContaining("RUN_METHODS");
            assertThatThrownBy(() -> e.history().recalculate(vera, speedA.id(), 0, 1)).hasMessageContaining("EDIT_MODEL");
            assertThatThrownBy(() -> e.project().updateSettings(vera, e.settings())).hasMessageContaining("EDIT_MODEL");
            // An unknown person (the OS user at a workstation that has not logged in) is refused too.
            assertThatThrownBy(() -> e.write(person("stranger"), speedA.id(), 1.0))
                    .hasMessageContaining("not a user of this project");
        }
    }

    @Test
    void rolesAllowTheirOwnActions() throws Exception {
        try (Engine e = openWithUsers()) {
            e.start();
            Actor olga = person("olga");
            e.write(olga, levelB.id(), 7.0);
            e.flush();
            assertThat(e.current(levelB.id()).y()).isEqualTo(7.0);
            assertThatThrownBy(() -> e.edit(olga, new ModelEdit.DeleteTag(levelB.id()))).hasMessageContaining("EDIT_MODEL");
            e.edit(person("admin"), new ModelEdit.PutObject(ObjectDef.create(null, "New")));
            assertThat(e.model().findObject("/New")).isPresent();
            assertThat(e.security().permissions(olga, null)).contains(Permission.WRITE_VALUES, Permission.ACK_ALARMS)
                    .doesNotContain(Permission.EDIT_MODEL);
        }
    }

    @Test
    void subtreeRulesAreInheritedDownTheTree() {
        try (Engine e = openWithUsers()) {
            Actor anna = person("anna");
            // Engineer in AreaA: edits a tag two levels below it.
            e.edit(anna, new ModelEdit.PutTag(speedA.toBuilder().units("rpm").build()));
            assertThat(e.model().tag(speedA.id()).units()).isEqualTo("rpm");
            // Viewer elsewhere.
            assertThatThrownBy(() -> e.edit(anna, new ModelEdit.PutTag(levelB.toBuilder().units("m").build())))
                    .hasMessageContaining("EDIT_MODEL").hasMessageContaining("/Plant/AreaB");
            // Moving a tag out of her area needs the right where it lands too.
            assertThatThrownBy(() -> e.edit(anna, new ModelEdit.PutTag(speedA.toBuilder().objectId(areaB.id()).build())))
                    .hasMessageContaining("/Plant/AreaB");
            assertThat(e.model().tag(speedA.id()).objectId()).isEqualTo(pumpA.id());
            // A deeper rule takes the rights away again below it.
            e.security().putUser(person("admin"), e.security().user("anna").orElseThrow().withRules(List.of(
                    new SubtreeRule(areaA.id(), "engineer"), new SubtreeRule(pumpA.id(), Role.NONE.name()))), null);
            assertThatThrownBy(() -> e.edit(anna, new ModelEdit.PutTag(speedA.toBuilder().units("Hz").build())))
                    .hasMessageContaining("EDIT_MODEL");
            e.edit(anna, new ModelEdit.PutTag(TagDef.builder(areaA.id(), "Flow", ValueType.DOUBLE).build()));
        }
    }

    @Test
    void everyChangeLeavesExactlyOneRecord() throws Exception {
        try (Engine e = openWithUsers()) {
            e.start();
            Actor admin = person("admin");
            long before = count(e);
            e.edit(admin, new ModelEdit.PutTag(speedA.toBuilder().units("rpm").build()), new ModelEdit.PutTag(levelB.toBuilder()
                    .units("m").build()));
            assertThat(count(e)).isEqualTo(before + 1);
            e.write(admin, levelB.id(), 6.0);
            assertThat(count(e)).isEqualTo(before + 2);
            e.flush();
            e.alarms().acknowledge(levelHi.id(), admin, "seen");
            assertThat(count(e)).isEqualTo(before + 3);
            e.alarms().shelve(levelHi.id(), admin, "maintenance", Duration.ofMinutes(5));
            assertThat(count(e)).isEqualTo(before + 4);
            assertThatThrownBy(() -> e.edit(person("vera"), new ModelEdit.DeleteTag(levelB.id())));
            assertThat(count(e)).isEqualTo(before + 5);
            e.project().importDocument(admin, ProjectJson.read(e.project().exportJson(null)), null, true);
            assertThat(count(e)).isEqualTo(before + 6);
            // A call that fails leaves its record too, with the reason.
            assertThatThrownBy(() -> e.history().recalculate(admin, speedA.id(), 0, 1)).hasMessageContaining("not calculated");
            assertThat(count(e)).isEqualTo(before + 7);
            assertThat(e.security().audit(AuditQuery.last(1)).get(0).entry().result()).startsWith("failed: ");
            e.runMethod(UUID.randomUUID(), admin);
            assertThat(count(e)).isEqualTo(before + 8);

            AuditRecord refused = e.security().audit(new AuditQuery(null, null, "vera", null, null, 10)).get(0);
            assertThat(refused.entry().result()).isEqualTo("refused: EDIT_MODEL");
            assertThat(refused.entry().origin()).isEqualTo("workstation");
            AuditRecord write = e.security().audit(new AuditQuery(null, null, null, "value.", null, 10)).get(0);
            assertThat(write.entry().target()).isEqualTo("/Plant/AreaB/Level");
            assertThat(write.entry().newValue()).isEqualTo("6.0");
            assertThat(e.security().verifyAudit().intact()).isTrue();
        }
    }

    private static long count(Engine e) {
        return e.security().audit(AuditQuery.last(AuditQuery.MAX_LIMIT)).size();
    }

    @Test
    void localLoginChecksThePasswordAndIsAudited() throws Exception {
        try (Engine e = openWithUsers()) {
            Actor olga = e.security().login("Olga", "operator-secret".toCharArray(), "workstation");
            assertThat(olga.name()).isEqualTo("olga");
            assertThat(olga.role()).isEqualTo("operator");
            assertThatThrownBy(() -> e.security().login("olga", "wrong".toCharArray(), "workstation"))
                    .isInstanceOf(LoginException.class).hasMessage("wrong user name or password");
            assertThatThrownBy(() -> e.security().login("nobody", "wrong".toCharArray(), "workstation"))
                    .isInstanceOf(LoginException.class).hasMessage("wrong user name or password");
            List<AuditRecord> logins = e.security().audit(new AuditQuery(null, null, null, "login", null, 10));
            assertThat(logins).extracting(r -> r.entry().result())
                    .containsExactly("failed: wrong user name or password", "failed: wrong user name or password", "ok: operator (local)");
        }
    }

    @Test
    void verifyFindsAnAlteredAndADeletedRecord() throws Exception {
        try (Engine e = openWithUsers()) {
            for (int i = 0; i < 20; i++) {
                e.edit(person("admin"), new ModelEdit.PutTag(speedA.toBuilder().units("u" + i).build()));
            }
            assertThat(e.security().verifyAudit().intact()).isTrue();
        }
        String url = "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE AUDIT SET NEW_VALUE = 'change tag /Plant/AreaA/PumpA/Speed (units x)' WHERE SEQ = 10");
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            AuditVerification v = e.security().verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.problems()).containsExactly("record 10 was altered (its hash does not match its fields and the record before it)");
        }
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM AUDIT WHERE SEQ = 12");
            st.executeUpdate("DELETE FROM AUDIT WHERE SEQ = (SELECT MAX(SEQ) FROM AUDIT)");
        }
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            AuditVerification v = e.security().verifyAudit();
            assertThat(String.join("\n", v.problems())).contains("record 10 was altered").contains("records 12 are missing")
                    .contains("missing at the end");
        }
    }
}
