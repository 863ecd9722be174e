package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.engine.PeresvetHome;

/** Without --project the CLI works on the demo project in the data folder, created on first use. */
class CliDefaultProjectTest {
    @TempDir
    Path home;
    private String saved;

    @BeforeEach
    void useTempHome() {
        saved = System.getProperty(PeresvetHome.PROPERTY);
        System.setProperty(PeresvetHome.PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (saved == null) {
            System.clearProperty(PeresvetHome.PROPERTY);
        } else {
            System.setProperty(PeresvetHome.PROPERTY, saved);
        }
    }

    @Test
    void theHomeComesFromTheSystemProperty() {
        assertThat(PeresvetHome.current().dir()).isEqualTo(home);
        assertThat(PeresvetHome.current().projects()).isEqualTo(home.resolve("projects"));
    }

    @Test
    void theDemoIsSeededOnceAndLeftAloneAfterwards() throws Exception {
        Path project = PeresvetHome.current().defaultProject();
        assertThat(project).isEqualTo(home.resolve("projects").resolve("pump-station"));
        assertThat(Files.readAllBytes(project.resolve("project.json"))).isEqualTo(CliSupport.demoSeed());
        // the demo switches on its built-in broker and runs its simulated plant
        assertThat(Files.readString(project.resolve("broker.json"))).contains("\"enabled\" : true");
        assertThat(Files.readString(project.resolve("simulation.json"))).contains("\"plant\" : \"pump-station\"");
        Files.writeString(project.resolve("project.json"), "{}");
        assertThat(PeresvetHome.current().defaultProject()).isEqualTo(project);
        assertThat(Files.readString(project.resolve("project.json"))).isEqualTo("{}");
    }

    @Test
    void commandsWithoutProjectUseTheDemo() throws Exception {
        CliSupport.Run r = run("tags", "list");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(CliSupport.demoTagCount() + 1);
        assertThat(home.resolve("projects/pump-station/model.mv.db")).exists();
    }
}
