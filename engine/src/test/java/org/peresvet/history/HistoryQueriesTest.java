package org.peresvet.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * The history query rules, each on a small hand-built data set with hand-computed answers.
 * Times are microseconds; "now" is 10 000 throughout.
 */
class HistoryQueriesTest {
    private static final UUID TAG = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final long NOW = 10_000;

    private static Sample s(long x, Object y) {
        return new Sample(x, y, null);
    }

    private static Sample s(long x, Object y, Integer q) {
        return new Sample(x, y, q);
    }

    private static SampleSource source(Sample... samples) {
        return MemorySampleSource.of(samples);
    }

    private static HistoryQuery atFinish(long finish) {
        return HistoryQuery.current(TAG).withFinish(finish);
    }

    private static List<Sample> run(HistoryQuery q, ValueType type, SampleSource src) {
        return HistoryQueries.run(q, type, false, src, NOW).data();
    }

    private static List<Sample> runStep(HistoryQuery q, ValueType type, SampleSource src) {
        return HistoryQueries.run(q, type, true, src, NOW).data();
    }

    @Nested
    class FinishDefault {
        // 15 000 lies after now (10 000): stored, but not part of a query without finish.
        private final SampleSource src = source(s(1000, 1.0), s(5000, 5.0), s(15_000, 15.0));

        @Test
        void periodWithoutFinishEndsAtNowAndHoldsTheLastValue() {
            List<Sample> points = run(HistoryQuery.current(TAG).withStart(0L), ValueType.DOUBLE, src);

            assertThat(points).containsExactly(
                    s(0, null), s(1000, 1.0), s(5000, 5.0), s(10_000, 5.0));
        }

        @Test
        void currentValueIgnoresFutureSamples() {
            assertThat(run(HistoryQuery.current(TAG), ValueType.DOUBLE, src))
                    .containsExactly(s(10_000, 5.0));
        }

        @Test
        void lastNWithoutFinishExcludesFutureSamples() {
            assertThat(run(HistoryQuery.current(TAG).withCount(5), ValueType.DOUBLE, src))
                    .containsExactly(s(1000, 1.0), s(5000, 5.0));
        }

        @Test
        void explicitFinishInterpolatesTowardsALaterSample() {
            // 5.0 + (15.0 - 5.0) * (10 000 - 5000) / (15 000 - 5000) = 10.0
            assertThat(run(atFinish(10_000), ValueType.DOUBLE, src)).containsExactly(s(10_000, 10.0));
        }

        @Test
        void explicitFinishInTheFutureReturnsFutureSamples() {
            List<Sample> points = run(HistoryQuery.range(TAG, 4000, 20_000), ValueType.DOUBLE, src);

            // 4000: 1.0 + 4.0 * 3000 / 4000 = 4.0
            assertThat(points).containsExactly(
                    s(4000, 4.0), s(5000, 5.0), s(15_000, 15.0), s(20_000, 15.0));
        }
    }

    @Nested
    class SinglePoint {
        private final SampleSource src = source(s(1000, 10.0), s(3000, 30.0));

        @Test
        void linearBetweenNeighbours() {
            assertThat(run(atFinish(2000), ValueType.DOUBLE, src)).containsExactly(s(2000, 20.0));
            assertThat(run(atFinish(1500), ValueType.DOUBLE, src)).containsExactly(s(1500, 15.0));
        }

        @Test
        void stepTagHoldsThePreviousValue() {
            assertThat(runStep(atFinish(2000), ValueType.DOUBLE, src)).containsExactly(s(2000, 10.0));
        }

        @Test
        void stringHoldsThePreviousValue() {
            SampleSource strings = source(s(1000, "a"), s(3000, "b"));

            assertThat(run(atFinish(2000), ValueType.STRING, strings)).containsExactly(s(2000, "a"));
        }

        @Test
        void beforeTheFirstSampleIsNull() {
            assertThat(run(atFinish(500), ValueType.DOUBLE, src)).containsExactly(s(500, null, null));
        }

        @Test
        void afterTheLastSampleTheLastValueHolds() {
            assertThat(run(atFinish(9000), ValueType.DOUBLE, src)).containsExactly(s(9000, 30.0));
        }

