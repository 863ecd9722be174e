package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.history.HistoryQuery;
import org.peresvet.model.Micros;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;

/** {@code GET|POST /v1/data/}: the data contract over HTTP. */
class ApiDataTest extends ApiTestBase {

    @Test
    void writtenSamplesAreTheCurrentValueAtNow() {
        Resp w = write(level.id(), "[[" + T0 + ", 1.5, null], [" + (T0 + 1_000_000) + ", 2.5]]");
        assertThat(w.status()).isEqualTo(200);
        assertThat(w.json().get("received").asInt()).isEqualTo(2);

        long before = Micros.now();
        Resp r = get("/v1/data/?tagId=" + level.id());
        long after = Micros.now();
        assertThat(r.status()).isEqualTo(200);
        JsonNode answer = r.json().get("data").get(0);
        assertThat(answer.get("tagId").asText()).isEqualTo(level.id().toString());
        assertThat(answer.get("data")).hasSize(1);
        JsonNode point = answer.get("data").get(0);
        // The value at finish = now: x is now, y and q those of the last sample.
        assertThat(point.get(0).asLong()).isBetween(before, after);
        assertThat(point.get(1).asDouble()).isEqualTo(2.5);
        assertThat(point.get(2).isNull()).isTrue();
        assertThat(answer.has("excess")).isFalse();
    }

    @Test
    void theCurrentValueMatchesTheHistoryQuery() {
        write(count.id(), "[[" + T0 + ", 7, 103]]");
        long finish = Micros.now() + 1_000_000;
        Resp fast = get("/v1/data/?tagId=" + count.id());
        Sample slow = engine.history(HistoryQuery.current(count.id()).withFinish(finish)).data().get(0);
        JsonNode p = points(fast, 0).get(0);
        assertThat(p.get(1).asLong()).isEqualTo((Long) slow.y()).isEqualTo(7L);
        assertThat(p.get(2).asInt()).isEqualTo(slow.q()).isEqualTo(Quality.BAD_DATA);
        // No value yet: the point at now is null.
        JsonNode empty = points(get("/v1/data/?tagId=" + mode.id()), 0).get(0);
        assertThat(empty.get(1).isNull()).isTrue();
    }

    @Test
    void tagsByPathAndSeveralTagsEchoTheirNames() {
        write(mode.id(), "[[" + T0 + ", \"auto\"]]");
        write(running.id(), "[[" + T0 + ", true]]");
        Resp r = get("/v1/data/?tagId=" + enc("/Station/Tank/Mode") + "&tagId=" + running.id());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").get(0).get("tagId").asText()).isEqualTo("/Station/Tank/Mode");
        assertThat(points(r, 0).get(0).get(1).asText()).isEqualTo("auto");
        assertThat(r.json().get("data").get(1).get("tagId").asText()).isEqualTo(running.id().toString());
        assertThat(points(r, 1).get(0).get(1).asBoolean()).isTrue();
    }

    @Test
    void sampleFormsAndIsoTimes() {
        long before = Micros.now();
        Resp w = post("/v1/data/", "{\"data\":[{\"tagId\":\"/Station/Tank/Count\",\"data\":["
                + "[\"2023-11-14T22:13:20\", 1, 0],"          // no zone: UTC; = T0
                + "[\"2023-11-14T22:13:21.5Z\", 2],"          // q null
                + "[3]"                                       // x = now
                + "]}]}");
        assertThat(w.status()).as(w.text()).isEqualTo(200);
        engine.flush();
        var h = engine.history(HistoryQuery.range(count.id(), T0, Micros.now()).withActual(true)).data();
        assertThat(h).hasSize(3);
        assertThat(h.get(0)).isEqualTo(new Sample(T0, 1L, 0));
        assertThat(h.get(1)).isEqualTo(new Sample(T0 + 1_500_000, 2L, null));
        assertThat(h.get(2).x()).isGreaterThanOrEqualTo(before);
        assertThat(h.get(2).y()).isEqualTo(3L);
    }

