package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;

/**
 * Issue 25: every query's cost is known before it runs and checked against
 * {@code api.maxPointsPerAnswer}; times out of the range microseconds can hold are a 400, not a 500.
 */
class ApiBoundedQueriesTest extends ApiTestBase {

    private void assertRefusedForSize(Resp r, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(413);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("message").asText()).contains("api.maxPointsPerAnswer").contains("1000000");
    }

    @Test
    void theThreeQueriesThatTookTheEngineDownAreRefusedAtOnce() {
        write(level.id(), "[[" + T0 + ",1.0],[" + (T0 + 1_000_000) + ",2.0]]");
        String tag = "tagId=" + level.id();
        long t0 = System.nanoTime();
        assertRefusedForSize(get("/v1/data/?" + tag + "&start=0&timeStep=1"), "timeStep");
        assertRefusedForSize(get("/v1/data/?" + tag + "&count=2147483647&timeStep=1"), "count");
        assertRefusedForSize(get("/v1/data/?" + tag + "&start=-9223372036854775807&finish=9223372036854775807&timeStep=1"), "timeStep");
        assertRefusedForSize(get("/v1/data/?q=" + enc("{\"tagId\":\"" + level.id() + "\",\"start\":0,\"timeStep\":1}")), "$.timeStep");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("refused before any work").isLessThan(5_000);
        assertThat(get("/v1/health").status()).isEqualTo(200);
        // The same query made legal with maxCount is answered.
        Resp capped = get("/v1/data/?" + tag + "&start=0&timeStep=1000000000&maxCount=10");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(points(capped, 0).size()).isEqualTo(10);
        assertThat(capped.json().get("data").get(0).get("excess").asBoolean()).isTrue();
    }

    @Test
    void theCapCountsEveryTagAndStoredSamples() {
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0).withMaxPointsPerAnswer(100));
        StringBuilder samples = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            samples.append(i == 0 ? "" : ",").append("[").append(T0 + i * 1000L).append(",").append(i).append("]");
        }
        assertThat(write(count.id(), samples + "]").status()).isEqualTo(200);
        String both = "tagId=" + count.id() + "&tagId=" + level.id();

        assertThat(get("/v1/data/?tagId=" + count.id() + "&start=" + T0 + "&timeStep=1000&count=100").status()).isEqualTo(200);
        Resp two = get("/v1/data/?" + both + "&start=" + T0 + "&timeStep=1000&count=60");
        assertThat(two.status()).isEqualTo(413);
        assertThat(two.json().get("message").asText()).contains("120").contains("100");

        // Stored samples of a period are unknown before reading: read with the cap, refused when hit.
        Resp period = get("/v1/data/?tagId=" + count.id() + "&start=" + T0 + "&finish=" + (T0 + 200_000));
        assertThat(period.status()).isEqualTo(413);
        assertThat(period.json().get("field").asText()).isEqualTo("start");
        Resp bounded = get("/v1/data/?tagId=" + count.id() + "&start=" + T0 + "&finish=" + (T0 + 200_000) + "&maxCount=50");
        assertThat(bounded.status()).isEqualTo(200);
        assertThat(points(bounded, 0).size()).isEqualTo(50);
        Resp small = get("/v1/data/?tagId=" + count.id() + "&start=" + T0 + "&finish=" + (T0 + 50_000));
        assertThat(small.status()).isEqualTo(200);
        assertThat(points(small, 0).size()).isEqualTo(51);
        assertRefusedForSizeAt(get("/v1/data/?tagId=" + count.id() + "&count=101"), "count");
    }

    private void assertRefusedForSizeAt(Resp r, String field) {
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void timesBeyondWhatMicrosecondsHoldAre400NamingTheField() {
        String tag = "tagId=" + level.id();
        for (String t : new String[]{"%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
            Resp a = get("/v1/data/?" + tag + "&start=" + t);
            assertThat(a.status()).as(t).isEqualTo(400);
            assertThat(a.json().get("field").asText()).isEqualTo("start");
            Resp b = get("/v1/data/?" + tag + "&finish=" + t);
            assertThat(b.status()).isEqualTo(400);
            assertThat(b.json().get("field").asText()).isEqualTo("finish");
            String iso = t.replace("%2B", "+");
            Resp q = get("/v1/data/?q=" + enc("{\"tagId\":\"" + level.id() + "\",\"start\":\"" + iso + "\"}"));
            assertThat(q.status()).isEqualTo(400);
            assertThat(q.json().get("field").asText()).isEqualTo("$.start");
            for (String key : new String[]{"from", "to"}) {
                Resp h = get("/v1/alarms/history?" + key + "=" + t);
                assertThat(h.status()).as("history " + key).isEqualTo(400);
                assertThat(h.json().get("field").asText()).isEqualTo(key);
                Resp health = get("/v1/alarms/health?" + key + "=" + t);
                assertThat(health.status()).as("health " + key).isEqualTo(400);
            }
        }
        // Extreme integers: an alarm health period of ages is refused, not computed.
        assertThat(get("/v1/alarms/health?from=-9223372036854775807&to=9223372036854775807").status()).isEqualTo(400);
        assertThat(get("/v1/alarms/health?to=-9223372036854775807").status()).isEqualTo(400);
        Resp sample = post("/v1/data/", "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[\"+999999999-12-31T23:59:59Z\",1.0]]}]}");
        assertThat(sample.status()).isEqualTo(400);
        assertThat(sample.json().get("field").asText()).isEqualTo("$.data[0].data[0][0]");
    }

    @Test
    void aLongSeriesWrittenInChunksEqualsTheWholeQuery() {
        StringBuilder samples = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            samples.append(i == 0 ? "" : ",").append("[").append(T0 + i * 7_000_000L).append(",").append(i * 0.37).append("]");
        }
        assertThat(write(level.id(), samples + "]").status()).isEqualTo(200);
        long finish = T0 + 300_000_000L;
        // 20,001 points: chunked by the API; the same period with a value filter is answered whole.
        String q = "tagId=" + level.id() + "&start=" + (T0 - 3_000_000L) + "&finish=" + finish + "&timeStep=15150";
        Resp chunked = get("/v1/data/?" + q);
        assertThat(chunked.status()).isEqualTo(200);
        TagHistory whole = engine.history(new HistoryQuery(level.id(),
                T0 - 3_000_000L, finish, null, 15150L, null, false, null, false));
        assertThat(points(chunked, 0).size()).isEqualTo(whole.data().size()).isGreaterThan(8192 * 2);
        for (int i = 0; i < whole.data().size(); i += 97) {
            assertThat(points(chunked, 0).get(i).get(0).asLong()).isEqualTo(whole.data().get(i).x());
            Object y = whole.data().get(i).y();
            if (y == null) {
                assertThat(points(chunked, 0).get(i).get(1).isNull()).isTrue();
            } else {
                assertThat(points(chunked, 0).get(i).get(1).asDouble()).isEqualTo(((Number) y).doubleValue());
            }
        }
        Resp capped = get("/v1/data/?" + q + "&count=10000&maxCount=9000");
        assertThat(points(capped, 0).size()).isEqualTo(9000);
        assertThat(capped.json().get("data").get(0).get("excess").asBoolean()).isTrue();
        assertThat(points(capped, 0).get(8999).get(0).asLong()).isEqualTo(whole.data().get(8999).x());
    }
}
