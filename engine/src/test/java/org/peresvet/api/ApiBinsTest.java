package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/data/?bins=N}: the decimated history query over HTTP. */
class ApiBinsTest extends ApiTestBase {

    private void writeCounts(int n) {
        StringBuilder samples = new StringBuilder("{\"data\":[{\"tagId\":\"" + count.id() + "\",\"data\":[");
        for (int i = 0; i < n; i++) {
            samples.append(i == 0 ? "" : ",").append("[").append(T0 + i * 1_000_000L).append(",").append(i % 7)
                    .append(i == 5 ? ",103" : "").append("]");
        }
        Resp r = post("/v1/data/", samples.append("]}]}").toString());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @Test
    void binsSummariseThePeriodWithFirstLastMinMaxAndBadCounts() {
        writeCounts(10); // 0 1 2 3 4 [5 bad] 6 0 1 2 at seconds 0..9
        Resp r = get("/v1/data/?tagId=/Station/Tank/Count&start=" + T0 + "&finish=" + (T0 + 9_999_999) + "&bins=2");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode tag = r.json().get("data").get(0);
        assertThat(tag.get("tagId").asText()).isEqualTo("/Station/Tank/Count");
        assertThat(tag.get("step").asBoolean()).isFalse();
        assertThat(tag.get("width").asLong()).isEqualTo(5_000_000);
        assertThat(tag.get("data")).isEmpty();
        JsonNode bins = tag.get("bins");
        assertThat(bins).hasSize(2);
        JsonNode a = bins.get(0);
        assertThat(a.get("x").asLong()).isEqualTo(T0);
        assertThat(a.get("n").asInt()).isEqualTo(5);
        assertThat(a.get("first").get(1).asInt()).isZero();
        assertThat(a.get("last").get(1).asInt()).isEqualTo(4);
        assertThat(a.get("max").get(0).asLong()).isEqualTo(T0 + 4_000_000);
        assertThat(a.get("max").get(1).asDouble()).isEqualTo(4.0);
        assertThat(a.get("bad").asInt()).isZero();
        JsonNode b = bins.get(1); // 5 (bad) 6 0 1 2
        assertThat(b.get("first").get(2).asInt()).isEqualTo(103);
        assertThat(b.get("bad").asInt()).isEqualTo(1);
        assertThat(b.get("min").get(1).asDouble()).isZero();
        assertThat(b.get("max").get(1).asDouble()).isEqualTo(6.0);
        assertThat(b.get("max").get(0).asLong()).isEqualTo(T0 + 6_000_000);
    }

    @Test
    void aPeriodWithFewerSamplesThanBinsComesRaw() {
        writeCounts(10);
        Resp r = get("/v1/data/?q=" + enc("{\"tagId\":\"" + count.id() + "\",\"start\":" + (T0 + 2_000_000) + ",\"finish\":"
                + (T0 + 4_000_000) + ",\"bins\":100,\"format\":true}"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode tag = r.json().get("data").get(0);
        assertThat(tag.get("bins")).isEmpty();
        assertThat(tag.get("data")).hasSize(3);
        assertThat(tag.get("data").get(0).get(0).asText()).isEqualTo("2023-11-14T22:13:22Z");
        assertThat(tag.get("before").get(1).asInt()).isEqualTo(1);
        assertThat(tag.get("after").get(1).asInt()).isEqualTo(5);
    }

    @Test
    void binsNeedStartTakeNoPointPickingKeyAndAreBounded() {
        Resp noStart = get("/v1/data/?tagId=/Station/Tank/Count&bins=10");
        assertThat(noStart.status()).isEqualTo(400);
        assertThat(noStart.json().get("field").asText()).isEqualTo("bins");
        Resp withCount = get("/v1/data/?tagId=/Station/Tank/Count&start=" + T0 + "&bins=10&count=3");
        assertThat(withCount.status()).isEqualTo(400);
        assertThat(withCount.json().get("message").asText()).contains("count");
        Resp zero = get("/v1/data/?tagId=/Station/Tank/Count&start=" + T0 + "&bins=0");
        assertThat(zero.status()).isEqualTo(400);
        // 100,000 bins x 4 points x 3 tags is over the answer cap (1,000,000 points): refused before reading.
        Resp big = get("/v1/data/?tagId=/Station/Tank/Count&tagId=/Station/Tank/Level&tagId=/Station/Tank/Mode&start="
                + T0 + "&bins=100000");
        assertThat(big.status()).as(big.text()).isEqualTo(413);
        assertThat(big.json().get("field").asText()).isEqualTo("bins");
    }
}
