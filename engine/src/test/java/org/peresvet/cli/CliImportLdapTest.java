package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.export.ExportConfig;
import org.peresvet.migrate.ldap.PeresvetExamples;
import org.peresvet.migrate.ldap.PeresvetLdapServer;
import org.peresvet.model.ModelSnapshot;

/** {@code project import-ldap}: from a file and from a live server, the dry run, and refusals that change nothing. */
class CliImportLdapTest {
    private static final UUID FLOW1 = UUID.fromString("5a1e0007-7c2d-103f-9d10-0b2c4e6f8a13");

    @TempDir
    Path tmp;

    private Path example() throws Exception {
        Path f = tmp.resolve("pump-station.ldif");
        Files.write(f, PeresvetExamples.pumpStation());
        return f;
    }

    @Test
    void importsAFileIntoANewProjectAndPrintsTheReport() throws Exception {
        Path ldif = example();
        Path project = tmp.resolve("p");
        CliSupport.Run r = run("project", "import-ldap", ldif.toString(), "--project", project.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Source: " + ldif + "\nEntries read: 52 (32 helper entries")
                .contains("Import: objects 3 added, tags 6 added, alarms 1 added, schedules 1 added, methods 1 added, "
                        + "connectors 1 added, connector links 3 added; 1 skipped, 4 changed, 0 unresolved, 0 conflicts\n")
                .contains("skipped: data storage psql [cn=psql,cn=dataStorages,cn=prs (line 37)]: a PostgreSQL storage is not imported")
                .endsWith("Imported " + ldif + " into " + project + ".\n");
        try (Engine engine = Engine.open(project, EngineOptions.quiet())) {
            ModelSnapshot m = engine.model();
            assertThat(m.tagCount()).isEqualTo(6);
            assertThat(m.tag(FLOW1).name()).isEqualTo("Flow");
        }
        // Again: everything merges by id, nothing is added twice.
        CliSupport.Run again = run("project", "import-ldap", ldif.toString(), "--project", project.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Import: objects 0 added / 3 updated, tags 0 added / 6 updated");
    }

    @Test
    void aDryRunPrintsTheWholeReportAndChangesNothing() throws Exception {
        Path project = CliSupport.demoProject(tmp);
        String before = run("project", "export", "--project", project.toString()).out();
        CliSupport.Run r = run("project", "import-ldap", example().toString(), "--project", project.toString(), "--dry-run");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("changed: method SumFlows of tag /PumpStation1/TotalFlow")
                .contains("changed: connector PLC-1")
                .endsWith("Dry run into " + project + ": nothing changed.\n");
        assertThat(run("project", "export", "--project", project.toString()).out()).isEqualTo(before);
        // Into a folder that does not exist yet: no folder is made.
        Path none = tmp.resolve("none");
        CliSupport.Run fresh = run("project", "import-ldap", example().toString(), "--project", none.toString(), "--dry-run");
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        assertThat(none).doesNotExist();
    }

    @Test
    void aBrokenFileIsRefusedWithItsLineAndNothingChanges() throws Exception {
        Path project = CliSupport.demoProject(tmp);
        String before = run("project", "export", "--project", project.toString()).out();
        Path broken = tmp.resolve("broken.ldif");
        Files.writeString(broken, PeresvetExamples.pumpStationText().replace("prsMeasureUnits: bar\n", "prsMeasureUnits bar\n"),
                StandardCharsets.UTF_8);
        CliSupport.Run r = run("project", "import-ldap", broken.toString(), "--project", project.toString());
        assertThat(r.exit()).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
        assertThat(r.err()).isEqualTo("error: " + broken + ": line 87 (in the entry starting at line 78): The record contains "
                + "a line that does not begin with an attribute name followed by a colon.; nothing was imported\n");
        assertThat(run("project", "export", "--project", project.toString()).out()).isEqualTo(before);
        Path none = tmp.resolve("none");
        assertThat(run("project", "import-ldap", broken.toString(), "--project", none.toString()).exit()).isEqualTo(3);
        assertThat(none).doesNotExist();
    }

    @Test
    void importsFromALiveServerAndAServerThatRefusesTheBindChangesNothing() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, PeresvetLdapServer.PASSWORD + "\n", StandardCharsets.UTF_8);
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "nope\n", StandardCharsets.UTF_8);
        Path project = tmp.resolve("p");
        try (PeresvetLdapServer server = new PeresvetLdapServer().load(PeresvetExamples.pumpStation())) {
            CliSupport.Run refused = run("project", "import-ldap", server.url(), "--base", "cn=prs", "--bind-dn", PeresvetLdapServer.ADMIN,
                    "--password-file", wrong.toString(), "--project", project.toString());
            assertThat(refused.exit()).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
            assertThat(refused.err()).isEqualTo("error: " + server.url() + " refused the bind as cn=admin,cn=prs: "
                    + "invalid credentials (result code 49); nothing was imported\n");
            assertThat(project).doesNotExist();

            CliSupport.Run r = run("project", "import-ldap", server.url(), "--bind-dn", PeresvetLdapServer.ADMIN,
                    "--password-file", pw.toString(), "--project", project.toString(), "--broker", "tcp://broker.plant:1883");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith("Source: " + server.url() + "/cn=prs\n");
        }
        try (Engine engine = Engine.open(project, EngineOptions.quiet())) {
            assertThat(engine.model().tagCount()).isEqualTo(6);
            assertThat(engine.model().connectors().get(0).configJson().path("broker").asText()).isEqualTo("tcp://broker.plant:1883");
        }
    }

    @Test
    void aVictoriaMetricsStorageBecomesAnExportTarget() throws Exception {
        Path ldif = tmp.resolve("b.ldif");
        try (var in = PeresvetExamples.class.getResourceAsStream("boiler-house.ldif")) {
            Files.write(ldif, in.readAllBytes());
        }
        Path project = tmp.resolve("p");
        CliSupport.Run r = run("project", "import-ldap", ldif.toString(), "--project", project.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        ExportConfig export = ExportConfig.load(project);
        assertThat(export.targets()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("vm");
            assertThat(t.url()).isEqualTo("http://vm.plant:8428");
        });
        // A second import finds the target there: a conflict, the project's is kept.
        CliSupport.Run again = run("project", "import-ldap", ldif.toString(), "--project", project.toString(), "--dry-run");
        assertThat(again.out()).contains("conflict: data storage vm [cn=vm,cn=dataStorages,cn=prs (line 138)]: "
                + "the project already has an export target 'vm'; the project's is kept");
    }

    @Test
    void bindOptionsNeedAServer() throws Exception {
        CliSupport.Run r = run("project", "import-ldap", example().toString(), "--bind-dn", "cn=admin,cn=prs",
                "--project", tmp.resolve("p").toString());
        assertThat(r.exit()).isEqualTo(PeresvetCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("error: --bind-dn and --password-file are for an ldap:// source");
    }
}
