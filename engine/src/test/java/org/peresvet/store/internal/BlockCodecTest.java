package org.peresvet.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

class BlockCodecTest {
    private static List<Sample> roundTrip(List<Sample> samples) {
        return BlockCodec.decode(samples.get(0).x(), samples.size(), BlockCodec.encode(samples));
    }

    @Test
    void everyKindOfValueAndQualityComesBackAsWritten() {
        List<Sample> samples = List.of(
                new Sample(1_700_000_000_000_000L, 1.5, null),
                new Sample(1_700_000_000_000_000L, -0.0, 0),
                new Sample(1_700_000_000_000_001L, 42L, 103),
                new Sample(1_700_000_001_000_000L, Long.MIN_VALUE, -1),
                new Sample(1_700_000_002_000_000L, true, null),
                new Sample(1_700_000_003_000_000L, false, null),
                new Sample(1_700_000_004_000_000L, null, 100),
                new Sample(1_700_000_005_000_000L, "température 🌡", null),
                new Sample(1_700_000_006_000_000L, ValueType.JSON.coerce("{\"a\":[1,2],\"b\":\"x\"}"), null),
                new Sample(1_700_000_007_000_000L, Double.NaN, null));
        assertThat(roundTrip(samples)).isEqualTo(samples);
    }

    @Test
    void theBufferGrowsForValuesLargerThanItsFirstGuess() {
        // The first guess is about 10 bytes per sample; a long text needs far more.
        String big = "x".repeat(100_000);
        List<Sample> samples = List.of(new Sample(5, big, null), new Sample(6, "short", null), new Sample(7, big + "!", 1));
        assertThat(roundTrip(samples)).isEqualTo(samples);
    }

    @Test
    void aFullBlockOfDoublesRoundTrips() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            samples.add(new Sample(1_000_000L * i, Math.sin(i) * 1e6, i % 7 == 0 ? i : null));
        }
        assertThat(roundTrip(samples)).isEqualTo(samples);
    }

    @Test
    void outGrowsAndKeepsEveryByte() {
        BlockCodec.Out out = new BlockCodec.Out(1);
        for (int i = 0; i < 1000; i++) {
            out.write(i & 0xFF);
            out.longBits(i);
        }
        byte[] bytes = out.toByteArray();
        assertThat(out.size()).isEqualTo(9000);
        assertThat(bytes).hasSize(9000);
        assertThat(bytes[9 * 999] & 0xFF).isEqualTo(999 & 0xFF);
        assertThat(bytes[9 * 999 + 1] & 0xFF).isEqualTo(999 & 0xFF);
        assertThat(bytes[9 * 999 + 2] & 0xFF).isEqualTo(999 >>> 8);
    }
}
