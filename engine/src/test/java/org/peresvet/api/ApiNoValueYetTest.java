package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * A tag that has never had a value says so: the value at now carries {@code "since": null}
 * (the time of the sample it comes from otherwise), so {@code [now, null, null]} is not taken for
 * an empty good reading; stored history is not touched.
 */
class ApiNoValueYetTest extends ApiTestBase {

    @Test
    void theValueAtNowSaysSinceWhenAndNullForNever() {
        long before = Micros.now();
        for (String name : new String[]{level.id().toString(), "/Station/Tank/Level"}) {
            Resp never = get("/v1/data/?tagId=" + enc(name));
            assertThat(never.status()).isEqualTo(200);
            JsonNode part = never.json().get("data").get(0);
            assertThat(part.get("tagId").asText()).isEqualTo(name);
            assertThat(part.has("since")).as(never.text()).isTrue();
            assertThat(part.get("since").isNull()).as(never.text()).isTrue();
            assertThat(part.get("data").get(0).get(0).asLong()).isGreaterThanOrEqualTo(before);
            assertThat(part.get("data").get(0).get(1).isNull()).isTrue();
        }
        // A good null reading is a value: it has a since.
        assertThat(write(mode.id(), "[[" + T0 + ", null, 0]]").status()).isEqualTo(200);
        JsonNode nullReading = get("/v1/data/?tagId=" + mode.id()).json().get("data").get(0);
        assertThat(nullReading.get("since").asLong()).isEqualTo(T0);
        assertThat(nullReading.get("data").get(0).get(1).isNull()).isTrue();

        assertThat(write(level.id(), "[[" + T0 + ", 2.5]]").status()).isEqualTo(200);
        JsonNode written = get("/v1/data/?tagId=" + level.id()).json().get("data").get(0);
        assertThat(written.get("since").asLong()).isEqualTo(T0);
        assertThat(written.get("data").get(0).get(1).asDouble()).isEqualTo(2.5);
        // With format, since is ISO text like x; a name that needs escaping takes the generator's path.
        TagDef spaced = TagDef.builder(tank.id(), "Level Два", ValueType.DOUBLE).build();
        engine.edit(new ModelEdit.PutTag(spaced));
        JsonNode iso = get("/v1/data/?tagId=" + level.id() + "&tagId=" + enc("/Station/Tank/Level Два") + "&format=true")
                .json().get("data");
        assertThat(iso.get(0).get("since").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(iso.get(1).get("since").isNull()).isTrue();

        // History answers (periods) are unchanged: no since, nothing stored for the never-written tag.
        Resp period = get("/v1/data/?tagId=" + spaced.id() + "&start=" + T0 + "&finish=" + (T0 + 1000));
        assertThat(period.json().get("data").get(0).has("since")).isFalse();
        Resp stored = get("/v1/data/?tagId=" + spaced.id() + "&start=0&actual=true");
        assertThat(points(stored, 0)).isEmpty();
    }

    @Test
    void aSampleStampedInTheFutureIsNotYetAValue() {
        long future = Micros.now() + 3_600_000_000L;
        assertThat(write(count.id(), "[[" + future + ", 7]]").status()).isEqualTo(200);
        JsonNode part = get("/v1/data/?tagId=" + count.id()).json().get("data").get(0);
        assertThat(part.get("since").isNull()).as(part.toString()).isTrue();
        assertThat(part.get("data").get(0).get(1).isNull()).isTrue();
    }
}
