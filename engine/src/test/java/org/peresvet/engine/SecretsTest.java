package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.NamedStatus;
import org.peresvet.export.ExportConfig;
import org.peresvet.model.Actor;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.runtime.ProjectKeys;
import org.peresvet.runtime.SecretBox;
import org.peresvet.runtime.SecretUnavailableException;

/**
 * Connector and export passwords on a real engine on disk: sealed in every file of the project
 * folder (AES-GCM, key outside it), opened for the connector, left out of exports unless asked,
 * an old clear-text one still read; the project without its key says so plainly and starts.
 */
class SecretsTest {
    private static final String PASSWORD = "pump-station-s3cret";

    @TempDir
    Path tmp;
    private Path project;

    @BeforeEach
    void keysHere() {
        System.setProperty(ProjectKeys.PROPERTY, tmp.resolve("keys").toString());
        project = tmp.resolve("plant");
    }

    @AfterEach
    void keysBack() {
        System.clearProperty(ProjectKeys.PROPERTY);
    }

    private static ConnectorDef device() {
        return ConnectorDef.create("Boiler", "http", "{\"baseUrl\":\"http://127.0.0.1:9\",\"period\":60000,\"timeout\":200,"
                + "\"auth\":{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}}");
    }

    private static String allFiles(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    @Test
    void connectorPasswordIsSealedOpenedForUseAndLeftOutOfExports() throws Exception {
        ConnectorDef c = device();
        try (Engine e = Engine.open(project, EngineOptions.quiet())) {
            e.edit(Actor.SYSTEM, new ModelEdit.PutConnector(c));
            String stored = e.model().connector(c.id()).config();
            assertThat(stored).doesNotContain(PASSWORD).contains("enc:v1:");
            // Saving the same clear config again changes nothing (the sealed text is kept).
            e.edit(Actor.SYSTEM, new ModelEdit.PutConnector(c));
            assertThat(e.model().connector(c.id()).config()).isEqualTo(stored);

            String plain = e.project().exportJson(null);
            assertThat(plain).doesNotContain(PASSWORD).doesNotContain("enc:v1:").contains("\"secrets\" : \"omitted\"")
                    .contains("\"username\" : \"admin\"");
            String with = e.project().exportJson(null, true);
            assertThat(with).contains(PASSWORD).contains("\"secrets\" : \"included\"");
        }
        assertThat(allFiles(project)).as("no file of the project folder holds the password").doesNotContain(PASSWORD);
        Path key = tmp.resolve("keys").resolve(Files.readString(project.resolve(ProjectKeys.ID_FILE)).strip() + ".key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(key.getParent())).doesNotContain(PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        // The connector got the clear password: it runs (trying its device), no secret error.
        try (Engine e = Engine.open(project, EngineOptions.quiet()).start()) {
            NamedStatus s = await(e, st -> st.status().state() != ConnectorState.STOPPED);
            assertThat(s.status().reason()).doesNotContain("secret");
        }

        // The folder on another PC, without the key: the connector says why it does not run; nothing crashes.
        Files.delete(key);
        try (Engine e = Engine.open(project, EngineOptions.quiet()).start()) {
            NamedStatus s = await(e, st -> st.status().state() == ConnectorState.ERROR);
            assertThat(s.status().reason()).startsWith("secret cannot be decrypted: key missing");
            assertThat(e.project().exportJson(null)).doesNotContain("enc:v1:");
            assertThatThrownBy(() -> e.project().exportJson(null, true)).isInstanceOf(SecretUnavailableException.class)
                    .hasMessageContaining("key missing");
        }
    }

    private static NamedStatus await(Engine e, Predicate<NamedStatus> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<NamedStatus> all = e.devices().connectors();
            if (!all.isEmpty() && p.test(all.get(0))) {
                return all.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector status not reached: " + all);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void exportCredentialsAreSealedInTheFileAndAnOldClearOneIsStillRead() throws Exception {
        Files.createDirectories(project);
        ExportConfig cfg = ExportConfig.of(ExportConfig.Target.of("vm", "http://127.0.0.1:8428").withBasicAuth("vm", PASSWORD));
        cfg.save(project);
        String file = Files.readString(ExportConfig.file(project));
        assertThat(file).doesNotContain(PASSWORD).contains("enc:v1:");
        assertThat(ExportConfig.load(project).targets().get(0).password()).isEqualTo(PASSWORD);

        // An export.json from before: clear text is read as it is.
        Files.writeString(ExportConfig.file(project), cfg.toJson());
        assertThat(Files.readString(ExportConfig.file(project))).contains(PASSWORD);
        assertThat(ExportConfig.load(project).targets().get(0).password()).isEqualTo(PASSWORD);
        ExportConfig.load(project).save(project); // the next save seals it
        assertThat(Files.readString(ExportConfig.file(project))).doesNotContain(PASSWORD);

        // Without the key: the target is switched off, the engine's reading does not fail.
        Files.delete(ProjectKeys.forProject(project).file());
        ExportConfig.Target t = ExportConfig.load(project).targets().get(0);
        assertThat(t.enabled()).isFalse();
        assertThat(t.password()).isNull();
    }

    @Test
    void aSecretSealedWithAnotherKeyIsNamedAsSuch() {
        SecretBox mine = new SecretBox(ProjectKeys.of("aaaa-1111"));
        SecretBox theirs = new SecretBox(ProjectKeys.of("bbbb-2222"));
        String sealed = theirs.seal(PASSWORD);
        assertThat(theirs.open(sealed)).isEqualTo(PASSWORD);
        assertThat(mine.open("clear-old")).isEqualTo("clear-old");
        mine.seal("make the key");
        assertThatThrownBy(() -> mine.open(sealed)).isInstanceOf(SecretUnavailableException.class)
                .hasMessageStartingWith("secret cannot be decrypted: key missing");
        assertThat(Set.of(sealed)).allMatch(s -> s.startsWith("enc:v1:"));
    }
}
