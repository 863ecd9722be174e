package org.peresvet.migrate.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.LdapMigration;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;

/** The benchmark's generated directory, small: it imports completely into a project, all in one edit. */
class GeneratedDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aGeneratedDirectoryImportsWhole() throws Exception {
        PeresvetDirectory dir = LdifDirectoryReader.read(PeresvetDirectoryGenerator.generate(250), "gen.ldif", "cn=prs");
        try (Engine engine = Engine.open(tmp.resolve("p"), EngineOptions.quiet())) {
            int before = engine.model().tagCount();
            ImportPlan plan = LdapMigration.plan(engine, dir, ImportOptions.defaults());
            assertThat(plan.report().items(ImportReport.Action.UNRESOLVED)).isEmpty();
            LdapMigration.apply(engine, plan, Actor.SYSTEM);
            ModelSnapshot m = engine.model();
            assertThat(m.tagCount() - before).isEqualTo(250);
            assertThat(m.connectors()).hasSize(1);
            assertThat(m.tags().stream().filter(TagDef::calculated).count()).isEqualTo(3);
            assertThat(m.findTag("/Station0/Unit0/Tag3").orElseThrow().formula())
                    .isEqualTo("sum({/Station0/Unit0/Tag1}, {/Station0/Unit0/Tag2})");
            assertThat(m.alarms()).hasSize(25);
        }
    }
}
