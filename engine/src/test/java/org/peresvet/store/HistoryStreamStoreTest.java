package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.history.HistoryQueries;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.HistoryStream;
import org.peresvet.history.MemorySampleSource;
import org.peresvet.history.SampleScan;
import org.peresvet.history.SampleSource;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * Issue 25: a streamed history answer ({@link HistoryStream}, the H2 reader decoding only the
 * blocks of the range) has exactly the points of the list answer ({@link HistoryQueries#run}), on
 * seeded random queries over a real history file with blocks written out of order, several
 * samples at one x, text values, gaps, and tags with and without the update flag.
 */
class HistoryStreamStoreTest {
    private static final long H = HistoryStore.BUCKET;
    private static final long T0 = 1_700_000_000L * 1_000_000L / H * H;
    private static final long SPAN = 3 * H;

    @TempDir
    Path dir;
    private HistoryStore store;
    private final UUID tag = UUID.randomUUID();
    private final List<Sample> written = new ArrayList<>();

    @BeforeEach
    void open() {
        store = HistoryStore.open(new ProjectFolder(dir));
        Random rnd = new Random(25);
        // Batches in random x order: a bucket gets blocks that overlap, others stay in order.
        for (int batch = 0; batch < 12; batch++) {
            List<Sample> samples = new ArrayList<>();
            long base = T0 + (batch % 4 == 3 ? rnd.nextLong(SPAN) : batch * SPAN / 12);
            for (int i = 0; i < 150; i++) {
                long x = Math.min(T0 + SPAN - 1, base + rnd.nextLong(SPAN / 24));
                samples.add(sample(rnd, x));
            }
            if (batch == 5) {
                samples.add(sample(rnd, samples.get(0).x())); // two samples at one x in one block
            }
            store.write(Map.of(tag, samples));
            written.addAll(samples);
        }
    }

    private static Sample sample(Random rnd, long x) {
        return switch (rnd.nextInt(10)) {
            case 0 -> new Sample(x, null, Quality.CONNECTION_LOST);
            case 1 -> new Sample(x, (double) rnd.nextInt(3), Quality.BAD_DATA);
            default -> Sample.of(x, (double) rnd.nextInt(4) + (rnd.nextBoolean() ? 0.5 : 0.0));
        };
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theInOrderScanReadsWhatRangeReads() {
        Random rnd = new Random(7);
        for (boolean update : new boolean[] {false, true}) {
            try (HistoryStore.Reader r = store.reader(tag, update)) {
                for (int i = 0; i < 300; i++) {
                    long from = T0 - H / 2 + rnd.nextLong(SPAN + H);
                    long to = from + rnd.nextLong(SPAN);
                    int limit = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(200);
                    List<Sample> seen = new ArrayList<>();
                    r.scanInOrder(from, to, limit, (x, kind, bits, obj, q) -> {
                        seen.add(SampleScan.toSample(x, kind, bits, obj, q));
                        return limit == 0 || seen.size() < limit;
                    });
                    assertThat(seen).as("update %s, %d..%d limit %d", update, from, to, limit)
                            .isEqualTo(r.range(from, to, limit));
                }
            }
        }
    }

    @Test
    void aStreamedAnswerHasThePointsOfTheListAnswer() {
        Random rnd = new Random(2025);
        MemorySampleSource memory = new MemorySampleSource(written);
        int answered = 0;
        for (int i = 0; i < 600; i++) {
            HistoryQuery q = randomQuery(rnd);
            long now = T0 + rnd.nextLong(SPAN + H);
            boolean step = rnd.nextInt(4) == 0;
            boolean update = rnd.nextInt(3) == 0;
            try (HistoryStore.Reader r = store.reader(tag, update)) {
                answered += same(q, step, r, now) ? 1 : 0;
            }
            if (!update) {
                same(q, step, memory, now);
            }
        }
        assertThat(answered).as("most random queries are valid").isGreaterThan(250);
    }

    /** True when the query was valid; both ways refuse an invalid one with the same message. */
    private static boolean same(HistoryQuery q, boolean step, SampleSource src, long now) {
        TagHistory expected;
        try {
            expected = HistoryQueries.run(q, ValueType.DOUBLE, step, src, now);
        } catch (IllegalArgumentException e) {
            try {
                HistoryStream.run(q, ValueType.DOUBLE, step, src, now, (x, kind, bits, obj, qq) -> { }, () -> { });
            } catch (IllegalArgumentException again) {
                assertThat(again).hasMessage(e.getMessage());
                return false;
            }
            throw new AssertionError("the stream answered a query the list refused: " + q);
        }
        List<Sample> points = new ArrayList<>();
        HistoryStream.Result r = HistoryStream.run(q, ValueType.DOUBLE, step, src, now,
                (x, kind, bits, obj, qq) -> points.add(SampleScan.toSample(x, kind, bits, obj, qq)), () -> { });
        assertThat(points).as("%s", q).isEqualTo(expected.data());
        assertThat(r.excess()).as("excess of %s", q).isEqualTo(expected.excess());
        assertThat(r.points()).isEqualTo(expected.data().size());
        return true;
    }

    private static HistoryQuery randomQuery(Random rnd) {
        Long start = rnd.nextInt(4) == 0 ? null : T0 - H / 4 + rnd.nextLong(SPAN + H / 2);
        Long finish = rnd.nextInt(3) == 0 ? null
                : (start != null && rnd.nextInt(8) > 0 ? start : T0) + rnd.nextLong(SPAN / 2);
        Integer count = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(400) : null;
        Long timeStep = rnd.nextInt(3) == 0 ? SPAN / 3000 + rnd.nextLong(SPAN / 200) : null; // series of at most ~3,000 points
        Integer maxCount = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(300) : null;
        boolean actual = rnd.nextInt(4) == 0;
        List<Object> values = rnd.nextInt(4) == 0 ? List.of(1.0, 2.5) : null;
        return new HistoryQuery(UUID.randomUUID(), start, finish, count, timeStep, maxCount, actual, values, false);
    }
}
