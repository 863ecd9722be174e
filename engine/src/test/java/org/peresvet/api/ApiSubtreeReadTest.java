package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.FakeDevice;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.peresvet.security.Role;
import org.peresvet.security.SubtreeRule;
import org.peresvet.security.UserAccount;

/**
 * READ per subtree over the API, with two users: vera reads everything; anna reads only the
 * tank (no role elsewhere). Anna's lists hold only the tank's objects, tags and alarms; current
 * values, history, a tag, an object or an alarm outside it are refused with 403 naming READ.
 */
class ApiSubtreeReadTest extends ApiTestBase {

    @BeforeAll
    static void fastHashes() {
        System.setProperty("peresvet.security.iterations", "1000");
    }

    private Resp as(String user, String path) {
        String password = user.equals("vera") ? "viewer-secret" : "tank-secret";
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static void refusedForRead(Resp r) {
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().get("permission").asText()).isEqualTo("READ");
    }

    @Test
    void aUserWhoseReadIsLimitedToASubtreeSeesOnlyItAndIsRefusedTheRest() {
        TagDef speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).build();
        AlarmDef levelHi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(1.0).build();
        AlarmDef speedHi = AlarmDef.builder(speed.id(), AlarmKind.HI).limit(1.0).build();
        engine.edit(new ModelEdit.PutTag(speed), new ModelEdit.PutAlarm(levelHi), new ModelEdit.PutAlarm(speedHi));
        engine.write(level.id(), 2.0);
        engine.write(speed.id(), 2.0);
        engine.flush();
        engine.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        Actor admin = Actor.workstation("admin");
        engine.security().putUser(admin, UserAccount.local("vera", "viewer"), "viewer-secret".toCharArray());
        engine.security().putUser(admin, UserAccount.local("anna", Role.NONE.name())
                .withRules(List.of(new SubtreeRule(tank.id(), "viewer"))), "tank-secret".toCharArray());

        // Lists: vera sees everything, anna the tank only.
        assertThat(names(as("vera", "/v1/tags/").json().get("tags"), "name")).contains("Level", "Running", "Speed");
        assertThat(names(as("anna", "/v1/tags/").json().get("tags"), "name")).containsExactlyInAnyOrder("Level", "Mode", "Count");
        assertThat(names(as("vera", "/v1/objects/?scope=subtree").json().get("objects"), "name"))
                .containsExactlyInAnyOrder("Station", "Tank", "Pump");
        JsonNode annaObjects = as("anna", "/v1/objects/?scope=subtree").json();
        assertThat(names(annaObjects.get("objects"), "name")).containsExactly("Tank");
        assertThat(names(annaObjects.get("tags"), "name")).doesNotContain("Running", "Speed");
        assertThat(names(as("vera", "/v1/alarms/").json().get("alarms"), "id"))
                .contains(levelHi.id().toString(), speedHi.id().toString());
        assertThat(names(as("anna", "/v1/alarms/").json().get("alarms"), "id")).containsExactly(levelHi.id().toString());

