package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;

/**
 * History older than the retention: the write is applied, and answered with a warning that the
 * next purge removes it; {@code /v1/health} shows the retention.
 */
class ApiRetentionTest extends ApiTestBase {
    private static final long DAY = 86_400L * Micros.PER_SECOND;

    @Test
    void aWriteOlderThanTheRetentionIsWarned() {
        long now = Micros.now();
        Resp recent = write(level.id(), "[[" + (now - 29 * DAY) + ", 1.0]]");
        assertThat(recent.status()).isEqualTo(200);
        assertThat(recent.json().has("warning")).as(recent.text()).isFalse();

        Resp old = write(level.id(), "[[" + (now - 31 * DAY) + ", 2.0], [" + (now - 40 * DAY) + ", 3.0], [4.0]]");
        assertThat(old.status()).as(old.text()).isEqualTo(200);
        assertThat(old.json().get("received").asInt()).isEqualTo(3);
        assertThat(old.json().get("olderThanRetention").asInt()).isEqualTo(2);
        assertThat(old.json().get("retentionDays").asInt()).isEqualTo(30);
        assertThat(old.json().get("warning").asText())
                .startsWith("2 of 3 samples are older than the history retention of 30 days (before ")
                .endsWith("applied, but the next purge of local history (hourly) removes them");
        // Applied all the same (until the purge): the old samples are in history now.
        Resp stored = get("/v1/data/?tagId=" + level.id() + "&start=" + (now - 41 * DAY) + "&finish=" + (now - 30 * DAY)
                + "&actual=true");
        assertThat(points(stored, 0)).hasSize(2);

        Resp health = get("/v1/health");
        assertThat(health.json().get("history").get("retentionDays").asInt()).isEqualTo(30);
        assertThat(Micros.parse(health.json().get("history").get("retentionStart").asText()))
                .isBetween(now - 30 * DAY - 60 * Micros.PER_SECOND, Micros.now() - 30 * DAY + 60 * Micros.PER_SECOND);
    }
}
