package org.peresvet.app.mnemonic.editor;

/**
 * The eight resize handles around a selected widget. Dragging one moves the edges it names; the
 * opposite edges stay put, and a box never gets smaller than {@link #MIN_SIZE}.
 */
public enum Handle {
    NW(-1, -1), N(0, -1), NE(1, -1), E(1, 0), SE(1, 1), S(0, 1), SW(-1, 1), W(-1, 0);

    /** The smallest width or height a resize leaves. */
    public static final double MIN_SIZE = 4;

    private final int sx;
    private final int sy;

    Handle(int sx, int sy) {
        this.sx = sx;
        this.sy = sy;
    }

    /** Where the handle sits on {@code b}. */
    public double x(Box b) {
        return b.x() + b.w() * (sx + 1) / 2;
    }

    public double y(Box b) {
        return b.y() + b.h() * (sy + 1) / 2;
    }

    /** True when the handle moves the left or right edge. */
    public boolean movesX() {
        return sx != 0;
    }

    public boolean movesY() {
        return sy != 0;
    }

    /**
     * The box after dragging this handle of {@code start} to ({@code px}, {@code py}), the new
     * edge snapped by {@code snap}.
     */
    public Box resize(Box start, double px, double py, Snapper snap) {
        double x0 = start.x();
        double y0 = start.y();
        double x1 = start.right();
        double y1 = start.bottom();
        if (sx < 0) {
            x0 = Math.min(snap.x(px), x1 - MIN_SIZE);
        } else if (sx > 0) {
            x1 = Math.max(snap.x(px), x0 + MIN_SIZE);
        }
        if (sy < 0) {
            y0 = Math.min(snap.y(py), y1 - MIN_SIZE);
        } else if (sy > 0) {
            y1 = Math.max(snap.y(py), y0 + MIN_SIZE);
        }
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** The handle within {@code radius} of a point, or null. */
    public static Handle at(Box b, double px, double py, double radius) {
        for (Handle h : values()) {
            if (Math.abs(h.x(b) - px) <= radius && Math.abs(h.y(b) - py) <= radius) {
                return h;
            }
        }
        return null;
    }

    /** Snaps one coordinate of an edge being dragged. */
    public interface Snapper {
        double x(double v);

        double y(double v);

        Snapper NONE = new Snapper() {
            @Override
            public double x(double v) {
                return v;
            }

            @Override
            public double y(double v) {
                return v;
            }
        };
    }
}
