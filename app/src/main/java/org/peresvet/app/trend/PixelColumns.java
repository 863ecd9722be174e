package org.peresvet.app.trend;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;

/**
 * A pen's line or band reduced to pixel columns: for each column of the data area, the top and
 * bottom of what the segments drawn through it cover. Dense data (about a point per column) are
 * then filled as one rectangle per column. Stroking or filling the same data as one path, the
 * software pipeline sorted thousands of edge crossings on every scan line: for 8 pens of 1,600
 * points that was about half a second of rendering after every redraw, while a rectangle is a
 * plain span fill.
 */
final class PixelColumns {
    private final int first;
    private final double[] top;
    private final double[] bottom;
    private double curX;
    private double curY;
    private double startX;
    private double startY;

    PixelColumns(Rectangle2D area) {
        first = (int) Math.floor(area.getMinX());
        int n = Math.max(1, (int) Math.ceil(area.getMaxX()) - first + 1);
        top = new double[n];
        bottom = new double[n];
        Arrays.fill(top, Double.NaN);
        Arrays.fill(bottom, Double.NaN);
    }

    /** Whether a pen of {@code points} points over the area is dense enough to draw by columns. */
    static boolean dense(int points, Rectangle2D area) {
        return points >= area.getWidth() / 3;
    }

    void moveTo(double x, double y) {
        curX = x;
        curY = y;
        startX = x;
        startY = y;
    }

    void lineTo(double x, double y) {
        segment(curX, curY, x, y);
        curX = x;
        curY = y;
    }

    /** Back to the last {@link #moveTo} point, as a polygon's closing edge. */
    void closePath() {
        lineTo(startX, startY);
    }

    /** Every column the segment crosses grows to the segment's y at the column's edges (linear in between). */
    private void segment(double xa, double ya, double xb, double yb) {
        if (xb < xa) {
            segment(xb, yb, xa, ya);
            return;
        }
        int c0 = Math.max(0, (int) Math.floor(xa) - first);
        int c1 = Math.min(top.length - 1, (int) Math.floor(xb) - first);
        double slope = xb > xa ? (yb - ya) / (xb - xa) : 0;
        for (int c = c0; c <= c1; c++) {
            double l = Math.max(xa, first + c);
            double r = Math.min(xb, first + c + 1.0);
            grow(c, xb > xa ? ya + slope * (l - xa) : ya);
            grow(c, xb > xa ? ya + slope * (r - xa) : yb);
        }
    }

    private void grow(int c, double y) {
        if (Double.isNaN(top[c]) || y < top[c]) {
            top[c] = y;
        }
        if (Double.isNaN(bottom[c]) || y > bottom[c]) {
            bottom[c] = y;
        }
    }

    /**
     * Fills each column's extent: {@code barWidth} wide around the column's middle (1 for a band,
     * whose columns then neither overlap nor leave gaps), grown by {@code pad} above and below (half
     * a line's width, so a flat line keeps its thickness).
     */
    void fill(Graphics2D g2, double barWidth, double pad) {
        Rectangle2D.Double r = new Rectangle2D.Double();
        for (int c = 0; c < top.length; c++) {
            if (!Double.isNaN(top[c])) {
                double h = bottom[c] - top[c] + 2 * pad;
                if (h > 0) {
                    r.setRect(first + c + 0.5 - barWidth / 2, top[c] - pad, barWidth, h);
                    g2.fill(r);
                }
            }
        }
    }
}
