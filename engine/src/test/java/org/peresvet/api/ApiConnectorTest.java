package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.FakeDevice;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Connector statuses, their logs and writes to devices through the HTTP API. */
class ApiConnectorTest extends ApiTestBase {

    @Test
    void statusesLogsAndConfirmedWrites() throws Exception {
        FakeDevice.Factory factory = new FakeDevice.Factory();
        engine.addConnectorFactory(factory);
        ConnectorDef board = ConnectorDef.create("Board", "fake", "{\"echoDelayMs\":10}");
        TagDef relay = TagDef.builder(pump.id(), "Relay", ValueType.BOOL).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + board.id() + "\",\"address\":\"relay\",\"command\":\"relay/set\"}").build();
        engine.edit(new ModelEdit.PutConnector(board), new ModelEdit.PutTag(relay));
        long end = System.currentTimeMillis() + 10_000;
        Resp list;
        do {
            Thread.sleep(10);
            list = get("/v1/connectors/");
        } while (!list.json().get("connectors").get(0).get("state").asText().equals("connected") && System.currentTimeMillis() < end);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("connectors").get(0).get("name").asText()).isEqualTo("Board");
        assertThat(list.json().get("connectors").get(0).get("state").asText()).isEqualTo("connected");
        assertThat(list.json().get("connectors").get(0).get("boundTags").asInt()).isEqualTo(1);
        assertThat(get("/metrics").text()).contains("peresvet_connector_up{connector=\"Board\",kind=\"fake\"} 1\n")
                .contains("peresvet_connector_bound_tags{connector=\"Board\",kind=\"fake\"} 1\n");

        Resp ok = post("/v1/tags/" + relay.id() + "/write", "{\"value\":true}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("confirmed").asBoolean()).isTrue();
        assertThat(ok.json().get("echoed").asBoolean()).isTrue();

        Resp refused = post("/v1/tags/" + level.id() + "/write", "{\"value\":1}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("is not bound to a connector");
        assertThat(post("/v1/tags/" + relay.id() + "/write", "{}").status()).isEqualTo(400);

        factory.devices.get("Board").drop("unplugged");
        Resp down = post("/v1/tags/" + relay.id() + "/write", "{\"value\":false}");
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.json().get("status").asText()).isEqualTo("not_sent");
        assertThat(down.json().get("reason").asText()).contains("unplugged");

        Resp log = get("/v1/connectors/" + board.id() + "/log");
        assertThat(log.status()).isEqualTo(200);
        // The write is recorded under the API principal (no token on loopback: "anonymous"), no longer a fixed "api".
        assertThat(log.text()).contains("write by anonymous /Station/Pump/Relay: null -> true: CONFIRMED").contains("unplugged");
        assertThat(get("/v1/connectors/" + UUID.randomUUID() + "/log").status()).isEqualTo(404);
    }
}