    @Test
    void apiWritesPassTheDeadband() {
        write(level.id(), "[[" + T0 + ", 1.0], [" + (T0 + 1) + ", 1.05], [" + (T0 + 2) + ", 1.2]]");
        Resp r = get("/v1/data/?tagId=" + level.id() + "&start=" + T0 + "&finish=" + (T0 + 2) + "&actual=true");
        JsonNode pts = points(r, 0);
        assertThat(pts).hasSize(2);
        assertThat(pts.get(0).get(1).asDouble()).isEqualTo(1.0);
        assertThat(pts.get(1).get(1).asDouble()).isEqualTo(1.2);
    }

    @Test
    void historyQueryRulesThroughTheApi() {
        StringBuilder samples = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            samples.append(i == 0 ? "" : ",").append("[").append(T0 + i * 1_000_000L).append(",").append(i).append("]");
        }
        write(count.id(), samples.append("]").toString());
        String id = count.id().toString();

        // Boundary points are interpolated (linear for int): 2.5 s -> 3 (rounded), 4.5 s -> 5.
        Resp period = get("/v1/data/?tagId=" + id + "&start=" + (T0 + 2_500_000) + "&finish=" + (T0 + 4_500_000));
        assertThat(points(period, 0)).extracting(p -> p.get(0).asLong())
                .containsExactly(T0 + 2_500_000, T0 + 3_000_000, T0 + 4_000_000, T0 + 4_500_000);

        // count without start: the last N.
        Resp last = get("/v1/data/?tagId=" + id + "&count=3");
        assertThat(points(last, 0)).extracting(p -> p.get(1).asInt()).containsExactly(7, 8, 9);

        // maxCount caps and flags the excess.
        Resp capped = get("/v1/data/?tagId=" + id + "&start=" + T0 + "&finish=" + (T0 + 9_000_000) + "&maxCount=4");
        assertThat(points(capped, 0)).hasSize(4);
        assertThat(capped.json().get("data").get(0).get("excess").asBoolean()).isTrue();

        // timeStep: an evenly spaced series ending at finish.
        Resp series = get("/v1/data/?tagId=" + id + "&start=" + T0 + "&finish=" + (T0 + 9_000_000) + "&timeStep=3000000");
        assertThat(points(series, 0)).extracting(p -> p.get(1).asInt()).containsExactly(0, 3, 6, 9);

