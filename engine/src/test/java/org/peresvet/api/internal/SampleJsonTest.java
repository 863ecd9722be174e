package org.peresvet.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Sample;

/** The hand-written current-value answer is byte for byte what the generator writes. */
class SampleJsonTest {

    private static String generated(String id, Sample s, Long since) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator gen = Json.MAPPER.createGenerator(buf)) {
            SampleJson.write(gen, List.of(SampleJson.Part.current(id, s, since)), false);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fastAnswerEqualsTheGeneratorsForNumbersBooleansAndNull() throws Exception {
        long x = 1_700_000_000_123_456L;
        String uuid = "4ed50a4c-d6ed-4a2c-943a-eb378a99e122";
        for (Sample s : List.of(new Sample(x, 2.5, null), new Sample(x, 1e-7, 0), new Sample(x, 12345678901234.5, null),
                new Sample(x, -0.0, null), new Sample(x, 3.0, 103), new Sample(x, 42L, null), new Sample(x, true, null),
                new Sample(x, false, null), new Sample(x, null, 100), new Sample(-5, 1.0E22, null))) {
            for (String id : List.of(uuid, "/Station/Tank_1/Level-2.5")) {
                for (Long since : new Long[]{null, x - 1000}) {
                    assertThat(new String(SampleJson.currentBytes(id, s, since), StandardCharsets.ISO_8859_1))
                            .as(s.toString()).isEqualTo(generated(id, s, since));
                }
            }
        }
    }

    @Test
    void valuesAndIdsThatNeedTheGeneratorAreLeftToIt() {
        assertThat(SampleJson.currentBytes("a", new Sample(1, "text", null), 1L)).isNull();
        assertThat(SampleJson.currentBytes("a", new Sample(1, Double.NaN, null), 1L)).isNull();
        assertThat(SampleJson.isPlain("/Station/Tank/Level")).isTrue();
        assertThat(SampleJson.isPlain("/Станция/Уровень")).isFalse();
        assertThat(SampleJson.isPlain("/a\"b")).isFalse();
        assertThat(SampleJson.isPlain("/a b")).isFalse();
    }
}
