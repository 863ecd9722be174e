package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
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
}
