package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.FakeDevice;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SourceKind;

/**
 * A whole project built over the API: connectors (create, change, enable/disable, delete with the
 * model's reference rule), alarm definitions, schedules and methods, each change a model edit of
 * the running engine; strict bodies, 404 for unknown names, 409 for clashes and uses.
 */
class ApiDefinitionsTest extends ApiTestBase {

    private static String seg(String path) {
        return path.replace("/", "%2F").replace(" ", "%20").replace("#", "%23");
    }

    private static void assertStatus(Resp r, int status, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        if (field != null) {
            assertThat(r.json().get("field").asText()).as(r.text()).isEqualTo(field);
        }
    }

    @Test
    void connectorsAreCreatedChangedSwitchedAndDeletedWithTheModelsRules() throws Exception {
        engine.addConnectorFactory(new FakeDevice.Factory());
        Resp created = post("/v1/connectors/", "{\"name\":\"Board\",\"kind\":\"fake\",\"config\":{\"echoDelayMs\":5}}");
        assertStatus(created, 201, null);
        UUID id = UUID.fromString(created.json().get("id").asText());
        assertThat(created.header("Location")).isEqualTo("/v1/connectors/" + id);
        assertThat(engine.model().connector(id).kind()).isEqualTo("fake");
        awaitState("Board", "connected");

        // A tag bound to it, over the API too.
        Resp relay = post("/v1/tags/", "{\"objectId\":\"/Station/Pump\",\"name\":\"Relay\",\"type\":\"bool\",\"source\":\"connector\","
                + "\"sourceConfig\":{\"connector\":\"" + id + "\",\"address\":\"relay\",\"command\":\"relay/set\"}}");
        assertStatus(relay, 201, null);
        Resp one = get("/v1/connectors/Board");
        assertStatus(one, 200, null);
        assertThat(one.json().get("boundTags").asInt()).isEqualTo(1);
        assertThat(one.json().get("config").get("echoDelayMs").asInt()).isEqualTo(5);

        // PATCH some keys; PUT what GET gave back unchanged; the model's rules answer as they do for the workstation.
        assertStatus(patch("/v1/connectors/Board", "{\"name\":\"Board 2\"}"), 200, null);
        assertThat(engine.model().connector(id).name()).isEqualTo("Board 2");
        Resp again = get("/v1/connectors/" + id);
        assertStatus(put("/v1/connectors/" + id, again.text()), 200, null);
        assertThat(engine.model().connector(id).name()).isEqualTo("Board 2");
        assertStatus(post("/v1/connectors/", "{\"name\":\"board 2\",\"kind\":\"fake\"}"), 409, "$.name");
        assertStatus(post("/v1/connectors/", "{\"name\":\"X\",\"kind\":\"no such kind!\"}"), 400, "$.kind");
        assertStatus(post("/v1/connectors/", "{\"name\":\"X\",\"kind\":\"fake\",\"colour\":\"red\"}"), 400, "$.colour");
        assertStatus(post("/v1/connectors/", "{\"name\":\"X\",\"kind\":\"fake\",\"config\":[1]}"), 400, "$.config");
        assertStatus(patch("/v1/connectors/" + id, "{\"id\":\"" + UUID.randomUUID() + "\"}"), 400, "$.id");
        assertStatus(patch("/v1/connectors/Nowhere", "{}"), 404, "id");

        // Disable stops it, enable starts it again; both are model edits.
        Resp off = post("/v1/connectors/" + seg("Board 2") + "/disable", "{}");
        assertStatus(off, 200, null);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(engine.model().connector(id).enabled()).isFalse();
        awaitState("Board 2", "stopped");
        assertThat(post("/v1/connectors/" + id + "/enable", "").json().get("enabled").asBoolean()).isTrue();
        awaitState("Board 2", "connected");

        // In use: refused with the bound tag named; with force its tags become manual.
        Resp refused = delete("/v1/connectors/" + id);
        assertStatus(refused, 409, null);
        assertThat(refused.json().get("message").asText()).contains("Relay");
        assertThat(engine.model().connector(id)).isNotNull();
        Resp forced = delete("/v1/connectors/" + id + "?force=true");
        assertStatus(forced, 200, null);
        assertThat(forced.json().get("unboundTags").asInt()).isEqualTo(1);
        assertThat(engine.model().connector(id)).isNull();
        assertThat(engine.model().findTag("/Station/Pump/Relay").orElseThrow().source()).isEqualTo(SourceKind.MANUAL);
        assertStatus(get("/v1/connectors/" + id), 404, "id");
    }

    private void awaitState(String name, String state) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            for (JsonNode c : get("/v1/connectors/").json().get("connectors")) {
                if (c.get("name").asText().equals(name) && c.get("state").asText().equals(state)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " did not become " + state + ": " + get("/v1/connectors/").text());
    }

