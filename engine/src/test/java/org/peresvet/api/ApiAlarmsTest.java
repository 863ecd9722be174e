package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peresvet.alarm.AlarmJournalCsv;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmState;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;

/** {@code /v1/alarms/} over real HTTP against a running engine with real alarms. */
class ApiAlarmsTest extends ApiTestBase {
    AlarmDef levelHi;
    AlarmDef levelLo;
    AlarmDef countHi;
    AlarmDef pumpRunning;

    @BeforeEach
    void defineAlarms() {
        levelHi = AlarmDef.builder(level.id(), AlarmKind.HI).limit(4.0).priority(AlarmPriority.HIGH)
                .message("Level {value} {units}").build();
        levelLo = AlarmDef.builder(level.id(), AlarmKind.LO).limit(0.5).priority(AlarmPriority.LOW).latching(true).build();
        countHi = AlarmDef.builder(count.id(), AlarmKind.HI).limit(10.0).priority(AlarmPriority.MEDIUM).build();
        pumpRunning = AlarmDef.builder(running.id(), AlarmKind.DISCRETE_EQUALS).value(false).priority(AlarmPriority.CRITICAL)
                .name("Stopped").build();
        engine.edit(new ModelEdit.PutAlarm(levelHi), new ModelEdit.PutAlarm(levelLo), new ModelEdit.PutAlarm(countHi),
                new ModelEdit.PutAlarm(pumpRunning));
    }

    private void raiseAll() {
        assertThat(write(level.id(), "[[4.5]]").status()).isEqualTo(200);
        assertThat(write(count.id(), "[[20]]").status()).isEqualTo(200);
        assertThat(write(running.id(), "[[false]]").status()).isEqualTo(200);
    }

    private static List<String> paths(Resp r) {
        List<String> out = new ArrayList<>();
        r.json().get("alarms").forEach(a -> out.add(a.get("path").asText()));
        return out;
    }

    private String state(AlarmDef a) {
        return get("/v1/alarms/" + a.id()).json().get("state").asText();
    }

    private static void assertError(Resp r, int status, String field, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        if (field == null) {
            assertThat(r.json().has("field")).isFalse();
        } else {
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        }
        assertThat(r.json().get("message").asText()).contains(message);
    }

    @Test
    void listsActiveAlarmsMostUrgentFirstBySubtreePriorityAndState() {
        assertThat(paths(get("/v1/alarms/"))).isEmpty();
        raiseAll();
        Resp all = get("/v1/alarms/");
        assertThat(all.status()).isEqualTo(200);
        assertThat(paths(all)).containsExactly("/Station/Pump/Running#Stopped", "/Station/Tank/Level#Hi", "/Station/Tank/Count#Hi");
        JsonNode hi = all.json().get("alarms").get(1);
        assertThat(hi.get("id").asText()).isEqualTo(levelHi.id().toString());
        assertThat(hi.get("state").asText()).isEqualTo("unacknowledged");
        assertThat(hi.get("priority").asText()).isEqualTo("high");
        assertThat(hi.get("kind").asText()).isEqualTo("hi");
        assertThat(hi.get("object").asText()).isEqualTo("/Station/Tank");
        assertThat(hi.get("message").asText()).isEqualTo("Level 4.5 m");
        assertThat(hi.get("value").asText()).isEqualTo("4.5");
        assertThat(hi.get("active").asBoolean()).isTrue();
        assertThat(hi.get("activeSince").asLong()).isCloseTo(Micros.now(), org.assertj.core.data.Offset.offset(60_000_000L));
        assertThat(hi.get("shelving").isNull()).isTrue();
        assertThat(hi.get("problem").isNull()).isTrue();

        assertThat(paths(get("/v1/alarms/?root=/Station/Tank"))).containsExactly("/Station/Tank/Level#Hi", "/Station/Tank/Count#Hi");
        assertThat(paths(get("/v1/alarms/?root=" + pump.id()))).containsExactly("/Station/Pump/Running#Stopped");
        assertThat(paths(get("/v1/alarms/?priority=high,critical"))).containsExactly("/Station/Pump/Running#Stopped",
                "/Station/Tank/Level#Hi");
        assertThat(paths(get("/v1/alarms/?priority=medium&priority=low"))).containsExactly("/Station/Tank/Count#Hi");
        assertThat(paths(get("/v1/alarms/?all=true&root=/Station/Tank"))).hasSize(3).contains("/Station/Tank/Level#Lo");
        engine.alarms().acknowledge(countHi.id(), Actor.workstation("ivanov"), null);
        assertThat(paths(get("/v1/alarms/?state=acknowledged"))).containsExactly("/Station/Tank/Count#Hi");

        Resp one = get("/v1/alarms/" + pumpRunning.id());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("path").asText()).isEqualTo("/Station/Pump/Running#Stopped");
        assertThat(one.json().get("priority").asText()).isEqualTo("critical");

