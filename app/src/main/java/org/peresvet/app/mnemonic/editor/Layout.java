package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peresvet.screen.PropertyType;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;

/**
 * Where each top-level widget of a screen sits, as the editor selects and moves them: a plain
 * widget's x, y, width and height; a shape drawn through points (line, polyline, pipe) the box
 * around its points, which are relative to its x, y; a group the box around its children, which are
 * relative to the group's x, y. Toolkit-free.
 */
public final class Layout {
    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    private Layout(ScreenDef screen) {
        for (WidgetDef w : screen.widgets()) {
            boxes.put(w.id(), bounds(w));
            order.add(w.id());
        }
    }

    public static Layout of(ScreenDef screen) {
        return new Layout(screen);
    }

    /** The box of the top-level widget {@code id}, or null. */
    public Box box(String id) {
        return boxes.get(id);
    }

    /** Top-level widget ids in drawing order (last on top). */
    public List<String> order() {
        return order;
    }

    public Map<String, Box> boxes() {
        return boxes;
    }

    /** The topmost widget under a point, or null. */
    public String hit(double x, double y) {
        for (int i = order.size() - 1; i >= 0; i--) {
            Box b = boxes.get(order.get(i));
            // Thin shapes (a horizontal pipe) get a few units of grace so they can be clicked.
            Box grace = new Box(b.x() - 3, b.y() - 3, b.w() + 6, b.h() + 6);
            if (grace.contains(x, y)) {
                return order.get(i);
            }
        }
        return null;
    }

    /** The widgets a rubber band selects: those it touches, in drawing order. */
    public List<String> within(Box band) {
        List<String> out = new ArrayList<>();
        for (String id : order) {
            Box b = boxes.get(id);
            if (band.overlaps(b) || band.encloses(b)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The boxes of {@code ids} in drawing order. */
    public Map<String, Box> boxesOf(Collection<String> ids) {
        Map<String, Box> out = new LinkedHashMap<>();
        for (String id : order) {
            if (ids.contains(id)) {
                out.put(id, boxes.get(id));
            }
        }
        return out;
    }

    /** The boxes of every widget not in {@code ids} (what a drag of {@code ids} lines up with). */
    public List<Box> others(Collection<String> ids) {
        List<Box> out = new ArrayList<>();
        boxes.forEach((id, b) -> {
            if (!ids.contains(id)) {
                out.add(b);
            }
        });
        return out;
    }

    /** The box a widget covers, in its parent's coordinates. */
    public static Box bounds(WidgetDef w) {
        double x = w.number("x", 0);
        double y = w.number("y", 0);
        if (w.widgetType().container()) {
            List<Box> kids = new ArrayList<>();
            for (WidgetDef c : w.children()) {
                kids.add(bounds(c));
            }
            Box u = Box.union(kids);
            return u == null ? new Box(x, y, 0, 0) : u.moved(x, y);
        }
        if (hasPoints(w)) {
            List<Double> p = w.points("points");
            if (p.size() >= 2) {
                double x0 = Double.POSITIVE_INFINITY;
                double y0 = Double.POSITIVE_INFINITY;
                double x1 = Double.NEGATIVE_INFINITY;
                double y1 = Double.NEGATIVE_INFINITY;
                for (int i = 0; i + 1 < p.size(); i += 2) {
                    x0 = Math.min(x0, p.get(i));
                    x1 = Math.max(x1, p.get(i));
                    y0 = Math.min(y0, p.get(i + 1));
                    y1 = Math.max(y1, p.get(i + 1));
                }
                return new Box(x + x0, y + y0, x1 - x0, y1 - y0);
            }
        }
        return new Box(x, y, w.number("width", 0), w.number("height", 0));
    }

    /** Whether the widget is drawn through a points property. */
    public static boolean hasPoints(WidgetDef w) {
        var p = w.widgetType().property("points");
        return p != null && p.type() == PropertyType.POINTS;
    }
}