    @Test
    void alarmDefinitionsOnATagByPath() {
        Resp created = post("/v1/alarms/", "{\"tagId\":\"/Station/Tank/Level\",\"kind\":\"hi\",\"priority\":\"high\",\"limit\":4.5,"
                + "\"message\":\"Tank level high\"}");
        assertStatus(created, 201, null);
        UUID id = UUID.fromString(created.json().get("id").asText());
        AlarmDef def = engine.model().alarm(id);
        assertThat(def.tagId()).isEqualTo(level.id());
        assertThat(def.limit()).isEqualTo(4.5);
        String path = created.json().get("path").asText();
        assertThat(path).isEqualTo(engine.model().alarmPath(id));

        // It is evaluated at once: a value above the limit raises it.
        assertThat(write(level.id(), "[[4.8]]").status()).isEqualTo(200);
        assertThat(get("/v1/alarms/" + id).json().get("active").asBoolean()).isTrue();

        Resp byPath = get("/v1/alarms/" + seg(path) + "/definition");
        assertStatus(byPath, 200, null);
        assertStatus(put("/v1/alarms/" + id, byPath.text()), 200, null);
        assertThat(engine.model().alarm(id)).isEqualTo(def);
        assertStatus(patch("/v1/alarms/" + seg(path), "{\"limit\":4.9,\"enabled\":false}"), 200, null);
        assertThat(engine.model().alarm(id).limit()).isEqualTo(4.9);
        assertThat(engine.model().alarm(id).enabled()).isFalse();

        assertStatus(post("/v1/alarms/", "{\"kind\":\"hi\",\"limit\":1}"), 400, "$.tagId");
        assertStatus(post("/v1/alarms/", "{\"tagId\":\"/Station/Nowhere\",\"kind\":\"hi\",\"limit\":1}"), 404, "$.tagId");
        assertStatus(post("/v1/alarms/", "{\"tagId\":\"" + level.id() + "\",\"kind\":\"very high\"}"), 400, "$.kind");
        assertStatus(post("/v1/alarms/", "{\"tagId\":\"" + level.id() + "\",\"kind\":\"hi\",\"limit\":\"high\"}"), 400, "$.limit");
        assertStatus(delete("/v1/alarms/" + seg(path)), 200, null);
        assertThat(engine.model().alarm(id)).isNull();
        assertStatus(delete("/v1/alarms/" + id), 404, "id");
    }

    @Test
    void schedulesAndTheMethodsTheyStart() {
        Resp schedule = post("/v1/schedules/", "{\"name\":\"Every minute\",\"every\":1,\"unit\":\"minutes\"}");
        assertStatus(schedule, 201, null);
        UUID sid = UUID.fromString(schedule.json().get("id").asText());
        assertThat(engine.model().schedule(sid).kind()).isEqualTo(ScheduleDef.Kind.INTERVAL);
        assertStatus(post("/v1/schedules/", "{\"name\":\"every minute\",\"every\":5,\"unit\":\"minutes\"}"), 409, "$.name");
        assertStatus(post("/v1/schedules/", "{\"name\":\"Bad\",\"every\":1,\"unit\":\"fortnights\"}"), 400, "$");
        assertThat(get("/v1/schedules/").json().get("schedules")).hasSize(1);

        // A method started by the schedule (named by name) and by a tag, on an object named by path.
        Resp method = post("/v1/methods/", "{\"name\":\"Refill\",\"object\":\"/Station/Pump\",\"kind\":\"write\","
                + "\"target\":\"/Station/Pump/Running\",\"formula\":\"true\","
                + "\"initiators\":[{\"schedule\":\"Every minute\"},{\"tag\":\"/Station/Tank/Level\",\"condition\":\"{/Station/Tank/Level} < 1\"}]}");
        assertStatus(method, 201, null);
        UUID mid = UUID.fromString(method.json().get("id").asText());
        MethodDef m = engine.model().method(mid);
        assertThat(m.objectId()).isEqualTo(pump.id());
        assertThat(m.initiators().get(0).scheduleId()).isEqualTo(sid);
        assertStatus(get("/v1/methods/Refill"), 200, null);
        assertStatus(patch("/v1/methods/Refill", "{\"enabled\":false}"), 200, null);
        assertThat(engine.model().method(mid).enabled()).isFalse();
        assertStatus(put("/v1/methods/" + mid, get("/v1/methods/" + mid).text()), 200, null);
        assertStatus(post("/v1/methods/", "{\"name\":\"Lonely\",\"kind\":\"write\",\"target\":\"/Station/Pump/Running\","
                + "\"formula\":\"true\"}"), 400, "$.initiators");
        assertStatus(post("/v1/methods/", "{\"name\":\"X\",\"initiators\":[{\"schedule\":\"Nowhere\"}]}"), 404,
                "$.initiators[0].schedule");

        // The schedule is in use: refused; with force the method keeps its tag initiator.
        Resp inUse = delete("/v1/schedules/" + seg("Every minute"));
        assertStatus(inUse, 409, null);
        assertThat(inUse.json().get("message").asText()).contains("Refill");
        Resp forced = delete("/v1/schedules/" + sid + "?force=true");
        assertStatus(forced, 200, null);
        assertThat(forced.json().get("changedMethods").asInt()).isEqualTo(1);
        assertThat(engine.model().schedule(sid)).isNull();
        assertThat(engine.model().method(mid).initiators()).hasSize(1);
        assertStatus(delete("/v1/methods/Refill"), 200, null);
        assertThat(engine.model().methods()).isEmpty();
        assertStatus(get("/v1/methods/Refill"), 404, "id");
    }

    @Test
    void changesNeedTheModelEditAccessAndAPrincipal() {
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0), ApiHooks.defaults().withAuthorizer(
                r -> r.access() == ApiAccess.EDIT_MODEL ? ApiAuthorizer.Decision.forbidden("read only")
                        : ApiAuthorizer.Decision.allow("viewer")));
        assertStatus(post("/v1/schedules/", "{\"name\":\"S\",\"every\":1,\"unit\":\"minutes\"}"), 403, null);
        assertStatus(post("/v1/connectors/" + UUID.randomUUID() + "/disable", "{}"), 403, null);
        assertStatus(get("/v1/schedules/"), 200, null);

        // An authorizer that names nobody: a change cannot be recorded under anyone, so it is refused.
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0),
                ApiHooks.defaults().withAuthorizer(r -> ApiAuthorizer.Decision.allow(" ")));
        assertStatus(post("/v1/schedules/", "{\"name\":\"S\",\"every\":1,\"unit\":\"minutes\"}"), 401, "Authorization");
        assertThat(engine.model().schedules()).isEmpty();
    }
}
