package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Micros;

/**
 * Issue 25: history answers are streamed point by point. A single long query is stopped inside
 * its one tag when it runs past {@code api.requestTimeout} (the documented 503), and queries with
 * a value filter, actual, or no finish (open end) are streamed like the others.
 */
class ApiStreamedHistoryTest extends ApiTestBase {

    /** 0, 1, 2, 3, 4, 0, … every 7 s, ending 50 s ago: the open-end queries below reach now. */
    private long writeCycle() {
        long first = Micros.now() - 400_000_000L;
        StringBuilder samples = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            samples.append(i == 0 ? "" : ",").append("[").append(first + i * 7_000_000L).append(",").append(i % 5).append("]");
        }
        assertThat(write(count.id(), samples + "]").status()).isEqualTo(200);
        return first;
    }

    @Test
    void aSingleLongQueryIsStoppedInsideItsTagWithTheDocumentedError() {
        writeCycle();
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0).withRequestTimeout(Duration.ofMillis(100)));
        // One tag, 1,000,000 candidate points, a filter that keeps none: the answer would be tiny,
        // the work is not. Before, nothing looked at the clock inside a tag and this answered 200.
        StringBuilder filter = new StringBuilder();
        for (int v = 100; v < 140; v++) {
            filter.append("&value=").append(v);
        }
        long t0 = System.nanoTime();
        Resp r = get("/v1/data/?tagId=" + count.id() + "&start=" + T0 + "&finish=" + (T0 + 999_999) + "&timeStep=1" + filter);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).as(r.text()).isEqualTo(503);
        assertThat(r.json().get("message").asText()).contains("api.requestTimeout");
        assertThat(ms).as("stopped near its deadline, not after the whole tag").isLessThan(5_000);
        assertThat(get("/v1/health").status()).isEqualTo(200);
        // A query within its time is answered as before.
        Resp small = get("/v1/data/?tagId=" + count.id() + "&start=" + T0 + "&finish=" + (T0 + 999) + "&timeStep=1&value=0");
        assertThat(small.status()).as(small.text()).isEqualTo(200);
    }

    @Test
    void openEndQueriesWithValueOrActualAreStreamedLikeTheOthers() {
        long first = writeCycle();
        long start = first - 3_000_000L;
        // A value-filtered series up to now: some 14,000 points of value 3, about 350 KB, sent as it is made.
        String series = "/v1/data/?tagId=" + count.id() + "&start=" + start + "&timeStep=5000&value=3";
        Resp r = get(series);
        long after = Micros.now();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Length")).as("chunked: written while the query ran").isNull();
        JsonNode points = points(r, 0);
        assertThat(points.size()).isGreaterThan(10_000);
        long last = points.get(points.size() - 1).get(0).asLong();
        assertThat(last).isLessThanOrEqualTo(after);
        int offGrid = 0;
        int notThree = 0;
        for (int i = 0; i < points.size(); i++) {
            notThree += points.get(i).get(1).asLong() == 3 ? 0 : 1;
            offGrid += i > 0 && (points.get(i).get(0).asLong() - points.get(i - 1).get(0).asLong()) % 5000 != 0 ? 1 : 0;
        }
        assertThat(notThree).isZero();
        assertThat(offGrid).isZero();
        // The same query in the engine (its now a moment later, so its grid may be shifted): as many points, give or take.
        TagHistory whole = engine.history(new HistoryQuery(count.id(), start, null, null, 5000L, null, false, List.of(3L), false));
        assertThat(Math.abs(whole.data().size() - points.size())).isLessThan(10);

        // maxCount caps the open-end series and says so.
        Resp capped = get(series + "&maxCount=1000");
        assertThat(points(capped, 0).size()).isEqualTo(1000);
        assertThat(capped.json().get("data").get(0).get("excess").asBoolean()).isTrue();

        // Stored samples up to now, value-filtered: exactly the engine's answer.
        Resp actual = get("/v1/data/?tagId=" + count.id() + "&start=" + start + "&actual=true&value=2&value=4");
        TagHistory stored = engine.history(new HistoryQuery(count.id(), start, null, null, null, null, true,
                List.of(2L, 4L), false));
        assertThat(points(actual, 0).size()).isEqualTo(stored.data().size()).isEqualTo(20);
        for (int i = 0; i < stored.data().size(); i++) {
            assertThat(points(actual, 0).get(i).get(0).asLong()).isEqualTo(stored.data().get(i).x());
            assertThat(points(actual, 0).get(i).get(1).asLong()).isEqualTo(((Number) stored.data().get(i).y()).longValue());
        }
    }
}
