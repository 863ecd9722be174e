package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectJson;

class CliProjectTest {
    @TempDir
    Path tmp;

    @Test
    void exportPrintsTheWholeProjectAsJson() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        CliSupport.Run r = run("project", "export", "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        // The demo was seeded from this very document, so the export gives it back byte for byte.
        assertThat(r.out()).isEqualTo(new String(CliSupport.demoSeed(), StandardCharsets.UTF_8));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void exportOfASubtreeToAFile() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        Path file = tmp.resolve("tank.json");
        CliSupport.Run r = run("project", "export", "--project", dir.toString(), "--subtree", "/PumpStation/Tank1", "-o", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Exported 1 objects and 7 tags to " + file + "\n");
        ProjectDocument doc = ProjectJson.read(Files.readString(file));
        assertThat(doc.settings()).isNull();
        assertThat(doc.objects()).extracting(o -> o.name()).containsExactly("Tank1");
        assertThat(doc.tags()).extracting(t -> t.name()).containsExactly("Demand", "LagDemand", "LagStartLevel", "Level", "LevelSetpoint", "StopLevel", "Temperature");
    }

    @Test
    void importIntoANewFolderCreatesTheProject() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        Path file = tmp.resolve("all.json");
        assertThat(run("project", "export", "--project", dir.toString(), "-o", file.toString()).exit()).isZero();

        Path copy = tmp.resolve("copy");
        CliSupport.Run r = run("project", "import", file.toString(), "--project", copy.toString(), "--replace");
        assertThat(r.exit()).as(r.toString()).isZero();
        var seed = ProjectJson.read(CliSupport.demoSeed()); // no counts pinned: the demo plant grows
        assertThat(r.out()).isEqualTo("Imported " + file + ": objects " + seed.objects().size() + " added, 0 changed, 0 removed; "
                + "tags " + seed.tags().size() + " added, 0 changed, 0 removed; settings replaced\n");
        try (Engine engine = Engine.open(copy, EngineOptions.quiet())) {
            assertThat(engine.project().exportJson(null)).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void importIntoAnObjectAddsTheDocumentThere() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        Path file = tmp.resolve("tank2.json");
        Files.writeString(file, """
                {"format": "peresvet-project", "version": 1, "objects": [
                  {"name": "Tank2", "description": "Second tank", "tags": [
                    {"name": "Level", "type": "double", "units": "m", "min": 0, "max": 4},
                    {"name": "HighAlarm", "type": "bool", "default": false}
                  ]}
                ]}
                """);
        CliSupport.Run r = run("project", "import", file.toString(), "--project", dir.toString(), "--into", "/PumpStation");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Imported " + file + " into /PumpStation: objects 1 added, 0 changed, 0 removed; "
                + "tags 2 added, 0 changed, 0 removed\n");

        // Importing the original document again with --replace takes Tank2 away.
        Path original = tmp.resolve("original.json");
        Files.write(original, CliSupport.demoSeed());
        r = run("project", "import", original.toString(), "--project", dir.toString(), "--replace");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("objects 0 added, 0 changed, 1 removed; tags 0 added, 0 changed, 2 removed");
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            assertThat(engine.model().findObject("/PumpStation/Tank2")).isEmpty();
            assertThat(engine.project().exportJson(null)).isEqualTo(Files.readString(original));
        }
    }

    @Test
    void reimportingTheSameDocumentChangesNothing() throws Exception {
        Path dir = CliSupport.demoProject(tmp);
        Path file = tmp.resolve("all.json");
        Files.write(file, CliSupport.demoSeed());
        CliSupport.Run r = run("project", "import", file.toString(), "--project", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("objects 0 added, 0 changed, 0 removed; tags 0 added, 0 changed, 0 removed");
    }
}
