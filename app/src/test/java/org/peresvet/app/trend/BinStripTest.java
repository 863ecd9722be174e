package org.peresvet.app.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.history.Bin;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryBins;
import org.peresvet.history.MemorySampleSource;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/** A pen's bins kept per width: a pan reads only the exposed edge, and the joined strip draws what one read would. */
class BinStripTest {
    private static final UUID TAG = UUID.randomUUID();
    private static final long S = 1_000_000L;
    /** A sample a second for 100,000 s, a sine with a bad stretch. */
    private final MemorySampleSource source = source();
    private final long now = 200_000 * S;

    private static MemorySampleSource source() {
        List<Sample> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            all.add(i >= 40_000 && i < 40_100 ? new Sample(i * S, null, Quality.CONNECTION_LOST) : Sample.of(i * S, Math.sin(i / 500.0)));
        }
        return new MemorySampleSource(all);
    }

    private BinnedHistory read(long from, long to, long width) {
        return HistoryBins.run(new BinQuery(TAG, from, to, (int) ((to - from + 1) / width)), ValueType.DOUBLE, false, false, source,
                List.of());
    }

    /** What a strip hands out for [from, to], as text: one line per item. */
    private static List<String> visited(BinStrip strip, long from, long to) {
        List<String> out = new ArrayList<>();
        strip.visit(from, to, new BinStrip.Visitor() {
            @Override
            public void sample(Sample s) {
                out.add("s " + s.x() + " " + s.y());
            }

            @Override
            public void bin(Bin b) {
                out.add("b " + b.start() + " " + b.count() + " " + b.first().x() + " " + b.last().x() + " " + b.min() + " " + b.max() + " " + b.bad());
            }
        });
        return out;
    }

    @Test
    void widthsComeFromAFewStepsAtLeastTheIdeal() {
        for (long span : new long[] {1_000, 7_777_777, 1_000_000L * S, 3 * S}) {
            long w = BinStrip.widthFor(span, 1450);
            long ideal = Math.max(1, (span + 1449) / 1450);
            assertThat(w).isGreaterThanOrEqualTo(ideal).isLessThanOrEqualTo(ideal * 3 / 2 + 1); // none near a cell
            assertThat(Long.bitCount(w) == 1 || Long.bitCount(w) == 2 && Long.bitCount(w / 3) == 1).isTrue();
        }
        // Spans a little apart share a width: a pan or a slight zoom finds its bins again.
        assertThat(BinStrip.widthFor(30_000 * S, 1450)).isEqualTo(BinStrip.widthFor(31_000 * S, 1450));
    }

    /** From a day up every width is whole cells of the history's summaries (never 1.5 cells: one instead, finer). */
    @Test
    void widthsFromACellUpAreWholeCells() {
        long cell = BinQuery.SUMMARY_CELL;
        for (long span = 86_400 * S; span < 400L * 86_400 * S; span += span / 50) {
            long w = BinStrip.widthFor(span, 1600);
            assertThat(w % cell).as("width %d for a span of %d s", w, span / S).isZero();
            long ideal = (span + 1599) / 1600;
            assertThat(w).isGreaterThanOrEqualTo(w == cell ? ideal * 2 / 3 : ideal);
        }
        long oneAndAHalf = 1600 * (cell + cell / 4); // ideal between 1 and 1.5 cells
        assertThat(BinStrip.widthFor(oneAndAHalf, 1600)).isEqualTo(cell);
    }

    @Test
    void aPanReadsOnlyTheExposedEdgeAndTheJoinedStripDrawsWhatOneReadWould() {
        long span = 30_000 * S;
        long w = BinStrip.widthFor(span, 1450);
        BinStrip strip = new BinStrip(w);
        long from = 20_000 * S;
        List<long[]> first = strip.missing(from, from + span);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)[0] % w).isZero();
        strip.add(read(first.get(0)[0], first.get(0)[1], w), true, now, from, from + span);
        assertThat(strip.missing(from, from + span)).isEmpty();
        // Pan right by a quarter: only the new quarter (from the strip's end) is read.
        long pan = from + span / 4;
        List<long[]> edge = strip.missing(pan, pan + span);
        assertThat(edge).hasSize(1);
        assertThat(edge.get(0)[0]).isEqualTo(strip.to() + 1);
        assertThat(edge.get(0)[1] - edge.get(0)[0] + 1).isLessThanOrEqualTo(span / 4 + 2 * w);
        strip.add(read(edge.get(0)[0], edge.get(0)[1], w), true, now, pan, pan + span);
        // Pan left beyond the start: the left edge joins the other end.
        long left = from - span / 4;
        List<long[]> leftEdge = strip.missing(left, left + span);
        assertThat(leftEdge).hasSize(1);
        assertThat(leftEdge.get(0)[1]).isEqualTo(from / w * w - 1);
        strip.add(read(leftEdge.get(0)[0], leftEdge.get(0)[1], w), true, now, left, left + span);
        // Across the joins (and the bad stretch at 40,000 s) the strip hands out exactly what one read of the whole gives.
        BinStrip whole = new BinStrip(w);
        whole.add(read(strip.from(), strip.to(), w), true, now, strip.from(), strip.to());
        for (long[] view : new long[][] {{left, left + span}, {from, from + span}, {pan, pan + span}, {left, pan + span}}) {
            assertThat(visited(strip, view[0], view[1])).isEqualTo(visited(whole, view[0], view[1]));
        }
        assertThat(strip.seam()).isEqualTo(whole.seam());
        // One item beyond each edge, the rest inside.
        List<String> items = visited(strip, from, from + span);
        assertThat(items.size()).isBetween((int) (span / w), (int) (span / w) + 3);
    }

    @Test
    void aStripThatReachedThePresentIsReadAgainAndAFarJumpStartsAfresh() {
        long w = BinStrip.widthFor(1_000 * S, 500);
        BinStrip strip = new BinStrip(w);
        long from = 99_500 * S;
        long[] p = strip.aligned(from, from + 1_000 * S);
        strip.add(read(p[0], p[1], w), true, 100_000 * S, from, from + 1_000 * S); // asked at 100,000 s: its end may still fill in
        assertThat(strip.missing(from, from + 1_000 * S)).hasSize(1);
        assertThat(strip.overlaps(from, from + 1_000 * S)).isFalse();
        long[] q = strip.aligned(10_000 * S, 11_000 * S);
        strip.add(read(q[0], q[1], w), true, now, 10_000 * S, 11_000 * S);
        assertThat(strip.from()).isEqualTo(q[0]);
        assertThat(strip.to()).isEqualTo(q[1]);
        assertThat(strip.missing(70_000 * S, 71_000 * S)).hasSize(1);
        assertThat(strip.overlaps(70_000 * S, 71_000 * S)).isFalse();
    }

    @Test
    void aLongPanKeepsTheStripBounded() {
        long span = 3_000 * S;
        long w = BinStrip.widthFor(span, 2_000);
        BinStrip strip = new BinStrip(w);
        for (long from = 0; from + span < 99_000 * S; from += span / 2) {
            for (long[] m : strip.missing(from, from + span)) {
                strip.add(read(m[0], m[1], w), true, now, from, from + span);
            }
            assertThat(strip.from()).isLessThanOrEqualTo(from);
            assertThat(strip.to()).isGreaterThanOrEqualTo(from + span);
        }
        assertThat((strip.to() - strip.from()) / w).isLessThanOrEqualTo(BinStrip.MAX_BINS * 11 / 10 + 2 * span / w);
    }
}
