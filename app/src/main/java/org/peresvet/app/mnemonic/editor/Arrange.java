package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Align and distribute a selection: new positions for the boxes, sizes unchanged. Toolkit-free. */
public final class Arrange {

    /** How to line boxes up: edges or centre lines of the selection's bounds. */
    public enum Align { LEFT, CENTER, RIGHT, TOP, MIDDLE, BOTTOM }

    private Arrange() {
    }

    /** The boxes lined up on the selection's left edge (etc.); keys and order kept. */
    public static Map<String, Box> align(Map<String, Box> boxes, Align how) {
        Box all = Box.union(boxes.values());
        Map<String, Box> out = new LinkedHashMap<>();
        boxes.forEach((id, b) -> out.put(id, switch (how) {
            case LEFT -> new Box(all.x(), b.y(), b.w(), b.h());
            case CENTER -> new Box(all.centerX() - b.w() / 2, b.y(), b.w(), b.h());
            case RIGHT -> new Box(all.right() - b.w(), b.y(), b.w(), b.h());
            case TOP -> new Box(b.x(), all.y(), b.w(), b.h());
            case MIDDLE -> new Box(b.x(), all.centerY() - b.h() / 2, b.w(), b.h());
            case BOTTOM -> new Box(b.x(), all.bottom() - b.h(), b.w(), b.h());
        }));
        return out;
    }

    /**
     * Equal gaps between neighbours, horizontally or vertically: the first and last boxes (by
     * position) stay, the ones between move. Fewer than three boxes stay as they are.
     */
    public static Map<String, Box> distribute(Map<String, Box> boxes, boolean horizontal) {
        Map<String, Box> out = new LinkedHashMap<>(boxes);
        if (boxes.size() < 3) {
            return out;
        }
        List<Map.Entry<String, Box>> sorted = new ArrayList<>(boxes.entrySet());
        sorted.sort(Comparator.comparingDouble(e -> horizontal ? e.getValue().x() : e.getValue().y()));
        double span = 0;
        for (var e : sorted) {
            span += horizontal ? e.getValue().w() : e.getValue().h();
        }
        Box first = sorted.get(0).getValue();
        Box last = sorted.get(sorted.size() - 1).getValue();
        double extent = horizontal ? last.right() - first.x() : last.bottom() - first.y();
        double gap = (extent - span) / (sorted.size() - 1);
        double at = horizontal ? first.x() : first.y();
        for (var e : sorted) {
            Box b = e.getValue();
            out.put(e.getKey(), horizontal ? new Box(at, b.y(), b.w(), b.h()) : new Box(b.x(), at, b.w(), b.h()));
            at += (horizontal ? b.w() : b.h()) + gap;
        }
        return out;
    }
}
