package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.peresvet.history.HistoryContractCases;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * The hand-computed table of {@code HistoryContractCases} over real HTTP: every combination of
 * start, finish, count and timeStep, finish absent, on a sample and between samples, on a linear
 * and a step tag. Without finish the query ends at the real now, so points after the stored
 * samples are checked by their distance to the last point, which must be now.
 */
class ApiHistoryContractTest extends ApiTestBase {

    @Test
    void everyCombinationAnswersAsComputedByHand() {
        // An hour ago, well inside the history retention: older samples could be purged while the test runs.
        long base = Micros.now() - 3_600_000_000L;
        TagDef linear = TagDef.builder(tank.id(), "Linear", ValueType.DOUBLE).build();
        TagDef step = TagDef.builder(tank.id(), "Stepped", ValueType.DOUBLE).step(true).build();
        engine.edit(new ModelEdit.PutTag(linear), new ModelEdit.PutTag(step));
        StringBuilder samples = new StringBuilder("[");
        for (double[] s : HistoryContractCases.STORED) {
            samples.append(samples.length() > 1 ? "," : "").append("[").append(base + (long) s[0]).append(",")
                    .append(s[1]).append("]");
        }
        samples.append("]");
        assertThat(write(linear.id(), samples.toString()).status()).isEqualTo(200);
        assertThat(write(step.id(), samples.toString()).status()).isEqualTo(200);

        SoftAssertions soft = new SoftAssertions();
        int asked = 0;
        for (HistoryContractCases.Case c : HistoryContractCases.all()) {
            boolean untilNow = c.finish() == null;
            if (untilNow && c.start() != null && c.timeStep() != null) {
                continue; // a grid of 1 ms steps over the last hour: too many points for an answer (413), shown in the unit test
            }
            String path = "/Station/Tank/" + (c.step() ? "Stepped" : "Linear");
            StringBuilder q = new StringBuilder("/v1/data/?tagId=" + enc(path));
            if (c.start() != null) {
                q.append("&start=").append(base + c.start());
            }
            if (c.finish() != null) {
                q.append("&finish=").append(base + c.finish());
            }
            if (c.count() != null) {
                q.append("&count=").append(c.count());
            }
            if (c.timeStep() != null) {
                q.append("&timeStep=").append(c.timeStep());
            }
            long before = Micros.now();
            Resp r = get(q.toString());
            long after = Micros.now();
            asked++;
            if (c.expected() == null) {
                soft.assertThat(r.status()).as(c.name() + ": " + r.text()).isEqualTo(400);
                soft.assertThat(r.json().path("field").asText()).as(c.name()).isEqualTo(c.error());
                continue;
            }
            soft.assertThat(r.status()).as(c.name() + ": " + r.text()).isEqualTo(200);
            if (r.status() != 200) {
                continue;
            }
            soft.assertThat(r.json().get("data").get(0).get("tagId").asText()).as(c.name()).isEqualTo(path);
            JsonNode pts = points(r, 0);
            List<String> got = new ArrayList<>();
            List<String> want = new ArrayList<>();
            long last = pts.isEmpty() ? 0 : pts.get(pts.size() - 1).get(0).asLong();
            for (int i = 0; i < pts.size(); i++) {
                long x = pts.get(i).get(0).asLong();
                // After the stored samples, without finish: relative to now (the last point).
                got.add((untilNow && x > base + 4000 ? "now-" + (last - x) : Long.toString(x - base))
                        + " " + text(pts.get(i).get(1)) + " " + text(pts.get(i).get(2)));
            }
            for (Object[] p : c.expected()) {
                long x = (Long) p[0];
                want.add((untilNow && x > 4000 ? "now-" + (HistoryContractCases.NOW - x) : Long.toString(x))
                        + " " + (p[1] == null ? "null" : p[1].toString()) + " null");
            }
            soft.assertThat(got).as(c.name()).containsExactlyElementsOf(want);
            if (untilNow && last > base + 4000) {
                soft.assertThat(last).as(c.name() + ": the last point is now").isBetween(before, after);
            }
        }
        soft.assertAll();
        assertThat(asked).isEqualTo(HistoryContractCases.all().size() - 4);
    }

    private static String text(JsonNode n) {
        return n.isNull() ? "null" : n.isNumber() ? Double.toString(n.asDouble()) : n.asText();
    }
}
