package org.peresvet.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Sample;

class HistoryJsonTest {
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void rendersMicrosNullQualityAndEachValueType() {
        TagHistory answer = new TagHistory(A, List.of(
                new Sample(1000, 10.5, null),
                new Sample(2000, null, 100),
                new Sample(3000, 7L, 0),
                new Sample(4000, true, null),
                new Sample(5000, "on \"duty\"", null)), false);

        assertThat(HistoryJson.toJson(List.of(answer), false)).isEqualTo(
                "{\"data\":[{\"tagId\":\"00000000-0000-0000-0000-00000000000a\",\"data\":["
                        + "[1000,10.5,null],[2000,null,100],[3000,7,0],[4000,true,null],"
                        + "[5000,\"on \\\"duty\\\"\",null]]}]}");
    }

    @Test
    void formatRendersXAsIso8601() {
        TagHistory answer = new TagHistory(A, List.of(
                new Sample(0, 1.0, null),
                new Sample(1_500_000, 2.0, null),
                new Sample(1_000_001, 3.0, null)), false);

        assertThat(HistoryJson.toJson(List.of(answer), true)).isEqualTo(
                "{\"data\":[{\"tagId\":\"00000000-0000-0000-0000-00000000000a\",\"data\":["
                        + "[\"1970-01-01T00:00:00Z\",1.0,null],"
                        + "[\"1970-01-01T00:00:01.500Z\",2.0,null],"
                        + "[\"1970-01-01T00:00:01.000001Z\",3.0,null]]}]}");
    }

    @Test
    void excessIsWrittenOnlyWhenSet() {
        TagHistory capped = new TagHistory(A, List.of(new Sample(1000, 1L, null)), true);
        TagHistory whole = new TagHistory(B, List.of(), false);

        assertThat(HistoryJson.toJson(List.of(capped, whole), false)).isEqualTo(
                "{\"data\":["
                        + "{\"tagId\":\"00000000-0000-0000-0000-00000000000a\","
                        + "\"data\":[[1000,1,null]],\"excess\":true},"
                        + "{\"tagId\":\"00000000-0000-0000-0000-00000000000b\",\"data\":[]}]}");
    }

    @Test
    void jsonValuesAreEmbeddedAsJson() throws Exception {
        TagHistory answer = new TagHistory(A, List.of(
                new Sample(1000, new ObjectMapper().readTree("{\"a\":[1,2],\"b\":null}"), null)), false);

        assertThat(HistoryJson.toJson(List.of(answer), false)).isEqualTo(
                "{\"data\":[{\"tagId\":\"00000000-0000-0000-0000-00000000000a\",\"data\":["
                        + "[1000,{\"a\":[1,2],\"b\":null},null]]}]}");
    }

    @Test
    void noAnswersGiveAnEmptyDataArray() {
        assertThat(HistoryJson.toJson(List.of(), false)).isEqualTo("{\"data\":[]}");
    }

    @Test
    void writeToWritesTheSameUtf8AndLeavesTheStreamOpen() throws Exception {
        TagHistory answer = new TagHistory(A, List.of(new Sample(1000, "Пересвет", null)), false);
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        HistoryJson.writeTo(out, List.of(answer), false);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(HistoryJson.toJson(List.of(answer), false))
                .contains("\"Пересвет\"");
        assertThat(closed[0]).isFalse();
    }
}
