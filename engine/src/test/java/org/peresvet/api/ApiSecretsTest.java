package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Actor;
import org.peresvet.runtime.ProjectKeys;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.UserAccount;

/**
 * Secrets over the API: a connector's password is answered as "(set)", never sealed nor clear;
 * sending the mask back keeps the stored secret; the project export carries secrets only for a
 * user who manages users (403 naming MANAGE_USERS otherwise), and that export is audited.
 */
class ApiSecretsTest extends ApiTestBase {
    private static final String PASSWORD = "s3cret-pass-42";
    private static Path keys;

    @BeforeAll
    static void keysAside() throws IOException {
        System.setProperty("peresvet.security.iterations", "1000");
        keys = Files.createTempDirectory("peresvet-keys");
        System.setProperty(ProjectKeys.PROPERTY, keys.toString());
    }

    @AfterAll
    static void keysBack() {
        System.clearProperty(ProjectKeys.PROPERTY);
    }

    private Resp as(String user, String password, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void secretsAreMaskedTheMaskKeepsThemAndOnlyAUserManagerExportsThem() throws Exception {
        String config = "{\"baseUrl\":\"http://127.0.0.1:9\",\"period\":60000,\"timeout\":200,"
                + "\"auth\":{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}}";
        Resp created = post("/v1/connectors/", "{\"name\":\"Boiler\",\"kind\":\"http\",\"enabled\":false,\"config\":" + config + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("config").get("auth").get("password").asText()).isEqualTo("(set)");
        String id = created.json().get("id").asText();
        Resp got = get("/v1/connectors/" + id);
        assertThat(got.json().get("config").get("auth").get("password").asText()).isEqualTo("(set)");
        assertThat(got.text()).doesNotContain(PASSWORD).doesNotContain("enc:v1:");
        assertThat(get("/v1/connectors/").text()).doesNotContain(PASSWORD).doesNotContain("enc:v1:");

        // The answer sent back with a change: the stored secret stays.
        ObjectNode back = (ObjectNode) got.json();
        ((ObjectNode) back.get("config")).put("period", 30000);
        Resp put = put("/v1/connectors/" + id, back.toString());
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.json().get("config").get("auth").get("password").asText()).isEqualTo("(set)");
        assertThat(engine.project().exportJson(null, true)).contains(PASSWORD).contains("30000");
        assertThat(engine.model().connector(UUID.fromString(id)).config()).contains("enc:v1:").doesNotContain(PASSWORD);
        // The mask where nothing is stored is refused, naming the field.
        Resp bad = patch("/v1/connectors/" + id, "{\"config\":{\"baseUrl\":\"http://127.0.0.1:9\",\"bearerToken\":\"(set)\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("$.config.bearerToken");

        engine.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        engine.security().putUser(Actor.workstation("admin"), UserAccount.local("erik", "engineer"), "engineer-secret".toCharArray());
        Resp plain = as("erik", "engineer-secret", "/v1/project");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.text()).doesNotContain(PASSWORD).doesNotContain("enc:v1:").contains("Boiler");
        Resp refused = as("erik", "engineer-secret", "/v1/project?withSecrets=true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("permission").asText()).isEqualTo("MANAGE_USERS");
        AuditEntry refusal = engine.security().audit(AuditQuery.last(1)).get(0).entry();
        assertThat(refusal.action()).isEqualTo("project.export");
        assertThat(refusal.result()).isEqualTo("refused: MANAGE_USERS");
        Resp with = as("admin", "admin-secret", "/v1/project?withSecrets=true");
        assertThat(with.status()).isEqualTo(200);
        assertThat(with.text()).contains(PASSWORD);
        AuditEntry export = engine.security().audit(AuditQuery.last(1)).get(0).entry();
        assertThat(export.actor()).isEqualTo("admin");
        assertThat(export.action()).isEqualTo("project.export");
        assertThat(export.newValue()).isEqualTo("with secrets");
        assertThat(export.result()).isEqualTo("ok");
    }
}
