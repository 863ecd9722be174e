package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.UserAccount;

/**
 * A project with users: every API endpoint that changes something is refused for a viewer (403,
 * the permission named, nothing changed) and allowed for the role that has the permission; Basic,
 * session and API tokens authenticate; without credentials nothing but login and health answers.
 */
class ApiUsersTest extends ApiTestBase {
    private AlarmDef levelHi;

    @BeforeAll
    static void fastHashes() {
        System.setProperty("peresvet.security.iterations", "1000");
    }

    @BeforeEach
    void users() {
        levelHi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).build();
        engine.edit(new ModelEdit.PutAlarm(levelHi));
        engine.write(level.id(), 4.5);
        engine.flush();
        // A connector, a schedule and a method to change (made before the project has users).
        assertThat(post("/v1/connectors/", "{\"name\":\"Board0\",\"kind\":\"fake\",\"config\":{}}").status()).isEqualTo(201);
        assertThat(post("/v1/schedules/", "{\"name\":\"S0\",\"every\":1,\"unit\":\"minutes\"}").status()).isEqualTo(201);
        assertThat(post("/v1/schedules/", "{\"name\":\"S2\",\"every\":1,\"unit\":\"hours\"}").status()).isEqualTo(201);
        assertThat(post("/v1/methods/", METHOD.formatted("M0")).status()).isEqualTo(201);
        engine.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        Actor admin = Actor.workstation("admin");
        engine.security().putUser(admin, UserAccount.local("vera", "viewer"), "viewer-secret".toCharArray());
        engine.security().putUser(admin, UserAccount.local("olga", "operator"), "operator-secret".toCharArray());
        engine.security().putUser(admin, UserAccount.local("erik", "engineer"), "engineer-secret".toCharArray());
    }

    private HttpRequest.Builder req(String method, String path, String body, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            String password = switch (user) {
                case "vera" -> "viewer-secret";
                case "olga" -> "operator-secret";
                case "erik" -> "engineer-secret";
                default -> "admin-secret";
            };
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /** One changing endpoint: a valid request, the permission it needs, and a user whose role has it. */
    private static final String METHOD = "{\"name\":\"%s\",\"object\":\"/Station/Pump\",\"kind\":\"write\","
            + "\"target\":\"/Station/Pump/Running\",\"formula\":\"true\",\"initiators\":[{\"schedule\":\"S0\"}]}";

    private record Change(String method, String template, String path, String body, String permission, String allowed) {
    }

    private List<Change> changes() {
        String a = levelHi.id().toString();
        String t = mode.id().toString();
        return List.of(
                new Change("POST", "/v1/data/", "/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[3.0]]}]}",
                        "WRITE_VALUES", "olga"),
                new Change("POST", "/v1/tags/{id}/write", "/v1/tags/" + t + "/write", "{\"value\":\"auto\"}", "WRITE_VALUES", "olga"),
                new Change("POST", "/v1/objects/", "/v1/objects/", "{\"parentId\":\"" + station.id() + "\",\"name\":\"New\"}",
                        "EDIT_MODEL", "erik"),
                new Change("PUT", "/v1/objects/{id}", "/v1/objects/" + pump.id(), "{\"name\":\"Pump2\"}", "EDIT_MODEL", "erik"),
                new Change("PATCH", "/v1/objects/{id}", "/v1/objects/" + pump.id(), "{\"description\":\"d\"}", "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/objects/{id}/move", "/v1/objects/" + pump.id() + "/move", "{\"parentId\":\"" + tank.id() + "\"}",
                        "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/objects/{id}/copy", "/v1/objects/" + tank.id() + "/copy",
                        "{\"parentId\":\"" + station.id() + "\",\"name\":\"Tank2\"}", "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/tags/", "/v1/tags/", "{\"objectId\":\"" + pump.id() + "\",\"name\":\"Speed\",\"type\":\"double\"}",
                        "EDIT_MODEL", "erik"),
                new Change("PUT", "/v1/tags/{id}", "/v1/tags/" + t, "{\"objectId\":\"" + tank.id() + "\",\"name\":\"Mode\","
                        + "\"type\":\"string\",\"units\":\"-\"}", "EDIT_MODEL", "erik"),
                new Change("PATCH", "/v1/tags/{id}", "/v1/tags/" + t, "{\"description\":\"d\"}", "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/tags/{id}/move", "/v1/tags/" + count.id() + "/move", "{\"objectId\":\"" + pump.id() + "\"}",
                        "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/tags/{id}/copy", "/v1/tags/" + t + "/copy", "{\"objectId\":\"" + pump.id() + "\",\"name\":\"M2\"}",
                        "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/alarms/{id}/acknowledge", "/v1/alarms/" + a + "/acknowledge", "{}", "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/alarms/acknowledge", "/v1/alarms/acknowledge", "{}", "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/alarms/{id}/shelve", "/v1/alarms/" + a + "/shelve", "{\"reason\":\"r\",\"duration\":60}",
                        "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/alarms/{id}/unshelve", "/v1/alarms/" + a + "/unshelve", "{}", "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/alarms/{id}/reset", "/v1/alarms/" + a + "/reset", "{}", "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/alarms/{id}/out-of-service", "/v1/alarms/" + a + "/out-of-service", "{\"reason\":\"r\"}",
                        "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/alarms/{id}/return-to-service", "/v1/alarms/" + a + "/return-to-service", "{}",
                        "ACK_ALARMS", "olga"),
                new Change("POST", "/v1/connectors/", "/v1/connectors/", "{\"name\":\"Board\",\"kind\":\"fake\",\"config\":{}}",
                        "MANAGE_CONNECTORS", "erik"),
                new Change("PUT", "/v1/connectors/{id}", "/v1/connectors/Board0",
                        "{\"name\":\"Board0\",\"kind\":\"fake\",\"enabled\":true,\"config\":{\"echoDelayMs\":5}}", "MANAGE_CONNECTORS", "erik"),
                new Change("PATCH", "/v1/connectors/{id}", "/v1/connectors/Board0", "{\"config\":{}}", "MANAGE_CONNECTORS", "erik"),
                new Change("POST", "/v1/connectors/{id}/disable", "/v1/connectors/Board0/disable", "{}", "MANAGE_CONNECTORS", "erik"),
                new Change("POST", "/v1/connectors/{id}/enable", "/v1/connectors/Board0/enable", "{}", "MANAGE_CONNECTORS", "erik"),
                new Change("POST", "/v1/schedules/", "/v1/schedules/", "{\"name\":\"S1\",\"every\":5,\"unit\":\"minutes\"}",
                        "EDIT_MODEL", "erik"),
                new Change("PUT", "/v1/schedules/{id}", "/v1/schedules/S0", "{\"name\":\"S0\",\"every\":2,\"unit\":\"minutes\"}",
                        "EDIT_MODEL", "erik"),
                new Change("PATCH", "/v1/schedules/{id}", "/v1/schedules/S0", "{\"every\":3}", "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/methods/", "/v1/methods/", METHOD.formatted("M1"), "EDIT_MODEL", "erik"),
                new Change("PUT", "/v1/methods/{id}", "/v1/methods/M0", METHOD.formatted("M0"), "EDIT_MODEL", "erik"),
                new Change("PATCH", "/v1/methods/{id}", "/v1/methods/M0", "{\"enabled\":false}", "EDIT_MODEL", "erik"),
                new Change("POST", "/v1/alarms/", "/v1/alarms/", "{\"tagId\":\"" + level.id() + "\",\"kind\":\"lo\",\"limit\":0.5}",
                        "EDIT_MODEL", "erik"),
                new Change("PUT", "/v1/alarms/{id}", "/v1/alarms/" + a, "{\"tagId\":\"" + level.id() + "\",\"name\":\"" + levelHi.name()
                        + "\",\"kind\":\"hi\",\"limit\":4.2}", "EDIT_MODEL", "erik"),
                new Change("PATCH", "/v1/alarms/{id}", "/v1/alarms/" + a, "{\"limit\":4.3}", "EDIT_MODEL", "erik"),
                new Change("PUT", "/v1/security/reasons", "/v1/security/reasons", "{\"rules\":[]}", "MANAGE_USERS", "admin"),
                new Change("DELETE", "/v1/methods/{id}", "/v1/methods/M0", null, "EDIT_MODEL", "erik"),
                new Change("DELETE", "/v1/schedules/{id}", "/v1/schedules/S2", null, "EDIT_MODEL", "erik"),
                new Change("DELETE", "/v1/connectors/{id}", "/v1/connectors/Board0", null, "MANAGE_CONNECTORS", "erik"),
                new Change("DELETE", "/v1/alarms/{id}", "/v1/alarms/" + a, null, "EDIT_MODEL", "erik"),
                new Change("DELETE", "/v1/tags/{id}", "/v1/tags/" + count.id(), null, "EDIT_MODEL", "erik"),
                new Change("DELETE", "/v1/objects/{id}", "/v1/objects/" + pump.id(), null, "EDIT_MODEL", "erik"));
    }

    /** Endpoints that change nothing in the plant (sessions, one's own token) or only read. */
    private static final Set<String> NOT_CHANGES = Set.of("POST /v1/login", "POST /v1/logout", "POST /v1/tokens");

    @Test
    void everyChangingEndpointIsRefusedForAViewerAndAllowedForTheRightRole() {
        List<Change> changes = changes();
        Set<String> covered = new TreeSet<>();
        changes.forEach(c -> covered.add(c.method() + " " + c.template()));
        Set<String> changing = new TreeSet<>();
        for (String e : api.endpoints()) {
            if (!e.startsWith("GET ") && !NOT_CHANGES.contains(e)) {
                changing.add(e);
            }
        }
        assertThat(covered).as("every endpoint that changes something is in this test").isEqualTo(changing);

        String modelBefore = engine.project().exportJson(null);
        Object valueBefore = engine.current(level.id()).y();
        String alarmBefore = engine.alarms().get(levelHi.id()).toString();
        long recordsBefore = records().size();
        for (Change c : changes) {
            Resp r = send(req(c.method(), c.path(), c.body(), "vera"));
            assertThat(r.status()).as(c.method() + " " + c.path() + ": " + r.text()).isEqualTo(403);
            assertThat(r.json().get("permission").asText()).as(c.method() + " " + c.path()).isEqualTo(c.permission());
            assertThat(r.json().get("message").asText()).contains(c.permission()).contains("vera");
        }
        engine.flush();
        assertThat(engine.project().exportJson(null)).isEqualTo(modelBefore);
        assertThat(engine.current(level.id()).y()).isEqualTo(valueBefore);
        assertThat(engine.alarms().get(levelHi.id()).toString()).isEqualTo(alarmBefore);
        List<AuditRecord> refused = records().subList(0, changes.size());
        assertThat(refused).allMatch(r -> r.entry().actor().equals("vera") && r.entry().result().startsWith("refused: "));
        // One login record (Basic is checked once, then trusted for a minute) and one per refused call.
        assertThat(records().size() - recordsBefore).isEqualTo(changes.size() + 1);

        List<String> failures = new ArrayList<>();
        for (Change c : changes) {
            Resp r = send(req(c.method(), c.path(), c.body(), c.allowed()));
            if (r.status() == 401 || r.status() == 403) {
                failures.add(c.method() + " " + c.path() + " as " + c.allowed() + ": " + r.status() + " " + r.text());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(engine.model().findObject("/Station/New")).isPresent();
    }

    private List<AuditRecord> records() {
        return engine.security().audit(AuditQuery.last(AuditQuery.MAX_LIMIT));
    }

    @Test
    void credentialsAreNeededOnceTheProjectHasUsers() throws Exception {
        assertThat(get("/v1/tags/").status()).isEqualTo(401);
        assertThat(get("/v1/health").status()).isEqualTo(200);
        assertThat(send(req("GET", "/v1/tags/", null, "vera")).status()).isEqualTo(200);
        HttpRequest.Builder wrong = HttpRequest.newBuilder(URI.create(url("/v1/tags/"))).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("vera:nope".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(wrong).status()).isEqualTo(401);

        Resp login = post("/v1/login", "{\"user\":\"olga\",\"password\":\"operator-secret\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("role").asText()).isEqualTo("operator");
        String token = login.json().get("token").asText();
        assertThat(post("/v1/login", "{\"user\":\"olga\",\"password\":\"wrong\"}").status()).isEqualTo(401);

        Resp me = send(HttpRequest.newBuilder(URI.create(url("/v1/me"))).header("Authorization", "Bearer " + token).GET());
        assertThat(me.json().get("user").asText()).isEqualTo("olga");
        Resp w = send(HttpRequest.newBuilder(URI.create(url("/v1/data/"))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[2.0]]}]}")));
        assertThat(w.status()).isLessThan(300);
        AuditRecord rec = engine.security().audit(new AuditQuery(null, null, "olga", "value.write", null, 1)).get(0);
        assertThat(rec.entry().origin()).isEqualTo("api 127.0.0.1");
        assertThat(rec.entry().target()).isEqualTo("/Station/Tank/Level");

        // A per-user API token acts as its user.
        Resp tok = send(HttpRequest.newBuilder(URI.create(url("/v1/tokens"))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"script\"}")));
        assertThat(tok.status()).isEqualTo(201);
        String apiToken = tok.json().get("token").asText();
        Resp edit = send(HttpRequest.newBuilder(URI.create(url("/v1/tags/" + mode.id()))).header("Authorization", "Bearer " + apiToken)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"units\":\"x\"}")));
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.json().get("permission").asText()).isEqualTo("EDIT_MODEL");

        // The audit trail over the API needs MANAGE_USERS.
        assertThat(send(req("GET", "/v1/audit/?actor=olga", null, "olga")).status()).isEqualTo(403);
        Resp audit = send(req("GET", "/v1/audit/?actor=olga&action=value.&verify=true", null, "admin"));
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("records").get(0).get("action").asText()).isEqualTo("value.write");
        assertThat(audit.json().get("verification").get("intact").asBoolean()).isTrue();
    }
}
