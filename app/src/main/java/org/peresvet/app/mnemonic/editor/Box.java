package org.peresvet.app.mnemonic.editor;

import java.util.Collection;

/** An axis-aligned rectangle in screen units: where a widget sits on the canvas. Toolkit-free. */
public record Box(double x, double y, double w, double h) {

    public double right() {
        return x + w;
    }

    public double bottom() {
        return y + h;
    }

    public double centerX() {
        return x + w / 2;
    }

    public double centerY() {
        return y + h / 2;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }

    /** True when the two share any area (touching edges do not count). */
    public boolean overlaps(Box o) {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    /** True when {@code o} lies wholly inside this box. */
    public boolean encloses(Box o) {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }

    public Box moved(double dx, double dy) {
        return new Box(x + dx, y + dy, w, h);
    }

    /** The rectangle spanned by two corners in any order (a rubber band). */
    public static Box spanning(double x0, double y0, double x1, double y1) {
        return new Box(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }

    /** The smallest box around all of {@code boxes}; null for none. */
    public static Box union(Collection<Box> boxes) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Box b : boxes) {
            x0 = Math.min(x0, b.x);
            y0 = Math.min(y0, b.y);
            x1 = Math.max(x1, b.right());
            y1 = Math.max(y1, b.bottom());
        }
        return boxes.isEmpty() ? null : new Box(x0, y0, x1 - x0, y1 - y0);
    }
}
