package org.peresvet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.cli.CliSupport.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.Micros;

/**
 * {@code write} answers like {@code POST /v1/data/}, with the retention warning printed; the
 * value at a moment says since when it holds, and a tag that never had a value says so.
 */
class CliWriteAndNoValueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "/PumpStation/Tank1/LevelSetpoint";

    @TempDir
    Path tmp;

    @Test
    void writeWarnsOfSamplesOlderThanTheRetentionAndTheValueSaysSinceWhen() throws Exception {
        Path dir = CliSupport.demoProject(tmp);

        // Never written: the value at now is [now, null, null] with "since": null, and a note says why.
        CliSupport.Run never = run("history", TAG, "--project", dir.toString());
        assertThat(never.exit()).as(never.toString()).isZero();
        JsonNode part = JSON.readTree(never.out()).get("data").get(0);
        assertThat(part.get("tagId").asText()).isEqualTo(TAG);
        assertThat(part.get("since").isNull()).as(never.toString()).isTrue();
        assertThat(part.get("data").get(0).get(1).isNull()).isTrue();
        assertThat(never.err()).contains("note: " + TAG + " has no value yet: it was never written");

        long old = Micros.now() - 40 * 86_400L * Micros.PER_SECOND;
        CliSupport.Run w = run("write", TAG, "2.5", "--time", Long.toString(old), "--project", dir.toString());
        assertThat(w.exit()).as(w.toString()).isZero();
        JsonNode answer = JSON.readTree(w.out());
        assertThat(answer.get("received").asInt()).isEqualTo(1);
        assertThat(answer.get("retentionDays").asInt()).isEqualTo(30);
        assertThat(answer.get("warning").asText()).startsWith("the sample is older than the history retention of 30 days");
        assertThat(w.err()).startsWith("warning: " + TAG + ": the sample is older than the history retention");

        CliSupport.Run fresh = run("write", TAG, "3.5", "--project", dir.toString());
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        assertThat(JSON.readTree(fresh.out()).has("warning")).isFalse();
        assertThat(fresh.err()).isEmpty();

        CliSupport.Run now = run("history", TAG, "--project", dir.toString());
        JsonNode value = JSON.readTree(now.out()).get("data").get(0);
        assertThat(value.get("data").get(0).get(1).asDouble()).isEqualTo(3.5);
        assertThat(value.get("since").asLong()).isLessThanOrEqualTo(value.get("data").get(0).get(0).asLong())
                .isGreaterThan(old);
        assertThat(now.err()).isEmpty();

        CliSupport.Run bad = run("write", TAG, "high", "--project", dir.toString());
        assertThat(bad.exit()).isEqualTo(PeresvetCli.EXIT_INVALID_INPUT);
        assertThat(bad.err()).contains("VALUE");
    }
}
