package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.FakeDevice;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * One way to name things: every endpoint that takes a tag, an object (or a connector, an alarm)
 * in its URL takes its UUID or its path (a name for flat lists), answers with the name as asked,
 * and an empty or unknown one is a 404 naming {@code id}, never a 405.
 */
class ApiNamesTest extends ApiTestBase {
    private static final String LEVEL = "/Station/Tank/Level";

    /** A path as one URL segment: its slashes encoded. */
    private static String seg(String path) {
        return path.replace("%", "%25").replace("/", "%2F").replace(" ", "%20").replace("#", "%23");
    }

    private static void assertError(Resp r, int status, String field, String inMessage) {
        ApiDataTest.assertError(r, status, field);
        assertThat(r.json().get("message").asText()).as(r.text()).contains(inMessage);
    }

    @Test
    void aSingleTagOrObjectByItsPath() {
        Resp byPath = get("/v1/tags/" + seg(LEVEL));
        assertThat(byPath.status()).as(byPath.text()).isEqualTo(200);
        assertThat(byPath.json().get("id").asText()).isEqualTo(level.id().toString());
        assertThat(byPath.json().get("path").asText()).isEqualTo(LEVEL);
        assertThat(byPath.json().isObject()).isTrue();

        Resp byId = get("/v1/tags/" + level.id());
        assertThat(byId.json()).isEqualTo(byPath.json());

        Resp object = get("/v1/objects/" + seg("/Station/Tank"));
        assertThat(object.status()).as(object.text()).isEqualTo(200);
        assertThat(object.json().get("id").asText()).isEqualTo(tank.id().toString());

        Resp patched = patch("/v1/tags/" + seg(LEVEL), "{\"units\":\"cm\"}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(engine.model().tag(level.id()).units()).isEqualTo("cm");

        Resp copy = post("/v1/tags/" + seg(LEVEL) + "/copy", "{\"name\":\"Level 2\"}");
        assertThat(copy.status()).as(copy.text()).isEqualTo(201);
        Resp spaced = get("/v1/tags/" + seg("/Station/Tank/Level 2"));
        assertThat(spaced.status()).as(spaced.text()).isEqualTo(200);
        assertThat(delete("/v1/tags/" + seg("/Station/Tank/Level 2")).status()).isEqualTo(200);
        assertThat(engine.model().findTag("/Station/Tank/Level 2")).isEmpty();
    }

    @Test
    void emptyOrUnknownNamesAre404NamingThem() {
        assertError(post("/v1/tags//write", "{\"value\":1}"), 404, "id", "empty");
        assertError(get("/v1/tags//"), 404, "id", "empty");
        assertError(patch("/v1/objects//", "{}"), 404, "id", "empty");
        assertError(post("/v1/tags/" + seg("/Station/Nowhere") + "/write", "{\"value\":1}"), 404, "id",
                "unknown tag '/Station/Nowhere'");
        assertError(get("/v1/tags/" + seg("/Station/Nowhere")), 404, "id", "'/Station/Nowhere'");
        assertError(get("/v1/tags/not-a-tag"), 404, "id", "'not-a-tag'");
        UUID unknown = UUID.randomUUID();
        assertError(post("/v1/tags/" + unknown + "/write", "{\"value\":1}"), 404, "id", unknown.toString());
        assertError(post("/v1/objects//move", "{\"parentId\":null}"), 404, "id", "empty");
        assertError(get("/v1/connectors//log"), 404, "id", "empty");
        assertError(get("/v1/connectors/Nowhere/log"), 404, "id", "'Nowhere'");
        assertError(get("/v1/alarms/" + seg("/Station/Tank/Level#Nope")), 404, "id", "unknown alarm");
    }

    @Test
    void deviceWritesLogsAndAlarmsByName() throws Exception {
        FakeDevice.Factory factory = new FakeDevice.Factory();
        engine.addConnectorFactory(factory);
        ConnectorDef board = ConnectorDef.create("Board", "fake", "{\"echoDelayMs\":5}");
        TagDef relay = TagDef.builder(pump.id(), "Relay", ValueType.BOOL).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + board.id() + "\",\"address\":\"relay\",\"command\":\"relay/set\"}").build();
        AlarmDef hi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).build();
        engine.edit(new ModelEdit.PutConnector(board), new ModelEdit.PutTag(relay), new ModelEdit.PutAlarm(hi));
        long end = System.currentTimeMillis() + 10_000;
        while (!get("/v1/connectors/").text().contains("\"connected\"") && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }

        Resp ok = post("/v1/tags/" + seg("/Station/Pump/Relay") + "/write", "{\"value\":true}");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().get("tagId").asText()).isEqualTo("/Station/Pump/Relay");
        Resp byId = post("/v1/tags/" + relay.id() + "/write", "{\"value\":false}");
        assertThat(byId.json().get("tagId").asText()).isEqualTo(relay.id().toString());

        Resp log = get("/v1/connectors/Board/log");
        assertThat(log.status()).as(log.text()).isEqualTo(200);
        assertThat(log.text()).contains("/Station/Pump/Relay");

        String alarmPath = engine.model().alarmPath(hi.id());
        Resp alarm = get("/v1/alarms/" + seg(alarmPath));
        assertThat(alarm.status()).as(alarm.text()).isEqualTo(200);
        assertThat(alarm.json().get("id").asText()).isEqualTo(hi.id().toString());
    }
}
