package org.peresvet.connector.mqtt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

class PeresvetProtocolTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void connectorMessages() {
        String id = "5f0c7c1e-0000-4000-8000-000000000001";
        assertThat(PeresvetProtocol.parseConnectorMessage("conn2prs/" + id, b("{\"action\":\"getConfig\",\"data\":{\"id\":\"" + id + "\"}}")))
                .isEqualTo(new PeresvetProtocol.ConfigRequest(id, "getConfig"));
        assertThat(PeresvetProtocol.parseConnectorMessage("conn2prs/" + id, b("{\"action\":\"prsConnector.get_configuration\"}")))
                .isEqualTo(new PeresvetProtocol.ConfigRequest(id, "prsConnector.get_configuration"));
        assertThat(PeresvetProtocol.parseConnectorMessage("conn2prs/" + id, b("{\"action\":\"prsConnector.log_line\",\"data\":"
                + "{\"id\":\"" + id + "\",\"level\":\"WARNING\",\"message\":\"modbus timeout\",\"ts\":\"2026-11-27T10:00:00Z\"}}")))
                .isEqualTo(new PeresvetProtocol.LogLine(id, "WARNING", "modbus timeout", "2026-11-27T10:00:00Z"));
        PeresvetProtocol.ConnectorMessage out = PeresvetProtocol.parseConnectorMessage("conn2prs/" + id,
                b("{\"action\":\"prsConnector.command_output\",\"data\":{\"id\":\"" + id + "\",\"command\":\"uptime\",\"status\":\"ok\","
                        + "\"exitCode\":0,\"stdout\":\"up 3 days\",\"stderr\":\"\",\"errorMessage\":null,\"ts\":\"t\"}}"));
        assertThat(out).isEqualTo(new PeresvetProtocol.CommandOutput(id, "uptime", "ok", 0, "up 3 days", "", null, "t"));
        assertThat(PeresvetProtocol.parseConnectorMessage("conn2prs/x", b("{]"))).isInstanceOf(PeresvetProtocol.Rejected.class);
        assertThat(PeresvetProtocol.parseConnectorMessage("conn2prs/x", b("{\"data\":1}"))).isInstanceOf(PeresvetProtocol.Rejected.class);
        assertThat(PeresvetProtocol.lostId("prsConnector/connection_lost/" + id, b("{\"id\":\"" + id + "\"}"))).isEqualTo(id);
    }

    @Test
    void dataInEveryPointForm() {
        UUID tag = UUID.randomUUID();
        long now = Micros.parse("2026-11-27T10:00:00Z");
        PeresvetProtocol.Data d = PeresvetProtocol.parseData(b("{\"data\":[{\"tagId\":\"" + tag + "\",\"data\":["
                + "[1700000000000000, 1.5, 0], [1700000000000001, 7], [\"2026-11-27T09:00:00\", \"txt\", null], [true],"
                + "[1700000000000002, null, 103], [1700000000000003, {\"a\":1}], [1, 2, \"bad\"], [1,2,3,4]]},"
                + "{\"tagId\":\"nope\",\"data\":[]}]}"), now);
        assertThat(d.samples()).hasSize(6);
        assertThat(d.samples().get(0)).isEqualTo(new TagSample(tag, new Sample(1700000000000000L, 1.5, 0)));
        assertThat(d.samples().get(1).sample()).isEqualTo(new Sample(1700000000000001L, 7L, null));
        assertThat(d.samples().get(2).sample().x()).isEqualTo(Micros.parse("2026-11-27T09:00:00Z"));
        assertThat(d.samples().get(3).sample()).isEqualTo(new Sample(now, true, null));
        assertThat(d.samples().get(4).sample().q()).isEqualTo(103);
        assertThat(d.samples().get(5).sample().y()).isInstanceOf(JsonNode.class);
        assertThat(d.problems()).hasSize(3).anyMatch(p -> p.contains("quality")).anyMatch(p -> p.contains("[x, y, q]"))
                .anyMatch(p -> p.contains("not a UUID"));
        assertThat(PeresvetProtocol.parseData(b("{]"), now).problems()).containsExactly("data message is not valid JSON");
        assertThat(PeresvetProtocol.parseData(new byte[] {(byte) 0xfe}, now).problems()).containsExactly("data message is not UTF-8");
    }

    @Test
    void platformAnswers() throws Exception {
        UUID tag = UUID.randomUUID();
        JsonNode full = M.readTree(PeresvetProtocol.fullConfiguration(M.readTree("{\"host\":\"10.0.0.5\"}"), "INFO",
                List.of(new PeresvetProtocol.TagConfig(tag, true, ValueType.DOUBLE, M.readTree("{\"reg\":40001}"), 0.5))));
        assertThat(full.get("action").asText()).isEqualTo("prsConnector.full_configuration");
        assertThat(full.at("/data/prsActive").asBoolean()).isTrue();
        assertThat(full.at("/data/prsJsonConfigString/source/host").asText()).isEqualTo("10.0.0.5");
        assertThat(full.at("/data/prsJsonConfigString/log/level").asText()).isEqualTo("INFO");
        assertThat(full.at("/data/tags/" + tag + "/prsValueTypeCode").asInt()).isEqualTo(1);
        assertThat(full.at("/data/tags/" + tag + "/prsJsonConfigString/source/reg").asInt()).isEqualTo(40001);
        assertThat(full.at("/data/tags/" + tag + "/prsJsonConfigString/maxDev").asDouble()).isEqualTo(0.5);
        JsonNode del = M.readTree(PeresvetProtocol.tagsDeleted(List.of(tag)));
        assertThat(del.get("action").asText()).isEqualTo("prsConnector.tags_deleted");
        assertThat(del.at("/data/tags/0").asText()).isEqualTo(tag.toString());
        assertThat(M.readTree(PeresvetProtocol.tagsConfiguration(List.of())).get("action").asText())
                .isEqualTo("prsConnector.tags_configuration");
    }
}