        assertError(get("/v1/alarms/?root=/Station/Nowhere"), 404, "root", "unknown object");
        assertError(get("/v1/alarms/?priority=urgent"), 400, "priority", "unknown priority 'urgent'");
        assertError(get("/v1/alarms/?state=red"), 400, "state", "returned_unacknowledged");
        assertError(get("/v1/alarms/?colour=red"), 400, "colour", "unknown parameter");
        assertError(get("/v1/alarms/" + tank.id()), 404, "id", "unknown alarm");
        assertError(get("/v1/alarms/not-a-uuid"), 404, "id", "unknown alarm");
        engine.edit(new ModelEdit.PutAlarm(levelLo.toBuilder().enabled(false).build()));
        assertError(get("/v1/alarms/" + levelLo.id()), 404, "id", "disabled");
    }

    @Test
    void acknowledgeOneSeveralOrEveryAlarmOfASubtreeWithUserAndComment() {
        raiseAll();
        Resp ack = post("/v1/alarms/" + levelHi.id() + "/acknowledge", "{\"user\":\"ivanov\",\"comment\":\"tank being filled\"}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().get("acknowledged").asBoolean()).isTrue();
        assertThat(ack.json().get("alarm").get("state").asText()).isEqualTo("acknowledged");
        assertThat(ack.json().get("alarm").get("ack").get("user").asText()).isEqualTo("ivanov");
        assertThat(ack.json().get("alarm").get("ack").get("comment").asText()).isEqualTo("tank being filled");
        Resp again = post("/v1/alarms/" + levelHi.id() + "/acknowledge", "{\"user\":\"ivanov\"}");
        assertThat(again.json().get("acknowledged").asBoolean()).as("nothing left to acknowledge").isFalse();

        assertError(post("/v1/alarms/" + countHi.id() + "/acknowledge", "{\"user\":\"ivanov\",\"colour\":1}"), 400, "$.colour", "unknown key");
        assertError(post("/v1/alarms/" + countHi.id() + "/acknowledge", "{\"user\":7}"), 400, "$.user", "must be a string");
        assertError(post("/v1/alarms/" + countHi.id() + "/acknowledge", "{\"user\":"), 400, "$", "not valid JSON");
        assertError(post("/v1/alarms/" + countHi.id() + "/acknowledge", "[]"), 400, "$", "must be a JSON object");
        assertError(post("/v1/alarms/" + tank.id() + "/acknowledge", "{}"), 404, "id", "unknown alarm");

        // A list with one unknown id acknowledges nothing.
        assertError(post("/v1/alarms/acknowledge", "{\"user\":\"petrov\",\"ids\":[\"" + countHi.id() + "\",\"" + tank.id() + "\"]}"),
                404, "$.ids[1]", "unknown");
        assertThat(state(countHi)).isEqualTo("unacknowledged");
        assertError(post("/v1/alarms/acknowledge", "{\"ids\":[\"" + countHi.id() + "\"],\"root\":\"/Station\"}"), 400, "$.root", "not both");
        Resp many = post("/v1/alarms/acknowledge", "{\"user\":\"petrov\",\"ids\":[\"" + countHi.id() + "\"]}");
        assertThat(many.json().get("acknowledged").asInt()).isEqualTo(1);
        assertThat(state(countHi)).isEqualTo("acknowledged");

        assertThat(write(level.id(), "[[1.0]]").status()).isEqualTo(200); // Hi returns to normal (acknowledged: normal)
        assertThat(write(count.id(), "[[1]]").status()).isEqualTo(200);
        assertThat(write(count.id(), "[[30]]").status()).isEqualTo(200); // active again, unacknowledged
        Resp subtree = post("/v1/alarms/acknowledge", "{\"user\":\"petrov\",\"root\":\"/Station/Pump\",\"comment\":\"known\"}");
        assertThat(subtree.json().get("acknowledged").asInt()).isEqualTo(1);
        assertThat(state(pumpRunning)).isEqualTo("acknowledged");
        assertThat(state(countHi)).isEqualTo("unacknowledged");
        Resp everything = post("/v1/alarms/acknowledge", "{}");
        assertThat(everything.json().get("acknowledged").asInt()).isEqualTo(1);
        assertThat(engine.alarms().get(countHi.id()).status().ack().user()).as("the principal when no user is given")
                .isEqualTo("anonymous");

        JsonNode rows = get("/v1/alarms/history?transition=acknowledged&root=/Station/Tank").json().get("entries");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("user").asText()).isEqualTo("ivanov");
        assertThat(rows.get(0).get("comment").asText()).isEqualTo("tank being filled");
        assertThat(rows.get(0).get("path").asText()).isEqualTo("/Station/Tank/Level#Hi");
    }

    @Test
    void shelveTimedOrOneShotCappedByTheLongestShelvingAndUnshelve() {
        raiseAll();
        long before = Micros.now();
        Resp shelved = post("/v1/alarms/" + levelHi.id() + "/shelve",
                "{\"user\":\"ivanov\",\"reason\":\"transmitter being replaced\",\"duration\":\"PT30M\"}");
        assertThat(shelved.status()).as(shelved.text()).isEqualTo(200);
        JsonNode sh = shelved.json().get("alarm").get("shelving");
        assertThat(shelved.json().get("alarm").get("state").asText()).isEqualTo("shelved");
        assertThat(sh.get("reason").asText()).isEqualTo("transmitter being replaced");
        assertThat(sh.get("oneShot").asBoolean()).isFalse();
        assertThat(sh.get("until").asLong() - before).isBetween(1_800_000_000L - 60_000_000L, 1_800_000_000L + 60_000_000L);
        assertThat(paths(get("/v1/alarms/?state=shelved"))).containsExactly("/Station/Tank/Level#Hi");

        Resp seconds = post("/v1/alarms/" + countHi.id() + "/shelve", "{\"user\":\"ivanov\",\"reason\":\"r\",\"duration\":600}");
        assertThat(seconds.json().get("alarm").get("shelving").get("until").asLong() - before).isBetween(599_000_000L, 660_000_000L);

        assertError(post("/v1/alarms/" + countHi.id() + "/shelve", "{\"user\":\"ivanov\",\"reason\":\"r\",\"duration\":\"PT13H\"}"),
                400, "$.duration", "at most 12 h");
        assertError(post("/v1/alarms/" + countHi.id() + "/shelve", "{\"user\":\"ivanov\",\"reason\":\"r\",\"duration\":\"soon\"}"),
                400, "$.duration", "ISO-8601");
        assertError(post("/v1/alarms/" + countHi.id() + "/shelve", "{\"user\":\"ivanov\",\"reason\":\"r\",\"duration\":-5}"),
                400, "$.duration", "longer than zero");
        assertError(post("/v1/alarms/" + countHi.id() + "/shelve", "{\"user\":\"ivanov\",\"reason\":\"r\"}"),
                400, "$.duration", "is required");
        assertError(post("/v1/alarms/" + countHi.id() + "/shelve", "{\"user\":\"ivanov\",\"duration\":\"PT1H\"}"),
                400, "$.reason", "is required");
        assertError(post("/v1/alarms/" + countHi.id() + "/shelve", "{\"reason\":\"r\",\"oneShot\":true,\"duration\":\"PT1H\"}"),
                400, "$.duration", "one-shot");

        Resp oneShot = post("/v1/alarms/" + pumpRunning.id() + "/shelve", "{\"user\":\"ivanov\",\"reason\":\"pump off for cleaning\",\"oneShot\":true}");
        assertThat(oneShot.json().get("alarm").get("shelving").get("oneShot").asBoolean()).isTrue();
        assertThat(oneShot.json().get("alarm").get("shelving").get("until").isNull()).isTrue();
        assertThat(write(running.id(), "[[true]]").status()).isEqualTo(200); // returns to normal: the one-shot shelving ends
        assertThat(engine.alarms().get(pumpRunning.id()).status().shelving()).isNull();

        Resp un = post("/v1/alarms/" + levelHi.id() + "/unshelve", "{\"user\":\"ivanov\"}");
        assertThat(un.json().get("unshelved").asBoolean()).isTrue();
        assertThat(un.json().get("alarm").get("state").asText()).as("the true state at once").isEqualTo("unacknowledged");
        assertThat(post("/v1/alarms/" + levelHi.id() + "/unshelve", "{}").json().get("unshelved").asBoolean()).isFalse();
    }

    @Test
    void resetALatchedAlarmOnlyAfterAcknowledgeAndOutOfService() {
        assertThat(write(level.id(), "[[0.2]]").status()).isEqualTo(200);
        assertThat(write(level.id(), "[[2.0]]").status()).isEqualTo(200);
        assertThat(state(levelLo)).isEqualTo("latched");
        assertError(post("/v1/alarms/" + levelLo.id() + "/reset", "{\"user\":\"ivanov\"}"), 409, null, "must be acknowledged");
        post("/v1/alarms/" + levelLo.id() + "/acknowledge", "{\"user\":\"ivanov\"}");
        assertThat(state(levelLo)).isEqualTo("latched");
        Resp reset = post("/v1/alarms/" + levelLo.id() + "/reset", "{\"user\":\"ivanov\",\"comment\":\"checked\"}");
        assertThat(reset.json().get("reset").asBoolean()).isTrue();
        assertThat(reset.json().get("alarm").get("state").asText()).isEqualTo("normal");
        assertThat(post("/v1/alarms/" + levelLo.id() + "/reset", "{\"user\":\"ivanov\"}").json().get("reset").asBoolean()).isFalse();

        assertError(post("/v1/alarms/" + countHi.id() + "/out-of-service", "{\"user\":\"ivanov\"}"), 400, "$.reason", "is required");
        Resp oos = post("/v1/alarms/" + countHi.id() + "/out-of-service", "{\"user\":\"ivanov\",\"reason\":\"counter replaced\"}");
        assertThat(oos.json().get("outOfService").asBoolean()).isTrue();
        assertThat(oos.json().get("alarm").get("outOfService").get("reason").asText()).isEqualTo("counter replaced");
        assertThat(write(count.id(), "[[50]]").status()).isEqualTo(200);
        assertThat(state(countHi)).isEqualTo("out_of_service");
        Resp back = post("/v1/alarms/" + countHi.id() + "/return-to-service", "{\"user\":\"ivanov\"}");
        assertThat(back.json().get("returned").asBoolean()).isTrue();
        assertThat(back.json().get("alarm").get("state").asText()).isEqualTo("unacknowledged");
        assertThat(engine.alarms().get(countHi.id()).state()).isEqualTo(AlarmState.UNACKNOWLEDGED);
    }

    @Test
    void historyByPeriodSubtreePriorityAndStateAsJsonOrCsv() {
        long t0 = Micros.now();
        raiseAll();
        post("/v1/alarms/" + levelHi.id() + "/acknowledge", "{\"user\":\"ivanov\",\"comment\":\"a, \\\"quoted\\\" note\"}");
        Resp all = get("/v1/alarms/history?from=" + t0);
        assertThat(all.status()).isEqualTo(200);
        JsonNode rows = all.json().get("entries");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("time").asLong()).isGreaterThanOrEqualTo(t0);
        assertThat(all.json().has("excess")).isFalse();
        assertThat(get("/v1/alarms/history?root=/Station/Pump").json().get("entries")).hasSize(1);
        assertThat(get("/v1/alarms/history?priority=high&transition=activated").json().get("entries")).hasSize(1);
        assertThat(get("/v1/alarms/history?state=acknowledged").json().get("entries")).singleElement()
                .satisfies(r -> assertThat(r.get("user").asText()).isEqualTo("ivanov"));
        assertThat(get("/v1/alarms/history?alarm=" + countHi.id()).json().get("entries")).hasSize(1);
        assertThat(get("/v1/alarms/history?to=" + (t0 - 1)).json().get("entries")).isEmpty();
        assertThat(get("/v1/alarms/history?from=" + enc(Micros.format(t0)) + "&to=" + enc(Micros.format(Micros.now())))
                .json().get("entries")).hasSize(4);
        Resp limited = get("/v1/alarms/history?limit=2");
        assertThat(limited.json().get("entries")).hasSize(2);
        assertThat(limited.json().get("excess").asBoolean()).isTrue();

        Resp csv = send(HttpRequest.newBuilder(URI.create(url("/v1/alarms/history?transition=acknowledged")))
                .header("Accept", "text/csv").GET());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines[0]).isEqualTo(AlarmJournalCsv.HEADER);
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("/Station/Tank/Level#Hi").contains("ivanov").contains("\"a, \"\"quoted\"\" note\"");
        assertThat(get("/v1/alarms/history?format=csv").text()).startsWith(AlarmJournalCsv.HEADER + "\r\n");

        assertError(get("/v1/alarms/history?priority=urgent"), 400, "priority", "unknown priority");
        assertError(get("/v1/alarms/history?from=yesterday"), 400, "from", "ISO-8601");
        assertError(get("/v1/alarms/history?from=20&to=10"), 400, "from", "after to");
        assertError(get("/v1/alarms/history?limit=0"), 400, "limit", "between 1");
        assertError(get("/v1/alarms/history?format=xml"), 400, "format", "json or csv");
        assertError(get("/v1/alarms/history?root=/Nowhere"), 404, "root", "unknown object");
        assertError(get("/v1/alarms/history?alarm=x"), 400, "alarm", "not a UUID");
        assertError(get("/v1/alarms/history?transition=exploded"), 400, "transition", "activated");
    }

    @Test
    void healthReportsRatesShelvedAlarmsAndBrokenOnes() {
        raiseAll();
        engine.alarms().shelve(countHi.id(), Actor.workstation("ivanov"), "noisy", java.time.Duration.ofMinutes(10));
        Resp h = get("/v1/alarms/health?period=PT1H");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("activations").asInt()).isEqualTo(3);
        assertThat(h.json().get("activationsPer10Minutes")).hasSize(6);
        assertThat(h.json().get("peakPer10Minutes").asInt()).isEqualTo(3);
        assertThat(h.json().get("mostFrequent")).hasSize(3);
        assertThat(h.json().get("shelved")).singleElement()
                .satisfies(a -> assertThat(a.get("path").asText()).isEqualTo("/Station/Tank/Count#Hi"));
        assertThat(h.json().get("floods")).isEmpty();
        assertThat(h.json().get("problems")).isEmpty();
        assertThat(h.json().get("to").asLong() - h.json().get("from").asLong()).isEqualTo(3_600_000_000L);
        assertThat(get("/v1/alarms/health").json().get("activationsPer10Minutes")).hasSize(144);
        assertError(get("/v1/alarms/health?period=forever"), 400, "period", "ISO-8601");
        assertError(get("/v1/alarms/health?period=PT1H&from=1"), 400, "period", "not both");
    }

    @Test
    void anExpressionAlarmWorksThroughTheApiAndABrokenOneIsRefusedNamingTheField() {
        Resp bad = post("/v1/tags/", "{\"objectId\":\"" + tank.id() + "\",\"name\":\"Spare\",\"type\":\"double\"}");
        assertThat(bad.status()).isEqualTo(201);
        AlarmDef expr = AlarmDef.builder(level.id(), AlarmKind.EXPRESSION).name("Overfill")
                .expression("{Level} > 3 and {Count} > 5").build();
        engine.edit(new ModelEdit.PutAlarm(expr));
        write(count.id(), "[[6]]");
        write(level.id(), "[[3.5]]");
        assertThat(state(expr)).isEqualTo("unacknowledged");
        assertThat(get("/v1/alarms/" + expr.id()).json().get("kind").asText()).isEqualTo("expression");
        // Deleting a tag the expression reads is refused, naming the alarm.
        Resp del = delete("/v1/tags/" + count.id() + "?force=true");
        assertThat(del.status()).isIn(400, 409);
        assertThat(del.json().get("message").asText()).contains("/Station/Tank/Level#Overfill").contains("expression");
        assertThat(engine.model().tag(count.id())).isNotNull();
    }
}
