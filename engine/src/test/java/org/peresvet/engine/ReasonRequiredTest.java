package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
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
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRequiredException;
import org.peresvet.security.ReasonRule;
import org.peresvet.security.UserAccount;

/**
 * "Reason required" rules of the security settings: per action and per subtree, a call without a
 * reason is refused naming the rule and changes nothing; the reason given is kept in the audit
 * record; the engine's own calls never need one; the rules survive a reopen.
 */
class ReasonRequiredTest {
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
        System.setProperty("peresvet.security.iterations", "1000");
    }

    private Engine open() {
        Engine e = Engine.open(dir, EngineOptions.quiet());
        if (e.model().tag(speedA.id()) == null) {
            e.edit(Actor.SYSTEM, new ModelEdit.PutObject(plant), new ModelEdit.PutObject(areaA), new ModelEdit.PutObject(pumpA),
                    new ModelEdit.PutObject(areaB), new ModelEdit.PutTag(speedA), new ModelEdit.PutTag(levelB),
                    new ModelEdit.PutAlarm(levelHi));
            e.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
            e.security().putUser(admin(), UserAccount.local("olga", "operator"), "operator-secret".toCharArray());
        }
        return e;
    }

    private static Actor admin() {
        return Actor.workstation("admin");
    }

    private static AuditEntry last(Engine e) {
        return e.security().audit(AuditQuery.last(1)).get(0).entry();
    }

    @Test
    void aWriteInTheRuledSubtreeNeedsAReasonAndKeepsItInTheAuditRecord() {
        try (Engine e = open()) {
            e.start();
            e.security().setReasonRules(admin(), List.of(new ReasonRule(Permission.WRITE_VALUES, areaA.id())));
            Actor olga = Actor.workstation("olga");
            assertThatThrownBy(() -> e.write(olga, speedA.id(), 5.0)).isInstanceOf(ReasonRequiredException.class)
                    .hasMessageContaining("WRITE_VALUES").hasMessageContaining("/Plant/AreaA");
            assertThat(last(e).result()).isEqualTo("refused: reason required");
            assertThatThrownBy(() -> e.devices().write(speedA.id(), 5.0, olga)).isInstanceOf(ReasonRequiredException.class);
            // Outside the subtree nothing is asked.
            e.write(olga, levelB.id(), 1.0);
            e.flush();
            assertThat(e.current(speedA.id())).isNull(); // the refused writes changed nothing
            e.write(olga.withReason("  pump test per work order 17 "), speedA.id(), 5.0);
            e.flush();
            assertThat(e.current(speedA.id()).y()).isEqualTo(5.0);
            AuditEntry ok = last(e);
            assertThat(ok.action()).isEqualTo("value.write");
            assertThat(ok.reason()).isEqualTo("pump test per work order 17");
            assertThat(ok.result()).isEqualTo("ok");
            // The engine's own data flow is never asked.
            e.write(Actor.SYSTEM, speedA.id(), 6.0);
            assertThat(e.security().reasonRequired(Permission.WRITE_VALUES, pumpA.id())).contains(
                    new ReasonRule(Permission.WRITE_VALUES, areaA.id()));
            assertThat(e.security().reasonRequired(Permission.WRITE_VALUES, areaB.id())).isEmpty();
        }
    }

    @Test
    void projectWideRulesPerActionSurviveAReopenAndOnlyAnAdministratorSetsThem() {
        try (Engine e = open()) {
            assertThatThrownBy(() -> e.security().setReasonRules(Actor.workstation("olga"), List.of()))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("MANAGE_USERS");
            e.security().setReasonRules(admin(), List.of(new ReasonRule(Permission.EDIT_MODEL, null),
                    new ReasonRule(Permission.ACK_ALARMS, null)));
        }
        try (Engine e = open()) {
            assertThat(e.security().reasonRules()).hasSize(2);
            TagDef renamed = levelB.toBuilder().units("m").build();
            assertThatThrownBy(() -> e.edit(admin(), new ModelEdit.PutTag(renamed)))
                    .isInstanceOf(ReasonRequiredException.class).hasMessageContaining("EDIT_MODEL")
                    .hasMessageContaining("anywhere in the project");
            assertThat(e.model().tag(levelB.id()).units()).isNotEqualTo("m");
            e.edit(admin().withReason("units per datasheet"), new ModelEdit.PutTag(renamed));
            assertThat(e.model().tag(levelB.id()).units()).isEqualTo("m");
            assertThat(last(e).reason()).isEqualTo("units per datasheet");
            // An alarm command's own comment is its reason.
            e.start();
            assertThatThrownBy(() -> e.alarms().acknowledge(levelHi.id(), admin(), null))
                    .isInstanceOf(ReasonRequiredException.class).hasMessageContaining("ACK_ALARMS");
            e.alarms().acknowledge(levelHi.id(), admin(), "seen on site");
            assertThat(last(e).reason()).isEqualTo("seen on site");
            // The engine's own edits are never asked.
            e.edit(Actor.SYSTEM, new ModelEdit.PutObject(ObjectDef.create(null, "Spare")));
            e.security().setReasonRules(admin(), List.of());
            e.edit(admin(), new ModelEdit.PutObject(ObjectDef.create(null, "Spare2")));
        }
    }
}
