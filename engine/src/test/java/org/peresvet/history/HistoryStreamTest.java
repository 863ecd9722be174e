package org.peresvet.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/** Issue 25: a streamed query can be stopped between points, also where a value filter drops every point. */
class HistoryStreamTest {
    private static final long T0 = 1_700_000_000_000_000L;

    private static MemorySampleSource tenThousand() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            samples.add(Sample.of(T0 + i * 1000L, (double) (i % 7)));
        }
        return new MemorySampleSource(samples);
    }

    private static void stopsInsideTheTag(HistoryQuery q) {
        AtomicInteger ticks = new AtomicInteger();
        AtomicLong points = new AtomicLong();
        assertThatThrownBy(() -> HistoryStream.run(q, ValueType.DOUBLE, false, tenThousand(), T0 + 20_000_000L,
                (x, kind, bits, obj, qual) -> points.incrementAndGet(), () -> {
                    if (ticks.incrementAndGet() == 3) {
                        throw new IllegalStateException("time is up");
                    }
                })).hasMessage("time is up");
        assertThat(points.get()).as("stopped after a few ticks, not at the end").isLessThan(3L * HistoryStream.TICK_EVERY);
    }

    @Test
    void aTickStopsASeriesAPeriodAndAFilteredQueryBetweenPoints() {
        UUID tag = UUID.randomUUID();
        stopsInsideTheTag(new HistoryQuery(tag, T0, T0 + 9_999_000L, null, 100L, null, false, null, false));
        stopsInsideTheTag(HistoryQuery.range(tag, T0, T0 + 9_999_000L));
        stopsInsideTheTag(HistoryQuery.range(tag, T0, T0 + 9_999_000L).withActual(true));
        // Nothing passes the filter, so no point reaches the sink: the tick still runs.
        stopsInsideTheTag(new HistoryQuery(tag, T0, T0 + 9_999_000L, null, 100L, null, false, List.of(99.0), false));
    }
}
