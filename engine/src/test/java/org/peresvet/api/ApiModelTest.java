package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.api.ApiDataTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** {@code /v1/objects/} and {@code /v1/tags/}. */
class ApiModelTest extends ApiTestBase {

    // ---- objects ----

    @Test
    void createReadUpdateDeleteAnObject() {
        Resp created = post("/v1/objects/", "{\"parentId\":\"/Station\",\"name\":\"Valve\",\"description\":\"inlet\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/objects/" + id);
        assertThat(created.json().get("path").asText()).isEqualTo("/Station/Valve");
        assertThat(created.json().get("parentId").asText()).isEqualTo(station.id().toString());
        ObjectDef stored = engine.model().object(UUID.fromString(id));
        assertThat(stored.name()).isEqualTo("Valve");
        assertThat(stored.description()).isEqualTo("inlet");

        Resp read = get("/v1/objects/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());

        Resp patched = patch("/v1/objects/" + id, "{\"name\":\"Inlet valve\"}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.json().get("path").asText()).isEqualTo("/Station/Inlet valve");
        assertThat(patched.json().get("description").asText()).isEqualTo("inlet"); // PATCH keeps the rest
        assertThat(patched.json().get("id").asText()).isEqualTo(id);
        assertThat(engine.model().objectCount()).isEqualTo(4);

        Resp replaced = put("/v1/objects/" + id, "{\"name\":\"V1\",\"parentId\":\"" + station.id() + "\"}");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.json().get("description").asText()).isEmpty(); // PUT: absent = default
        assertThat(replaced.json().get("id").asText()).isEqualTo(id);
        assertThat(engine.model().objectCount()).isEqualTo(4);

        // What was read can be sent back unchanged (path is read-only but accepted when unchanged).
        Resp roundTrip = put("/v1/objects/" + id, replaced.text());
        assertThat(roundTrip.status()).as(roundTrip.text()).isEqualTo(200);

        Resp deleted = delete("/v1/objects/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("deleted").get("objects").asInt()).isEqualTo(1);
        assertThat(get("/v1/objects/" + id).status()).isEqualTo(404);
        assertThat(delete("/v1/objects/" + id).status()).isEqualTo(404);
    }

    @Test
    void readByPathAndBySubtreeWithAScope() {
        Resp roots = get("/v1/objects/");
        assertThat(roots.json().get("objects")).extracting(n -> n.get("path").asText()).containsExactly("/Station");

        Resp one = get("/v1/objects/?path=" + enc("/Station/Tank"));
        assertThat(one.json().get("objects")).extracting(n -> n.get("id").asText()).containsExactly(tank.id().toString());
        assertThat(one.json().get("tags")).isEmpty();

        Resp children = get("/v1/objects/?id=" + station.id() + "&scope=children");
        assertThat(children.json().get("objects")).extracting(n -> n.get("path").asText())
                .containsExactly("/Station", "/Station/Pump", "/Station/Tank");
        assertThat(children.json().get("tags")).isEmpty();

        Resp subtree = get("/v1/objects/?path=" + enc("/Station") + "&scope=subtree");
        assertThat(subtree.json().get("objects")).hasSize(3);
        assertThat(subtree.json().get("tags")).extracting(n -> n.get("path").asText())
                .containsExactlyInAnyOrder("/Station/Tank/Level", "/Station/Tank/Mode", "/Station/Tank/Count",
                        "/Station/Pump/Running");
        JsonNode lvl = find(subtree.json().get("tags"), "/Station/Tank/Level");
        assertThat(lvl.get("units").asText()).isEqualTo("m");
        assertThat(lvl.get("deadband").asDouble()).isEqualTo(0.1);
        assertThat(lvl.get("max").asDouble()).isEqualTo(5.0);
        assertThat(lvl.get("type").asText()).isEqualTo("double");

        assertError(get("/v1/objects/?path=" + enc("/Nowhere")), 404, "path");
        assertError(get("/v1/objects/?path=" + enc("/Station") + "&scope=everything"), 400, "scope");
        assertError(get("/v1/objects/not-a-uuid"), 404, "id");
    }

    @Test
    void moveAnObject() {
        Resp moved = post("/v1/objects/" + pump.id() + "/move", "{\"parentId\":\"" + tank.id() + "\"}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("path").asText()).isEqualTo("/Station/Tank/Pump");
        assertThat(engine.model().findTag("/Station/Tank/Pump/Running")).isPresent();

        Resp toTop = post("/v1/objects/" + pump.id() + "/move", "{\"parentId\":null}");
        assertThat(toTop.json().get("path").asText()).isEqualTo("/Pump");

        Resp intoItself = post("/v1/objects/" + station.id() + "/move", "{\"parentId\":\"" + tank.id() + "\"}");
        assertThat(intoItself.status()).isEqualTo(400);
        assertThat(intoItself.json().get("field").asText()).isEqualTo("$.parentId");
        assertError(post("/v1/objects/" + pump.id() + "/move", "{}"), 400, "$.parentId");
        assertError(post("/v1/objects/" + pump.id() + "/move", "{\"parentId\":\"/Nope\"}"), 404, "$.parentId");
    }

    @Test
    void copyASubtreeWithNewIds() {
        Resp copy = post("/v1/objects/" + tank.id() + "/copy", "{\"name\":\"Tank 2\"}");
        assertThat(copy.status()).as(copy.text()).isEqualTo(201);
        UUID newId = UUID.fromString(copy.json().get("id").asText());
        assertThat(newId).isNotEqualTo(tank.id());
        assertThat(copy.json().get("path").asText()).isEqualTo("/Station/Tank 2");
        TagDef copiedLevel = engine.model().findTag("/Station/Tank 2/Level").orElseThrow();
        assertThat(copiedLevel.id()).isNotEqualTo(level.id());
        assertThat(copiedLevel.deadband()).isEqualTo(0.1);
        assertThat(copiedLevel.units()).isEqualTo("m");
        assertThat(engine.model().tagsOf(newId)).hasSize(3);
        assertThat(engine.model().findTag("/Station/Tank/Level")).contains(level); // the original is untouched

        Resp elsewhere = post("/v1/objects/" + station.id() + "/copy", "{\"parentId\":null,\"name\":\"Station B\"}");
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(engine.model().findTag("/Station B/Tank 2/Level")).isPresent();
        assertThat(engine.model().findTag("/Station B/Pump/Running")).isPresent();

        Resp clash = post("/v1/objects/" + tank.id() + "/copy", "{}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("field").asText()).isEqualTo("$.name");
        assertThat(clash.json().get("message").asText()).contains("already exists");
    }

    @Test
    void objectErrorsNameTheField() {
        assertError(post("/v1/objects/", "{\"name\":\"A/B\"}"), 400, "$.name");
        assertError(post("/v1/objects/", "{\"parentId\":\"/Station\"}"), 400, "$.name");
        assertError(post("/v1/objects/", "{\"name\":\"X\",\"colour\":\"red\"}"), 400, "$.colour");
        assertError(post("/v1/objects/", "{\"name\":5}"), 400, "$.name");
        assertError(post("/v1/objects/", "{\"name\":\"X\",\"parentId\":\"" + UUID.randomUUID() + "\"}"), 404, "$.parentId");
        assertError(post("/v1/objects/", "{\"name\":\"Tank\",\"parentId\":\"/Station\"}"), 409, "$.name");
        assertError(post("/v1/objects/", "{\"name\":\"X\",\"path\":\"/X\"}"), 400, "$.path");
        assertError(post("/v1/objects/", "[1,2]"), 400, "$");
        assertError(post("/v1/objects/", "{\"name\":\"X\",\"id\":\"" + tank.id() + "\"}"), 409, "$.id");
        assertError(patch("/v1/objects/" + tank.id(), "{\"id\":\"" + UUID.randomUUID() + "\"}"), 400, "$.id");
        assertError(patch("/v1/objects/" + UUID.randomUUID(), "{}"), 404, "id");
        assertThat(engine.model().objectCount()).isEqualTo(3);
    }

    // ---- tags ----

    @Test
    void createReadUpdateDeleteATag() {
        Resp created = post("/v1/tags/", "{\"objectId\":\"/Station/Tank\",\"name\":\"Temperature\",\"type\":\"double\","
                + "\"units\":\"°C\",\"min\":-20,\"max\":120,\"deadband\":0.5,\"default\":20}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asText());
        assertThat(created.header("Location")).isEqualTo("/v1/tags/" + id);
        assertThat(created.json().get("path").asText()).isEqualTo("/Station/Tank/Temperature");
        TagDef t = engine.model().tag(id);
        assertThat(t.type()).isEqualTo(ValueType.DOUBLE);
        assertThat(t.units()).isEqualTo("°C");
        assertThat(t.defaultValue()).isEqualTo(20.0);
        engine.flush();
        assertThat(engine.current(id).y()).isEqualTo(20.0); // the running engine took it at once

        Resp read = get("/v1/tags/" + id);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(get("/v1/tags/?path=" + enc("/Station/Tank/Temperature")).json().get("tags").get(0)).isEqualTo(created.json());

        Resp patched = patch("/v1/tags/" + id, "{\"deadband\":1.0,\"description\":\"water\"}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(engine.model().tagCount()).isEqualTo(5);
        assertThat(engine.model().tag(id).deadband()).isEqualTo(1.0);
        assertThat(engine.model().tag(id).units()).isEqualTo("°C");

        // A type change converts the default, or says why it cannot.
        Resp toInt = patch("/v1/tags/" + id, "{\"type\":\"int\"}");
        assertThat(toInt.status()).as(toInt.text()).isEqualTo(200);
        assertThat(engine.model().tag(id).defaultValue()).isEqualTo(20L);
        assertError(patch("/v1/tags/" + id, "{\"type\":\"json\"}"), 400, "$.min");

        Resp replaced = put("/v1/tags/" + id, "{\"objectId\":\"" + tank.id() + "\",\"name\":\"Temperature\",\"type\":\"string\"}");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(engine.model().tag(id).units()).isEmpty();
        assertThat(engine.model().tag(id).min()).isNull();
        assertThat(put("/v1/tags/" + id, replaced.text()).status()).isEqualTo(200);

        Resp deleted = delete("/v1/tags/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(engine.model().tag(id)).isNull();
        assertThat(get("/v1/tags/" + id).status()).isEqualTo(404);
    }

    @Test
    void listTagsOfAnObjectOrASubtree() {
        Resp own = get("/v1/tags/?objectId=" + tank.id());
        assertThat(own.json().get("tags")).extracting(n -> n.get("name").asText()).containsExactly("Count", "Level", "Mode");
        Resp below = get("/v1/tags/?objectId=" + enc("/Station") + "&scope=subtree");
        assertThat(below.json().get("tags")).hasSize(4);
        assertThat(get("/v1/tags/?objectId=" + enc("/Station")).json().get("tags")).isEmpty();
        Resp all = get("/v1/tags/");
        assertThat(all.json().get("tags")).extracting(n -> n.get("path").asText())
                .containsExactly("/Station/Pump/Running", "/Station/Tank/Count", "/Station/Tank/Level", "/Station/Tank/Mode");
        assertError(get("/v1/tags/?path=" + enc("/Station/Tank/Nope")), 404, "path");
    }

    @Test
    void moveAndCopyATag() {
        Resp moved = post("/v1/tags/" + mode.id() + "/move", "{\"objectId\":\"/Station/Pump\"}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("path").asText()).isEqualTo("/Station/Pump/Mode");
        assertThat(engine.model().tag(mode.id()).objectId()).isEqualTo(pump.id());

        Resp copy = post("/v1/tags/" + level.id() + "/copy", "{\"name\":\"Level 2\"}");
        assertThat(copy.status()).as(copy.text()).isEqualTo(201);
        TagDef c = engine.model().findTag("/Station/Tank/Level 2").orElseThrow();
        assertThat(c.id()).isNotEqualTo(level.id());
        assertThat(c.deadband()).isEqualTo(level.deadband());
        Resp copyElsewhere = post("/v1/tags/" + level.id() + "/copy", "{\"objectId\":\"" + pump.id() + "\"}");
        assertThat(copyElsewhere.json().get("path").asText()).isEqualTo("/Station/Pump/Level");
        assertError(post("/v1/tags/" + level.id() + "/copy", "{}"), 409, "$.name");
        assertError(post("/v1/tags/" + level.id() + "/move", "{\"objectId\":\"/Nope\"}"), 404, "$.objectId");
    }

    @Test
    void tagErrorsNameTheField() {
        String obj = "\"objectId\":\"" + tank.id() + "\"";
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\"}"), 400, "$.type");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"complex\"}"), 400, "$.type");
        assertError(post("/v1/tags/", "{\"name\":\"T\",\"type\":\"int\"}"), 400, "$.objectId");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"int\",\"deadband\":\"big\"}"), 400, "$.deadband");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"int\",\"deadband\":-1}"), 400, "$.deadband");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"int\",\"step\":\"yes\"}"), 400, "$.step");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"int\",\"default\":\"x\"}"), 400, "$.default");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"int\",\"min\":5,\"max\":1}"), 400, "$.min");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"int\",\"unit\":\"m\"}"), 400, "$.unit");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"Level\",\"type\":\"int\"}"), 409, "$.name");
        assertError(post("/v1/tags/", "{" + obj + ",\"name\":\"T\",\"type\":\"string\",\"source\":\"simulated\","
                + "\"sourceConfig\":{\"function\":\"sine\"}}"), 400, "$.source");
        assertError(post("/v1/tags/", "{\"objectId\":\"/Nope\",\"name\":\"T\",\"type\":\"int\"}"), 404, "$.objectId");
        assertThat(engine.model().tagCount()).isEqualTo(4);
    }

    @Test
    void simulatedTagsCarryTheirConfigAsJson() {
        Resp created = post("/v1/tags/", "{\"objectId\":\"" + tank.id() + "\",\"name\":\"Wave\",\"type\":\"double\","
                + "\"source\":\"simulated\",\"sourceConfig\":{\"function\":\"sine\",\"period\":10}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("source").asText()).isEqualTo("simulated");
        assertThat(created.json().get("sourceConfig").get("function").asText()).isEqualTo("sine");
    }

    // ---- references ----

    @Test
    void deletingAnItemInUseIsRefusedWithTheReferencesUnlessForced() {
        api.close();
        // A formula in /Station/Pump uses Level; a screen uses the pump object.
        UUID formulaTag = running.id();
        ReferenceFinder finder = (model, id) -> {
            if (id.equals(level.id())) {
                return List.of(new ReferenceFinder.Reference("formula", id, formulaTag, "/Station/Pump/Running", "Level > 4"));
            }
            if (id.equals(pump.id())) {
                return List.of(new ReferenceFinder.Reference("screen", id, null, "Overview", "pump symbol"));
            }
            return List.of();
        };
        api = ApiServer.start(engine, config(), ApiHooks.defaults().withReferences(finder));

        Resp refused = delete("/v1/tags/" + level.id());
        assertThat(refused.status()).isEqualTo(409);
        JsonNode refs = refused.json().get("references");
        assertThat(refs).hasSize(1);
        assertThat(refs.get(0).get("kind").asText()).isEqualTo("formula");
        assertThat(refs.get(0).get("targetPath").asText()).isEqualTo("/Station/Tank/Level");
        assertThat(refs.get(0).get("source").asText()).isEqualTo("/Station/Pump/Running");
        assertThat(refs.get(0).get("sourceId").asText()).isEqualTo(formulaTag.toString());
        assertThat(refused.json().get("message").asText()).contains("force=true");
        assertThat(engine.model().tag(level.id())).isNotNull();

        // Deleting the station covers both references' targets; the formula is deleted with it,
        // but the screen is not: refused for the screen only.
        Resp station = delete("/v1/objects/" + this.station.id());
        assertThat(station.status()).isEqualTo(409);
        assertThat(station.json().get("references")).extracting(n -> n.get("kind").asText()).containsExactly("screen");

        // The tank alone: the formula that uses Level lives elsewhere.
        assertThat(delete("/v1/objects/" + tank.id()).status()).isEqualTo(409);
        Resp forced = delete("/v1/objects/" + tank.id() + "?force=true");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("deleted").get("tags").asInt()).isEqualTo(3);
        assertThat(engine.model().tag(level.id())).isNull();
    }

    private static JsonNode find(JsonNode arr, String path) {
        for (JsonNode n : arr) {
            if (n.get("path").asText().equals(path)) {
                return n;
            }
        }
        throw new AssertionError(path + " not in " + arr);
    }
}