        // value filter and format (ISO-8601 x), here through q=<json>.
        String q = "{\"tagId\":[\"" + id + "\"],\"start\":\"2023-11-14T22:13:20Z\",\"finish\":" + (T0 + 9_000_000)
                + ",\"actual\":true,\"value\":[2,5],\"format\":true}";
        Resp filtered = get("/v1/data/?q=" + enc(q));
        assertThat(filtered.status()).as(filtered.text()).isEqualTo(200);
        assertThat(points(filtered, 0)).hasSize(2);
        assertThat(points(filtered, 0).get(0).get(0).asText()).isEqualTo("2023-11-14T22:13:22Z");
        assertThat(points(filtered, 0).get(1).get(1).asInt()).isEqualTo(5);
    }

    @Test
    void futureSamplesAreStoredButNotTheValueAtNow() throws Exception {
        long now = Micros.now();
        write(level.id(), "[[" + (now - 1_000_000) + ", 1.0], [" + (now + 3_600_000_000L) + ", 4.0]]");
        JsonNode cur = points(get("/v1/data/?tagId=" + level.id()), 0).get(0);
        assertThat(cur.get(1).asDouble()).isEqualTo(1.0);
        Resp ahead = get("/v1/data/?tagId=" + level.id() + "&finish=" + (now + 3_600_000_000L));
        assertThat(points(ahead, 0).get(0).get(1).asDouble()).isEqualTo(4.0);

        // A future sample that comes due is the value at now, though no new sample arrived.
        long soon = Micros.now() + 1_500_000;
        write(mode.id(), "[[" + (soon - 3_000_000) + ", \"before\"], [" + soon + ", \"due\"]]");
        Resp early = get("/v1/data/?tagId=" + mode.id());
        if (Micros.now() < soon) { // answered before it came due (a busy machine may be slower)
            assertThat(points(early, 0).get(0).get(1).asText()).isEqualTo("before");
        }
        while (Micros.now() <= soon) {
            Thread.sleep(50);
        }
        assertThat(points(get("/v1/data/?tagId=" + mode.id()), 0).get(0).get(1).asText()).isEqualTo("due");
    }

    @Test
    void jsonAndBoolTagsKeepTheirValues() {
        Resp created = post("/v1/tags/", "{\"objectId\":\"/Station/Tank\",\"name\":\"Recipe\",\"type\":\"json\"}");
        String recipe = created.json().get("id").asText();
        Resp w = post("/v1/data/", "{\"data\":[{\"tagId\":\"" + recipe + "\",\"data\":[[" + T0 + ",{\"speed\":3,\"on\":[1,2]}]]},"
                + "{\"tagId\":\"/Station/Pump/Running\",\"data\":[[" + T0 + ",1],[" + (T0 + 1) + ",\"off\"]]}]}");
        assertThat(w.status()).as(w.text()).isEqualTo(200);
        Resp r = get("/v1/data/?tagId=" + recipe + "&tagId=" + enc("/Station/Pump/Running") + "&count=5");
        assertThat(points(r, 0).get(0).get(1).get("on").get(1).asInt()).isEqualTo(2);
        assertThat(points(r, 1)).extracting(p -> p.get(1).asBoolean()).containsExactly(true, false);
        Resp bad = post("/v1/data/", "{\"data\":[{\"tagId\":\"/Station/Pump/Running\",\"data\":[[2]]}]}");
        assertThat(bad.json().get("field").asText()).isEqualTo("$.data[0].data[0][0]");
    }

    // ---- errors ----

    @Test
    void malformedJsonIs400() {
        Resp r = post("/v1/data/", "{\"data\": [");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("$");
        assertThat(r.json().get("message").asText()).contains("not valid JSON");
        assertThat(r.json().get("error").asText()).isEqualTo("Bad Request");
    }

    @Test
    void unknownKeysAndWrongTypesNameTheField() {
        Resp unknown = post("/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[], \"extra\":1}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("$.data[0].extra");
        assertThat(unknown.json().get("message").asText()).contains("unknown key");

        Resp wrongY = write(level.id(), "[[" + T0 + ", 1.0], [" + (T0 + 1) + ", \"high\"]]");
        assertThat(wrongY.status()).isEqualTo(400);
        assertThat(wrongY.json().get("field").asText()).isEqualTo("$.data[0].data[1][1]");
        assertThat(wrongY.json().get("message").asText()).contains("not a valid double");

        Resp wrongX = write(level.id(), "[[1.5, 1.0]]");
        assertThat(wrongX.json().get("field").asText()).isEqualTo("$.data[0].data[0][0]");
        Resp wrongQ = write(level.id(), "[[" + T0 + ", 1.0, \"bad\"]]");
        assertThat(wrongQ.json().get("field").asText()).isEqualTo("$.data[0].data[0][2]");
        Resp notSample = write(level.id(), "[[1, 2, 3, 4]]");
        assertThat(notSample.json().get("field").asText()).isEqualTo("$.data[0].data[0]");
        Resp noData = post("/v1/data/", "{}");
        assertThat(noData.json().get("field").asText()).isEqualTo("$.data");
        Resp tagIdType = post("/v1/data/", "{\"data\":[{\"tagId\":5,\"data\":[]}]}");
        assertThat(tagIdType.json().get("field").asText()).isEqualTo("$.data[0].tagId");
        assertThat(tagIdType.json().get("message").asText()).isEqualTo("must be a string");
    }

    @Test
    void unknownTagsAre404() {
        Resp w = post("/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[1.0]]},"
                + "{\"tagId\":\"/Station/Nope\",\"data\":[[1.0]]}]}");
        assertThat(w.status()).isEqualTo(404);
        assertThat(w.json().get("field").asText()).isEqualTo("$.data[1].tagId");
        assertThat(w.json().get("message").asText()).contains("/Station/Nope");

        Resp r = get("/v1/data/?tagId=" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("field").asText()).isEqualTo("tagId");
        Resp q = get("/v1/data/?q=" + enc("{\"tagId\":[\"" + level.id() + "\",\"/x/y\"]}"));
        assertThat(q.status()).isEqualTo(404);
        assertThat(q.json().get("field").asText()).isEqualTo("$.tagId[1]");
    }

    @Test
    void aBatchWithOneBadSampleChangesNothing() {
        StringBuilder body = new StringBuilder("{\"data\":[");
        body.append("{\"tagId\":\"").append(mode.id()).append("\",\"data\":[[").append(T0).append(",\"auto\"]]},");
        body.append("{\"tagId\":\"").append(level.id()).append("\",\"data\":[");
        for (int i = 0; i < 1000; i++) {
            body.append('[').append(T0 + i).append(',').append(i).append("],");
        }
        body.append("[").append(T0 + 5000).append(", \"oops\"]]}]}");
        Resp r = post("/v1/data/", body.toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("$.data[1].data[1000][1]");
        engine.flush();
        assertThat(engine.current(mode.id())).isNull();
        assertThat(engine.current(level.id())).isNull();
        assertThat(engine.history(HistoryQuery.range(level.id(), T0, T0 + 10_000).withActual(true)).data()).isEmpty();
        assertThat(engine.status().samplesReceived()).isZero();
    }

    @Test
    void badQueriesNameTheParameter() {
        String id = level.id().toString();
        assertError(get("/v1/data/"), 400, "tagId");
        assertError(get("/v1/data/?tagId=" + id + "&colour=red"), 400, "colour");
        assertError(get("/v1/data/?tagId=" + id + "&start=yesterday"), 400, "start");
        assertError(get("/v1/data/?tagId=" + id + "&count=many"), 400, "count");
        assertError(get("/v1/data/?tagId=" + id + "&count=0"), 400, "count");
        assertError(get("/v1/data/?tagId=" + id + "&maxCount=0"), 400, "maxCount");
        assertError(get("/v1/data/?tagId=" + id + "&actual=perhaps"), 400, "actual");
        assertError(get("/v1/data/?tagId=" + id + "&start=" + (T0 + 10) + "&finish=" + T0), 400, "start");
        assertError(get("/v1/data/?tagId=" + id + "&timeStep=1000"), 400, "timeStep");
        assertError(get("/v1/data/?tagId=" + id + "&value=abc"), 400, "value");
        assertError(get("/v1/data/?q=" + enc("{\"tagId\":\"" + id + "\",\"count\":\"5\"}")), 400, "$.count");
        assertError(get("/v1/data/?q=" + enc("{\"tagId\":\"" + id + "\",\"limit\":5}")), 400, "$.limit");
        assertError(get("/v1/data/?q=" + enc("{\"tagId\":")), 400, "q");
        assertError(get("/v1/data/?q=" + enc("{\"tagId\":\"" + id + "\"}") + "&count=1"), 400, "count");
    }

    @Test
    void anUnencodedPlusInAZoneOffsetIsUnderstood() {
        write(count.id(), "[[" + T0 + ", 1], [" + (T0 + 10_000_000) + ", 2]]");
        // '+' arrives as a space when not URL-encoded; 2023-11-14T22:13:20Z = 2023-11-15T01:13:20+03:00
        Resp r = get("/v1/data/?tagId=" + count.id() + "&start=2023-11-15T01:13:20+03:00&finish=" + (T0 + 10_000_000)
                + "&actual=true");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(points(r, 0)).hasSize(2);
    }

    @Test
    void disabledTagsRefuseWrites() {
        engine.edit(new org.peresvet.model.ModelEdit.PutTag(mode.toBuilder().enabled(false).build()));
        Resp r = write(mode.id(), "[[\"x\"]]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("$.data[0].tagId");
        assertThat(r.json().get("message").asText()).contains("disabled");
    }

    static void assertError(Resp r, int status, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("field").asText()).as(r.text()).isEqualTo(field);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
    }
}