        @Test
        void storedSampleAtFinishIsUsedAsIs() {
            SampleSource exact = source(s(1000, 10.0), s(2000, 25.0, 0), s(3000, 30.0));

            assertThat(run(atFinish(2000), ValueType.DOUBLE, exact)).containsExactly(s(2000, 25.0, 0));
        }

        @Test
        void actualGivesTheLastStoredSampleAtOrBeforeFinish() {
            HistoryQuery q = atFinish(2500).withActual(true);

            assertThat(run(q, ValueType.DOUBLE, src)).containsExactly(s(1000, 10.0));
            assertThat(run(atFinish(500).withActual(true), ValueType.DOUBLE, src)).isEmpty();
        }
    }

    @Nested
    class BoundaryPoints {
        private final SampleSource doubles = source(s(1000, 10.0), s(3000, 30.0), s(5000, 50.0));

        @Test
        void linearForDouble() {
            assertThat(run(HistoryQuery.range(TAG, 2000, 4000), ValueType.DOUBLE, doubles))
                    .containsExactly(s(2000, 20.0), s(3000, 30.0), s(4000, 40.0));
        }

        @Test
        void stepTagHoldsThePreviousValue() {
            assertThat(runStep(HistoryQuery.range(TAG, 2000, 4000), ValueType.DOUBLE, doubles))
                    .containsExactly(s(2000, 10.0), s(3000, 30.0), s(4000, 30.0));
        }

        @Test
        void boolHoldsThePreviousValue() {
            SampleSource bools = source(s(1000, true), s(3000, false));

            assertThat(run(HistoryQuery.range(TAG, 2000, 4000), ValueType.BOOL, bools))
                    .containsExactly(s(2000, true), s(3000, false), s(4000, false));
        }

        @Test
        void jsonHoldsThePreviousValue() throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode one = mapper.readTree("{\"a\":1}");
            JsonNode two = mapper.readTree("{\"a\":2}");
            SampleSource json = source(s(1000, one), s(3000, two));

            assertThat(run(HistoryQuery.range(TAG, 2000, 2500), ValueType.JSON, json))
                    .containsExactly(s(2000, one), s(2500, one));
        }

        @Test
        void intIsRoundedToTheNearestLong() {
            SampleSource ints = source(s(1000, 10L), s(5000, 13L));

            // 2000: 10 + 3 * 0.25 = 10.75 -> 11;  4000: 10 + 3 * 0.75 = 12.25 -> 12
            List<Sample> points = run(HistoryQuery.range(TAG, 2000, 4000), ValueType.INT, ints);
            assertThat(points).containsExactly(s(2000, 11L), s(4000, 12L));
            assertThat(points).allSatisfy(p -> assertThat(p.y()).isInstanceOf(Long.class));
        }

        @Test
        void intHalvesRoundTowardsPositiveInfinity() {
            // 10 + 3 * 0.5 = 11.5 -> 12;  -10 - 3 * 0.5 = -11.5 -> -11 (Math.round)
            assertThat(run(atFinish(3000), ValueType.INT, source(s(1000, 10L), s(5000, 13L))))
                    .containsExactly(s(3000, 12L));
            assertThat(run(atFinish(3000), ValueType.INT, source(s(1000, -10L), s(5000, -13L))))
                    .containsExactly(s(3000, -11L));
        }

        @Test
        void nullNeighbourHoldsThePreviousValue() {
            SampleSource gap = source(s(1000, 10.0), s(3000, null), s(5000, 50.0));

            assertThat(run(HistoryQuery.range(TAG, 2000, 4000), ValueType.DOUBLE, gap))
                    .containsExactly(s(2000, 10.0), s(3000, null), s(4000, null));
        }

        @Test
        void badQualityNeighbourHoldsThePreviousValueAndQuality() {
            SampleSource bad = source(s(1000, 10.0), s(3000, 30.0, 103), s(5000, 50.0));

            assertThat(run(HistoryQuery.range(TAG, 2000, 4000), ValueType.DOUBLE, bad))
                    .containsExactly(s(2000, 10.0), s(3000, 30.0, 103), s(4000, 30.0, 103));
        }

        @Test
        void interpolatedPointTakesTheQualityOfThePreviousSample() {
            SampleSource src = source(s(1000, 10.0, 0), s(3000, 30.0));

            assertThat(run(atFinish(2000), ValueType.DOUBLE, src)).containsExactly(s(2000, 20.0, 0));
        }