        // One thing outside: 403 naming READ.
        refusedForRead(as("anna", "/v1/data/?tagId=" + speed.id()));
        refusedForRead(as("anna", "/v1/data/?tagId=" + speed.id() + "&tagId=" + level.id() + "&start=" + enc("2020-01-01T00:00:00Z")));
        refusedForRead(as("anna", "/v1/tags/" + running.id()));
        refusedForRead(as("anna", "/v1/objects/" + pump.id()));
        refusedForRead(as("anna", "/v1/alarms/" + speedHi.id()));
        refusedForRead(as("anna", "/v1/alarms/" + speedHi.id() + "/definition"));
        refusedForRead(as("anna", "/v1/tags/?path=" + enc("/Station/Pump/Speed")));
        // Inside: answered, as for vera.
        assertThat(as("anna", "/v1/data/?tagId=" + level.id()).status()).isEqualTo(200);
        assertThat(as("anna", "/v1/data/?tagId=" + level.id() + "&start=" + enc("2020-01-01T00:00:00Z")).status()).isEqualTo(200);
        assertThat(as("anna", "/v1/tags/" + level.id()).status()).isEqualTo(200);
        assertThat(as("anna", "/v1/alarms/" + levelHi.id()).status()).isEqualTo(200);
        assertThat(as("vera", "/v1/data/?tagId=" + speed.id()).status()).isEqualTo(200);
        assertThat(as("vera", "/v1/objects/" + pump.id()).status()).isEqualTo(200);
        // The alarm journal holds only the tank's rows for anna.
        JsonNode journal = as("anna", "/v1/alarms/history").json().get("entries");
        assertThat(journal).isNotEmpty();
        journal.forEach(e -> assertThat(e.get("tagId").asText()).isEqualTo(level.id().toString()));
    }

    private void users() {
        engine.security().putUser(Actor.cli("root"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
        Actor admin = Actor.workstation("admin");
        engine.security().putUser(admin, UserAccount.local("vera", "viewer"), "viewer-secret".toCharArray());
        engine.security().putUser(admin, UserAccount.local("anna", Role.NONE.name())
                .withRules(List.of(new SubtreeRule(tank.id(), "viewer"))), "tank-secret".toCharArray());
    }

    private void write(TagDef t, double v) {
        engine.write(t.id(), v);
        engine.flush();
    }

    @Test
    void theJournalIsFilteredBeforeItsLimitAndHealthScreensAndConnectorsFollowTheSubtrees() throws Exception {
        TagDef speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).build();
        AlarmDef levelHi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(1.0).build();
        AlarmDef speedHi = AlarmDef.builder(speed.id(), AlarmKind.HI).limit(1.0).build();
        FakeDevice.Factory factory = new FakeDevice.Factory();
        engine.addConnectorFactory(factory);
        ConnectorDef pumpBoard = ConnectorDef.create("PumpBoard", "fake", "{\"echoDelayMs\":5}");
        ConnectorDef tankBoard = ConnectorDef.create("TankBoard", "fake", "{\"echoDelayMs\":5}");
        TagDef relay = TagDef.builder(pump.id(), "Relay", ValueType.BOOL).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + pumpBoard.id() + "\",\"address\":\"relay\"}").build();
        TagDef inlet = TagDef.builder(tank.id(), "Inlet", ValueType.BOOL).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + tankBoard.id() + "\",\"address\":\"inlet\"}").build();
        ScreenDef tankView = ScreenDef.of(UUID.randomUUID(), "Tank view").withWidgets(List.of(
                WidgetDef.of("level", WidgetTypes.TANK).bindTag("value", "/Station/Tank/Level")));
        ScreenDef overview = ScreenDef.of(UUID.randomUUID(), "Overview").withWidgets(List.of(
                WidgetDef.of("level", WidgetTypes.TANK).bindTag("value", "/Station/Tank/Level"),
                WidgetDef.of("pump", WidgetTypes.PUMP).bindTag("running", "/Station/Pump/Running")));
        ScreenDef blank = ScreenDef.of(UUID.randomUUID(), "Blank");
        engine.edit(new ModelEdit.PutTag(speed), new ModelEdit.PutAlarm(levelHi), new ModelEdit.PutAlarm(speedHi),
                new ModelEdit.PutConnector(pumpBoard), new ModelEdit.PutConnector(tankBoard), new ModelEdit.PutTag(relay),
                new ModelEdit.PutTag(inlet), ScreenDocuments.put(tankView), ScreenDocuments.put(overview), ScreenDocuments.put(blank));
        // The pump's alarm fills the start of the journal (10 rows), the tank's comes after (3 rows).
        for (int i = 0; i < 5; i++) {
            write(speed, 2.0);
            write(speed, 0.0);
        }
        write(level, 2.0);
        write(level, 0.0);
        write(level, 2.0);
        users();

        // The journal: anna gets `limit` rows of the tank although the first rows are the pump's.
        JsonNode annaRows = as("anna", "/v1/alarms/history?limit=2").json();
        assertThat(annaRows.get("entries")).hasSize(2);
        annaRows.get("entries").forEach(e -> assertThat(e.get("tagId").asText()).isEqualTo(level.id().toString()));
        assertThat(annaRows.path("excess").asBoolean()).as("a third tank row exists").isTrue();
        assertThat(as("anna", "/v1/alarms/history?limit=3").json().path("excess").asBoolean()).isFalse();
        JsonNode veraRows = as("vera", "/v1/alarms/history?limit=2").json().get("entries");
        veraRows.forEach(e -> assertThat(e.get("tagId").asText()).isEqualTo(speed.id().toString()));

        // Health: anna's report is the tank's (its activations only, no pump alarm named).
        JsonNode annaHealth = as("anna", "/v1/alarms/health?period=PT1H").json();
        assertThat(annaHealth.get("activations").asInt()).isEqualTo(2);
        assertThat(names(annaHealth.get("mostFrequent"), "alarmId")).containsExactly(levelHi.id().toString());
        JsonNode veraHealth = as("vera", "/v1/alarms/health?period=PT1H").json();
        assertThat(veraHealth.get("activations").asInt()).isEqualTo(7);
        assertThat(names(veraHealth.get("mostFrequent"), "alarmId")).contains(speedHi.id().toString());

        // Screens: shown when every tag they show may be read; one reaching outside is refused whole.
        assertThat(names(as("anna", "/v1/screens/").json().get("screens"), "name")).containsExactlyInAnyOrder("Tank view", "Blank");
        assertThat(names(as("vera", "/v1/screens/").json().get("screens"), "name"))
                .containsExactlyInAnyOrder("Tank view", "Overview", "Blank");
        refusedForRead(as("anna", "/v1/screens/" + overview.id()));
        assertThat(as("anna", "/v1/screens/" + tankView.id()).status()).isEqualTo(200);

        // Connectors: those feeding a tag anna reads, counting only those tags.
        JsonNode annaConnectors = as("anna", "/v1/connectors/").json().get("connectors");
        assertThat(names(annaConnectors, "name")).containsExactly("TankBoard");
        assertThat(annaConnectors.get(0).get("boundTags").asInt()).isEqualTo(1);
        assertThat(names(as("vera", "/v1/connectors/").json().get("connectors"), "name"))
                .containsExactlyInAnyOrder("PumpBoard", "TankBoard");
        refusedForRead(as("anna", "/v1/connectors/PumpBoard/log"));
        assertThat(as("anna", "/v1/connectors/TankBoard/log").status()).isEqualTo(200);
    }
}
