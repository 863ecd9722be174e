package org.peresvet.app.mnemonic.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a dragged box lands: its edges or centre line up with another widget's edges or centre
 * when within {@code tolerance} (an alignment guide is drawn there), else its top-left corner
 * snaps to the grid. Toolkit-free.
 *
 * @param grid      grid step in screen units; 0 or less for no grid
 * @param guides    whether other widgets attract the dragged one
 * @param tolerance how close (screen units) an edge must come to be pulled into line
 */
public record Snapping(double grid, boolean guides, double tolerance) {

    /** The default: an 8-unit grid and guides within 5 units. */
    public static final Snapping DEFAULT = new Snapping(8, true, 5);
    public static final Snapping OFF = new Snapping(0, false, 0);

    /**
     * A move's outcome: the delta to apply and the guide lines to draw (x of vertical guides, y of
     * horizontal ones).
     */
    public record Move(double dx, double dy, List<Double> verticals, List<Double> horizontals) {
    }

    public Snapping withGrid(double step) {
        return new Snapping(step, guides, tolerance);
    }

    public Snapping withGuides(boolean on) {
        return new Snapping(grid, on, tolerance);
    }

    /** A value on the grid. */
    public double toGrid(double v) {
        return grid > 0 ? Math.round(v / grid) * grid : v;
    }

    /** Moving {@code start} (the selection's bounds) by the raw delta, among {@code others}. */
    public Move move(Box start, double dx, double dy, List<Box> others) {
        Box raw = start.moved(dx, dy);
        double[] ax = guides ? align(new double[] {raw.x(), raw.centerX(), raw.right()}, others, true) : null;
        double[] ay = guides ? align(new double[] {raw.y(), raw.centerY(), raw.bottom()}, others, false) : null;
        double sx = ax != null ? dx + ax[0] : toGrid(raw.x()) - start.x();
        double sy = ay != null ? dy + ay[0] : toGrid(raw.y()) - start.y();
        List<Double> vs = new ArrayList<>();
        List<Double> hs = new ArrayList<>();
        if (ax != null) {
            vs.add(ax[1]);
        }
        if (ay != null) {
            hs.add(ay[1]);
        }
        return new Move(sx, sy, vs, hs);
    }

    /** The snapper for an edge being resized: pulled to other widgets' edges, else the grid. */
    public Handle.Snapper edges(List<Box> others) {
        return new Handle.Snapper() {
            @Override
            public double x(double v) {
                double[] a = guides ? align(new double[] {v}, others, true) : null;
                return a != null ? v + a[0] : toGrid(v);
            }

            @Override
            public double y(double v) {
                double[] a = guides ? align(new double[] {v}, others, false) : null;
                return a != null ? v + a[0] : toGrid(v);
            }
        };
    }

    /** The smallest correction within tolerance that lines one of {@code lines} up, and where: {shift, line}; or null. */
    private double[] align(double[] lines, List<Box> others, boolean vertical) {
        double best = tolerance + 1e-9;
        double[] out = null;
        for (Box o : others) {
            double[] targets = vertical ? new double[] {o.x(), o.centerX(), o.right()} : new double[] {o.y(), o.centerY(), o.bottom()};
            for (double t : targets) {
                for (double l : lines) {
                    double d = t - l;
                    if (Math.abs(d) < best) {
                        best = Math.abs(d);
                        out = new double[] {d, t};
                    }
                }
            }
        }
        return out;
    }
}