        @Test
        void beforeTheFirstSampleTheStartPointIsNull() {
            SampleSource src = source(s(1000, 10.0));

            assertThat(run(HistoryQuery.range(TAG, 0, 2000), ValueType.DOUBLE, src))
                    .containsExactly(s(0, null, null), s(1000, 10.0), s(2000, 10.0));
        }

        @Test
        void storedSampleAtABoundaryIsNotDuplicated() {
            SampleSource src = source(s(1000, 10.0), s(2000, 20.0), s(3000, 30.0), s(4000, 40.0));

            assertThat(run(HistoryQuery.range(TAG, 2000, 4000), ValueType.DOUBLE, src))
                    .containsExactly(s(2000, 20.0), s(3000, 30.0), s(4000, 40.0));
        }

        @Test
        void startEqualToFinishGivesOnePoint() {
            assertThat(run(HistoryQuery.range(TAG, 2500, 2500), ValueType.DOUBLE, doubles))
                    .containsExactly(s(2500, 25.0));
        }

        @Test
        void emptyPeriodGivesBothBoundaryPoints() {
            // 1200: 10 + 20 * 0.1 = 12.0;  1800: 10 + 20 * 0.4 = 18.0
            assertThat(run(HistoryQuery.range(TAG, 1200, 1800), ValueType.DOUBLE, doubles))
                    .containsExactly(s(1200, 12.0), s(1800, 18.0));
        }
    }

    @Test
    void actualReturnsStoredSamplesOnly() {
        SampleSource src = source(s(1000, 10.0), s(3000, 30.0), s(5000, 50.0));

        assertThat(run(HistoryQuery.range(TAG, 2000, 4000).withActual(true), ValueType.DOUBLE, src))
                .containsExactly(s(3000, 30.0));
    }

    @Nested
    class Count {
        private final SampleSource src = source(
                s(1000, 1.0), s(2000, 2.0), s(3000, 3.0), s(4000, 4.0), s(5000, 5.0));

        @Test
        void withStartKeepsTheFirstN() {
            // 1500: 1.0 + 1.0 * 0.5 = 1.5
            assertThat(run(HistoryQuery.range(TAG, 1500, 5500).withCount(2), ValueType.DOUBLE, src))
                    .containsExactly(s(1500, 1.5), s(2000, 2.0));
        }

        @Test
        void withoutStartTakesTheLastNPointsEndingWithTheBoundaryPointAtFinish() {
            // 4500: 4.0 + 1.0 * 0.5 = 4.5, the last of the 2
            assertThat(run(atFinish(4500).withCount(2), ValueType.DOUBLE, src))
                    .containsExactly(s(4000, 4.0), s(4500, 4.5));
        }

        @Test
        void withoutStartAndFinishOnASampleThatSampleIsTheLast() {
            assertThat(run(atFinish(4000).withCount(2), ValueType.DOUBLE, src))
                    .containsExactly(s(3000, 3.0), s(4000, 4.0));
        }

        @Test
        void withoutStartAndFewerSamplesGivesWhatThereIs() {
            assertThat(run(atFinish(1500).withCount(3), ValueType.DOUBLE, src))
                    .containsExactly(s(1000, 1.0), s(1500, 1.5));
        }

        @Test
        void withoutStartBeforeTheFirstSampleIsTheNullBoundaryPoint() {
            assertThat(run(atFinish(500).withCount(3), ValueType.DOUBLE, src))
                    .containsExactly(s(500, null));
        }

        @Test
        void withoutStartWithActualKeepsStoredSamplesOnly() {
            assertThat(run(atFinish(4500).withCount(2).withActual(true), ValueType.DOUBLE, src))
                    .containsExactly(s(3000, 3.0), s(4000, 4.0));
        }
    }

    @Nested
    class TimeStep {
        private final SampleSource src = source(s(0, 0.0), s(4000, 40.0));

        @Test
        void seriesFromFinishDownToAStartItLandsOn() {
            // 500: 40 * 500 / 4000 = 5.0, and so on
            HistoryQuery q = HistoryQuery.range(TAG, 500, 3500).withTimeStep(1000L);

            assertThat(run(q, ValueType.DOUBLE, src)).containsExactly(
                    s(500, 5.0), s(1500, 15.0), s(2500, 25.0), s(3500, 35.0));
        }

        @Test
        void startBetweenTwoStepsIsNotAPoint() {
            HistoryQuery q = HistoryQuery.range(TAG, 400, 3500).withTimeStep(1000L);

            assertThat(run(q, ValueType.DOUBLE, src)).containsExactly(
                    s(500, 5.0), s(1500, 15.0), s(2500, 25.0), s(3500, 35.0));
        }

        @Test
        void withCountGivesNPointsEndingAtFinish() {
            HistoryQuery q = atFinish(3500).withCount(3).withTimeStep(1000L);

            assertThat(run(q, ValueType.DOUBLE, src)).containsExactly(
                    s(1500, 15.0), s(2500, 25.0), s(3500, 35.0));
        }

        @Test
        void storedSampleAtAPointIsUsedAsIs() {
            SampleSource exact = source(s(0, 0.0), s(2000, 50.0, 0), s(4000, 40.0));
            HistoryQuery q = HistoryQuery.range(TAG, 1000, 3000).withTimeStep(1000L);

            // 1000: 0 + 50 * 0.5 = 25.0;  3000: 50 - 10 * 0.5 = 45.0 with the quality of 2000
            assertThat(run(q, ValueType.DOUBLE, exact)).containsExactly(
                    s(1000, 25.0), s(2000, 50.0, 0), s(3000, 45.0, 0));
        }

        @Test
        void stepTagSeriesHoldsValues() {
            HistoryQuery q = HistoryQuery.range(TAG, 0, 8000).withTimeStep(3000L);

            // points at 8000, 5000, 2000 (-1000 is before start)
            assertThat(runStep(q, ValueType.DOUBLE, src)).containsExactly(
                    s(2000, 0.0), s(5000, 40.0), s(8000, 40.0));
        }
    }

    @Nested
    class ValuesFilter {
        private final SampleSource ints = source(s(1000, 1L), s(2000, 2L), s(3000, 1L), s(4000, 3L));

        @Test
        void numbersMatchNumerically() {
            HistoryQuery q = HistoryQuery.range(TAG, 1000, 4000).withValues(List.of(1, 3.0));

            assertThat(run(q, ValueType.INT, ints)).containsExactly(s(1000, 1L), s(3000, 1L), s(4000, 3L));
        }

        @Test
        void doubleTagMatchesALong() {
            SampleSource doubles = source(s(1000, 1.0), s(2000, 2.0));
            HistoryQuery q = HistoryQuery.range(TAG, 1000, 2000).withValues(List.of(2L));

            assertThat(run(q, ValueType.DOUBLE, doubles)).containsExactly(s(2000, 2.0));
        }

        @Test
        void boolsAndStringsMatchByEquals() {
            SampleSource bools = source(s(1000, true), s(2000, false), s(3000, true));
            SampleSource strings = source(s(1000, "a"), s(2000, "b"));
            HistoryQuery q = HistoryQuery.range(TAG, 1000, 3000);

            assertThat(run(q.withValues(List.of(true)), ValueType.BOOL, bools))
                    .containsExactly(s(1000, true), s(3000, true));
            // The finish boundary point at 3000 holds "b" and passes the filter too.
            assertThat(run(q.withValues(List.of("b")), ValueType.STRING, strings))
                    .containsExactly(s(2000, "b"), s(3000, "b"));
            assertThat(run(q.withValues(List.of(1)), ValueType.BOOL, bools)).isEmpty();
        }

        @Test
        void nullMatchesNullValues() {
            SampleSource gap = source(s(1000, 1.0), s(2000, null, 100), s(3000, 3.0));
            HistoryQuery q = HistoryQuery.range(TAG, 1000, 3000).withValues(Arrays.asList((Object) null));

            assertThat(run(q, ValueType.DOUBLE, gap)).containsExactly(s(2000, null, 100));
        }

        @Test
        void boundaryPointsAreFilteredToo() {
            SampleSource doubles = source(s(1000, 10.0), s(3000, 30.0));
            HistoryQuery q = HistoryQuery.range(TAG, 2000, 3000).withValues(List.of(20));

            assertThat(run(q, ValueType.DOUBLE, doubles)).containsExactly(s(2000, 20.0));
        }

        @Test
        void countWithStartKeepsTheFirstNAfterFiltering() {
            HistoryQuery q = HistoryQuery.range(TAG, 0, 4000).withValues(List.of(1)).withCount(1);

            assertThat(run(q, ValueType.INT, ints)).containsExactly(s(1000, 1L));
        }

        @Test
        void countWithoutStartFiltersTheLastN() {
            // The last 2 samples are 1 and 3; the filter then keeps the 1.
            HistoryQuery q = atFinish(4000).withCount(2).withValues(List.of(1));

            assertThat(run(q, ValueType.INT, ints)).containsExactly(s(3000, 1L));
        }

        @Test
        void emptyListIsNoFilter() {
            HistoryQuery q = HistoryQuery.range(TAG, 1000, 2000).withValues(List.of());

            assertThat(run(q, ValueType.INT, ints)).containsExactly(s(1000, 1L), s(2000, 2L));
        }
    }

    @Nested
    class MaxCount {
        private final SampleSource src = source(
                s(1000, 1.0), s(2000, 2.0), s(3000, 3.0), s(4000, 4.0), s(5000, 5.0));

        @Test
        void moreThanMaxKeepsTheFirstAndSetsExcess() {
            TagHistory answer = HistoryQueries.run(HistoryQuery.range(TAG, 1000, 5000).withMaxCount(3),
                    ValueType.DOUBLE, false, src, NOW);

            assertThat(answer.data()).containsExactly(s(1000, 1.0), s(2000, 2.0), s(3000, 3.0));
            assertThat(answer.excess()).isTrue();
            assertThat(answer.tagId()).isEqualTo(TAG);
        }

        @Test
        void exactlyMaxIsNoExcess() {
            TagHistory answer = HistoryQueries.run(HistoryQuery.range(TAG, 1000, 5000).withMaxCount(5),
                    ValueType.DOUBLE, false, src, NOW);

            assertThat(answer.data()).hasSize(5);
            assertThat(answer.excess()).isFalse();
        }

        @Test
        void boundaryPointsCountTowardsMax() {
            // 500 (null, before the first sample) + 5 stored samples = 6 points
            TagHistory answer = HistoryQueries.run(HistoryQuery.range(TAG, 500, 5000).withMaxCount(5),
                    ValueType.DOUBLE, false, src, NOW);

            assertThat(answer.data()).containsExactly(
                    s(500, null), s(1000, 1.0), s(2000, 2.0), s(3000, 3.0), s(4000, 4.0));
            assertThat(answer.excess()).isTrue();
        }

        @Test
        void countBelowMaxIsNoExcess() {
            TagHistory answer = HistoryQueries.run(
                    HistoryQuery.range(TAG, 1000, 5000).withCount(2).withMaxCount(3),
                    ValueType.DOUBLE, false, src, NOW);

            assertThat(answer.data()).containsExactly(s(1000, 1.0), s(2000, 2.0));
            assertThat(answer.excess()).isFalse();
        }

        @Test
        void appliesToTheLastNToo() {
            TagHistory answer = HistoryQueries.run(atFinish(5000).withCount(3).withMaxCount(2),
                    ValueType.DOUBLE, false, src, NOW);

            assertThat(answer.data()).containsExactly(s(3000, 3.0), s(4000, 4.0));
            assertThat(answer.excess()).isTrue();
        }
    }

    @Nested
    class Ordering {
        // Unsorted input; the two samples at 2000 keep their write order.
        private final SampleSource src = new MemorySampleSource(List.of(
                s(3000, 30.0), s(2000, 20.0), s(1000, 10.0), s(2000, 21.0)));

        @Test
        void answerIsSortedByXAndKeepsWriteOrderWithinATimestamp() {
            List<Sample> points = run(HistoryQuery.range(TAG, 500, 3500), ValueType.DOUBLE, src);

            assertThat(points).containsExactly(
                    s(500, null), s(1000, 10.0), s(2000, 20.0), s(2000, 21.0), s(3000, 30.0), s(3500, 30.0));
            assertThat(points).isSortedAccordingTo(Comparator.comparingLong(Sample::x));
        }

        @Test
        void valueAtASharedTimestampIsTheLastWritten() {
            assertThat(run(atFinish(2000), ValueType.DOUBLE, src)).containsExactly(s(2000, 21.0));
        }

        @Test
        void interpolationStartsFromTheLastWrittenSample() {
            // 2500: 21 + (30 - 21) * 0.5 = 25.5
            assertThat(run(atFinish(2500), ValueType.DOUBLE, src)).containsExactly(s(2500, 25.5));
        }
    }

    @Nested
    class InvalidQueries {
        private final SampleSource src = source(s(1000, 1.0));

        private void assertRejected(HistoryQuery q, String... words) {
            assertThatThrownBy(() -> HistoryQueries.run(q, ValueType.DOUBLE, false, src, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll(words);
        }

        @Test
        void startAfterFinish() {
            assertRejected(HistoryQuery.range(TAG, 3000, 2000), "start", "finish");
        }

        @Test
        void startAfterNowWithoutFinish() {
            assertRejected(HistoryQuery.current(TAG).withStart(NOW + 1), "start", "now");
        }

        @Test
        void countBelowOne() {
            assertRejected(HistoryQuery.current(TAG).withCount(0), "count", "0");
        }

        @Test
        void maxCountBelowOne() {
            assertRejected(HistoryQuery.range(TAG, 0, 1000).withMaxCount(0), "maxCount");
        }

        @Test
        void timeStepNotPositive() {
            assertRejected(HistoryQuery.range(TAG, 0, 1000).withTimeStep(0L), "timeStep");
            assertRejected(HistoryQuery.range(TAG, 0, 1000).withTimeStep(-5L), "timeStep");
        }

        @Test
        void timeStepWithActual() {
            assertRejected(HistoryQuery.range(TAG, 0, 1000).withTimeStep(100L).withActual(true),
                    "timeStep", "actual");
        }

        @Test
        void timeStepWithoutStartOrCount() {
            assertRejected(HistoryQuery.current(TAG).withTimeStep(100L), "timeStep", "start", "count");
        }

        @Test
        void timeStepSeriesBeyondTheTimeRange() {
            assertRejected(atFinish(0).withCount(3).withTimeStep(Long.MAX_VALUE), "timeStep");
        }
    }

    /** The source is read only as far as the answer needs. */
    @Nested
    class SourceUse {
        private final List<String> calls = new ArrayList<>();
        private final SampleSource inner = source(
                s(1000, 1.0), s(2000, 2.0), s(3000, 3.0), s(4000, 4.0), s(5000, 5.0));
        private final SampleSource recording = new SampleSource() {
            @Override
            public List<Sample> range(long from, long to, int limit) {
                calls.add("range " + from + ".." + to + " limit " + limit);
                return inner.range(from, to, limit);
            }

            @Override
            public List<Sample> last(Long from, long to, int n) {
                calls.add("last " + n + " to " + to);
                return inner.last(from, to, n);
            }

            @Override
            public Sample before(long t) {
                calls.add("before " + t);
                return inner.before(t);
            }

            @Override
            public Sample after(long t) {
                calls.add("after " + t);
                return inner.after(t);
            }
        };

        @Test
        void countWithStartLimitsTheRead() {
            run(HistoryQuery.range(TAG, 1000, 5000).withCount(2), ValueType.DOUBLE, recording);

            assertThat(calls).containsExactly("range 1000..5000 limit 2");
        }

        @Test
        void maxCountReadsOneMoreToDetectTheExcess() {
            run(HistoryQuery.range(TAG, 1000, 5000).withMaxCount(3), ValueType.DOUBLE, recording);

            assertThat(calls).containsExactly("range 1000..5000 limit 4");
        }

        @Test
        void valuesFilterReadsTheWholePeriod() {
            run(HistoryQuery.range(TAG, 1000, 5000).withCount(1).withValues(List.of(4)),
                    ValueType.DOUBLE, recording);

            assertThat(calls).containsExactly("range 1000..5000 limit 0");
        }

        @Test
        void lastNReadsOnlyN() {
            run(atFinish(5000).withCount(2), ValueType.DOUBLE, recording);

            assertThat(calls).containsExactly("last 2 to 5000");
        }

        @Test
        void seriesReadsAgainOnlyWhenPassingAStoredSample() {
            // 11 points over 5 stored samples: one lookup at 0 and one per stored sample passed.
            List<Sample> points = run(HistoryQuery.range(TAG, 0, 5000).withTimeStep(500L),
                    ValueType.DOUBLE, recording);

            assertThat(points).hasSize(11);
            assertThat(calls.stream().filter(c -> c.startsWith("last"))).hasSize(6);
        }
    }
}
