package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's canvas arithmetic: handles, grid and guides, align and distribute. */
class CanvasGeometryTest {

    @Test
    void aHandleMovesOnlyItsEdgesAndNeverBelowTheMinimum() {
        Box b = new Box(100, 100, 50, 40);
        assertThat(Handle.SE.resize(b, 170, 160, Handle.Snapper.NONE)).isEqualTo(new Box(100, 100, 70, 60));
        assertThat(Handle.W.resize(b, 80, 999, Handle.Snapper.NONE)).isEqualTo(new Box(80, 100, 70, 40));
        assertThat(Handle.N.resize(b, 0, 500, Handle.Snapper.NONE)).isEqualTo(new Box(100, 136, 50, Handle.MIN_SIZE));
        assertThat(Handle.at(b, 150, 140, 4)).isEqualTo(Handle.SE);
        assertThat(Handle.at(b, 125, 101, 4)).isEqualTo(Handle.N);
        assertThat(Handle.at(b, 125, 120, 4)).isNull();
    }

    @Test
    void aResizedEdgeSnapsToTheGridOrToANeighboursEdge() {
        Snapping grid = new Snapping(10, false, 5);
        Box b = new Box(100, 100, 50, 40);
        assertThat(Handle.E.resize(b, 163, 0, grid.edges(List.of()))).isEqualTo(new Box(100, 100, 60, 40));
        Snapping guides = new Snapping(10, true, 5);
        assertThat(Handle.E.resize(b, 163, 0, guides.edges(List.of(new Box(300, 0, 20, 20), new Box(166, 300, 10, 10)))))
                .isEqualTo(new Box(100, 100, 66, 40));
    }

    @Test
    void aMoveSnapsToTheGridWithoutNeighbours() {
        Snapping s = new Snapping(8, true, 5);
        Snapping.Move m = s.move(new Box(16, 16, 40, 40), 13, 2, List.of());
        assertThat(m.dx()).isEqualTo(16);
        assertThat(m.dy()).isEqualTo(0);
        assertThat(m.verticals()).isEmpty();
    }

    @Test
    void aMoveLinesUpWithANeighboursCentreAndShowsTheGuide() {
        Snapping s = new Snapping(8, true, 5);
        Box other = new Box(200, 300, 60, 20); // centre x 230, top 300
        Snapping.Move m = s.move(new Box(0, 0, 40, 40), 207, 258, List.of(other));
        // moving centre x 227 → 230; moving bottom 298 → 300
        assertThat(m.dx()).isEqualTo(210);
        assertThat(m.dy()).isEqualTo(260);
        assertThat(m.verticals()).containsExactly(230.0);
        assertThat(m.horizontals()).containsExactly(300.0);
        // Beyond the tolerance the grid wins and no guide shows.
        Snapping.Move far = s.move(new Box(0, 0, 40, 40), 100, 100, List.of(other));
        assertThat(far.verticals()).isEmpty();
        assertThat(far.dx()).isEqualTo(104);
    }

    @Test
    void alignAndDistribute() {
        Map<String, Box> boxes = new LinkedHashMap<>();
        boxes.put("a", new Box(10, 10, 20, 20));
        boxes.put("b", new Box(100, 50, 40, 10));
        boxes.put("c", new Box(40, 90, 10, 30));
        assertThat(Arrange.align(boxes, Arrange.Align.LEFT).values()).extracting(Box::x).containsOnly(10.0);
        assertThat(Arrange.align(boxes, Arrange.Align.RIGHT).values()).extracting(Box::right).containsOnly(140.0);
        assertThat(Arrange.align(boxes, Arrange.Align.MIDDLE).values()).extracting(Box::centerY).containsOnly(65.0);
        assertThat(Arrange.align(boxes, Arrange.Align.CENTER).values()).extracting(Box::centerX).containsOnly(75.0);
        Map<String, Box> d = Arrange.distribute(boxes, true);
        // a 10..30, c 40..50 moves, b 100..140: gaps equal ((130 - 70) / 2 = 30)
        assertThat(d.get("a")).isEqualTo(boxes.get("a"));
        assertThat(d.get("b")).isEqualTo(boxes.get("b"));
        assertThat(d.get("c").x()).isEqualTo(60.0);
        Map<String, Box> v = Arrange.distribute(boxes, false);
        assertThat(v.get("b").y() - v.get("a").bottom()).isEqualTo(v.get("c").y() - v.get("b").bottom());
    }

    @Test
    void rubberBandAndUnion() {
        assertThat(Box.spanning(50, 60, 10, 20)).isEqualTo(new Box(10, 20, 40, 40));
        assertThat(Box.union(List.of(new Box(0, 0, 10, 10), new Box(20, 30, 5, 5)))).isEqualTo(new Box(0, 0, 25, 35));
        assertThat(new Box(0, 0, 10, 10).overlaps(new Box(10, 0, 10, 10))).isFalse();
    }
}
