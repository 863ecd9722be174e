package org.peresvet.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peresvet.history.HistoryJson;
import org.peresvet.history.SampleScan;
import org.peresvet.model.Sample;

/**
 * Issue 25: the garbage-free point writer writes byte for byte what the one sample writer
 * ({@link HistoryJson#writeSample}) writes, doubles included: random bit patterns (subnormals,
 * NaN payloads, huge and tiny exponents), random decimals, and the edges.
 */
class PointWriterTest {

    private interface Writing {
        void to(JsonGenerator gen) throws IOException;
    }

    private static String json(Writing w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = Json.MAPPER.createGenerator(out)) {
            gen.writeStartArray();
            w.to(gen);
            gen.writeEndArray();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void doublesAreWrittenAsDoubleToStringWritesThem() throws IOException {
        Random rnd = new Random(25);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0x7ff8000000000123L), 1e-3, 1e7, 9999999.999, 1e23, 2e-323, 4.9e-324,
                0.1 + 0.2, 1.0 / 3, 100.0, 20.0 + Math.sin(1 / 30.0) * 5.123456));
        for (int i = 0; i < 25_000; i++) {
            values.add(Double.longBitsToDouble(rnd.nextLong()));
            values.add(Double.longBitsToDouble(rnd.nextLong() & 0x000fffffffffffffL)); // subnormal
            values.add((rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20));
            values.add(Math.round(rnd.nextDouble() * 1e6) / 1e3);
        }
        for (int chunk = 0; chunk < values.size(); chunk += 1000) {
            List<Double> part = values.subList(chunk, Math.min(values.size(), chunk + 1000));
            String expected = json(gen -> {
                for (double d : part) {
                    gen.writeNumber(d);
                }
            });
            String actual = json(gen -> {
                PointWriter w = new PointWriter(gen, false);
                for (double d : part) {
                    w.writeDouble(d);
                }
            });
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void everyKindOfPointIsWrittenAsTheSampleWriterWritesIt() throws IOException {
        var node = new ObjectMapper().readTree("{\"a\":[1,\"x\"]}");
        List<Sample> samples = List.of(Sample.of(1, 1.5), Sample.of(2, 7L), Sample.of(3, true), Sample.of(4, false),
                Sample.of(5, "текст \"q\""), Sample.of(6, node), new Sample(7, null, 100), new Sample(8, -0.0, 0),
                new Sample(9, Double.NaN, null), Sample.of(10, 3));
        for (boolean format : new boolean[] {false, true}) {
            String expected = json(gen -> {
                for (Sample s : samples) {
                    HistoryJson.writeSample(gen, s, format);
                }
            });
            // As objects (interpolated points, merged buckets) and as primitives (decoded blocks).
            String asObjects = json(gen -> {
                PointWriter w = new PointWriter(gen, format);
                samples.forEach(s -> SampleScan.of(s, w));
            });
            String asPrimitives = json(gen -> {
                PointWriter w = new PointWriter(gen, format);
                for (Sample s : samples) {
                    long q = s.q() == null ? SampleScan.NO_Q : s.q();
                    if (s.y() instanceof Double d) {
                        w.sample(s.x(), SampleScan.DOUBLE, Double.doubleToRawLongBits(d), null, q);
                    } else if (s.y() instanceof Long l) {
                        w.sample(s.x(), SampleScan.LONG, l, null, q);
                    } else if (s.y() instanceof Boolean b) {
                        w.sample(s.x(), SampleScan.BOOL, b ? 1 : 0, null, q);
                    } else if (s.y() == null) {
                        w.sample(s.x(), SampleScan.NULL, 0, null, q);
                    } else {
                        SampleScan.of(s, w);
                    }
                }
            });
            assertThat(asObjects).isEqualTo(expected);
            assertThat(asPrimitives).isEqualTo(expected);
        }
    }
}
