package org.peresvet.connector.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.Binding;
import org.peresvet.connector.payload.Extraction.Parsed;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Feeds generated payloads to every extraction: never an exception, always a value of the right type or a reason. */
class PayloadFuzzTest {
    private static final String[] PIECES = {"{", "}", "[", "]", ",", ":", "\"", "\\", "ON", "OFF", "true", "null", "-", ".",
            "e", "1", "0", "21.5", "1e999", "NaN", "\"DS18B20\"", "\"Temperature\"", "\"value\"", "\"POWER\"", " ", "\n",
            "é", "\u0000", "Infinity", "9223372036854775808", "-0", "{\"value\":", "{\"DS18B20\":{\"Temperature\":"};

    @Test
    void tenThousandGeneratedPayloadsNeverThrow() {
        Random rnd = new Random(20261127L);
        Binding base = Binding.of(UUID.randomUUID(), UUID.randomUUID(), "t");
        List<Binding> bindings = List.of(base, base.withJson("$.value"), base.withJson("$.DS18B20.Temperature"),
                base.withJson("$.a[0]"), base.withMap(Map.of("ON", 1L, "OFF", 0L)), base.withScaling(0.5, 3));
        // Every parser: each type × binding, with and without an engineering range, built once.
        List<Extraction> parsers = new java.util.ArrayList<>();
        UUID object = UUID.randomUUID();
        for (ValueType type : ValueType.values()) {
            for (Binding b : bindings) {
                parsers.add(Extraction.of(b, TagDef.builder(object, "T", type).build()));
                if (type.isNumeric()) {
                    parsers.add(Extraction.of(b, TagDef.builder(object, "T", type).min(-100.0).max(100.0).build()));
                }
            }
        }
        int values = 0;
        int rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] payload = generate(rnd);
            for (Extraction e : parsers) {
                Parsed p = e.extract(payload);
                // Plain checks: AssertJ per call would dominate the run time.
                if (p == null) {
                    throw new AssertionError("no result for " + new String(payload, StandardCharsets.UTF_8));
                }
                if (p.ok()) {
                    values++;
                    if (p.value() == null || !e.type().coerce(p.value()).equals(p.value())) {
                        throw new AssertionError("value " + p.value() + " is not a " + e.type());
                    }
                } else {
                    rejected++;
                    if (p.rejection().isBlank() || p.rejection().contains("cannot read the payload")) {
                        throw new AssertionError("bad rejection '" + p.rejection() + "' for " + java.util.Arrays.toString(payload));
                    }
                }
            }
        }
        assertThat(values).isPositive();
        assertThat(rejected).isPositive();
    }

    private static byte[] generate(Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0 -> {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                return b;
            }
            case 1 -> {
                return String.valueOf(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 4)).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                return ("{\"value\":" + (rnd.nextBoolean() ? rnd.nextInt(300) - 150 : "\"" + rnd.nextInt(9) + "\"")
                        + ",\"DS18B20\":{\"Temperature\":" + rnd.nextDouble() * 200 + "},\"a\":[" + rnd.nextInt() + "]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(12);
                for (int i = 0; i < n; i++) {
                    sb.append(PIECES[rnd.nextInt(PIECES.length)]);
                }
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
