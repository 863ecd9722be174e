package org.peresvet.app.trend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;

/**
 * Draws a whole pen at once from its {@link Drawn} arrays: the min/max band as one filled shape,
 * bad or lost stretches as a faint hatched strip (never as a value), and the line as one path
 * (steps or linear). JFreeChart's own renderers draw item by item, each line a separate stroke:
 * eight pens of a few thousand points then took most of a second on the software pipeline.
 */
final class PenRenderer extends AbstractXYItemRenderer {
    private static final long serialVersionUID = 1L;
    private transient Drawn d;
    private Color color;
    private float width;
    /** Alpha of the bad-stretch strip: a dark field needs more to show it. */
    private int stripAlpha;
    private boolean painted;

    PenRenderer(Drawn drawn, Color color, double width, boolean dark) {
        set(drawn, color, width, dark);
    }

    /** What to draw next, without an event (the chart is redrawn once for every pen). */
    void set(Drawn drawn, Color c, double w, boolean dark) {
        this.stripAlpha = dark ? 70 : 34;
        this.d = drawn;
        this.color = c;
        this.width = (float) w;
    }

    @Override
    public XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset dataset, PlotRenderingInfo info) {
        painted = false;
        return super.initialise(g2, dataArea, plot, dataset, info);
    }

    /** The value range of what is drawn inside the time axis' range: autoscale follows what is seen. */
    @Override
    public Range findRangeBounds(XYDataset dataset) {
        XYPlot p = getPlot();
        Range time = p == null ? null : p.getDomainAxis().getRange();
        double[] b = time == null ? d.bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                : d.bounds(time.getLowerBound(), time.getUpperBound());
        return Double.isNaN(b[0]) ? null : new Range(b[0], b[1]);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D area, PlotRenderingInfo info, XYPlot plot,
                         ValueAxis timeAxis, ValueAxis valueAxis, XYDataset dataset, int series, int item,
                         CrosshairState crosshair, int pass) {
        if (painted) {
            return; // the first item drew the whole pen
        }
        painted = true;
        Scale sx = new Scale(timeAxis, area, plot, true);
        Scale sy = new Scale(valueAxis, area, plot, false);
        drawBand(g2, sx, sy, area);
        drawBadStretches(g2, sx, area);
        drawLine(g2, sx, sy, area);
    }

    /** The band's runs as polygons (top edge along max, back along min): as one path, or by pixel columns when dense. */
    private void drawBand(Graphics2D g2, Scale sx, Scale sy, Rectangle2D area) {
        boolean dense = PixelColumns.dense(d.bandSize, area);
        Path2D.Double band = dense ? null : new Path2D.Double();
        PixelColumns columns = dense ? new PixelColumns(area) : null;
        int runStart = -1;
        for (int i = 0; i <= d.bandSize; i++) {
            boolean ok = i < d.bandSize && !Double.isNaN(d.lo[i]);
            if (ok && runStart < 0) {
                runStart = i;
            } else if (!ok && runStart >= 0) {
                if (i - runStart > 1) {
                    for (int k = runStart; k < i; k++) {
                        double x = sx.at(d.bx[k]);
                        double y = sy.at(d.hi[k]);
                        if (k == runStart) {
                            moveTo(band, columns, x, y);
                        } else {
                            lineTo(band, columns, x, y);
                        }
                    }
                    for (int k = i - 1; k >= runStart; k--) {
                        lineTo(band, columns, sx.at(d.bx[k]), sy.at(d.lo[k]));
                    }
                    if (dense) {
                        columns.closePath();
                    } else {
                        band.closePath();
                    }
                }
                runStart = -1;
            }
        }
        g2.setPaint(new Color(color.getRed(), color.getGreen(), color.getBlue(), 80));
        if (dense) {
            columns.fill(g2, 1, 0);
        } else {
            g2.fill(band);
        }
    }

    private static void moveTo(Path2D path, PixelColumns columns, double x, double y) {
        if (columns != null) {
            columns.moveTo(x, y);
        } else {
            path.moveTo(x, y);
        }
    }

    private static void lineTo(Path2D path, PixelColumns columns, double x, double y) {
        if (columns != null) {
            columns.lineTo(x, y);
        } else {
            path.lineTo(x, y);
        }
    }

    /** From each NaN point to the next drawn point: a faint strip over the plot's height and a dashed mark on its bottom edge. */
    private void drawBadStretches(Graphics2D g2, Scale sx, Rectangle2D area) {
        Path2D.Double marks = new Path2D.Double();
        Path2D.Double strips = new Path2D.Double();
        double bottom = area.getMaxY() - 2;
        for (int i = 0; i < d.size; i++) {
            if (Double.isNaN(d.ys[i])) {
                double x0 = sx.at(d.xs[i]);
                double x1 = i + 1 < d.size ? sx.at(d.xs[i + 1]) : area.getMaxX();
                x1 = Math.max(x1, x0 + 1);
                strips.append(new Rectangle2D.Double(x0, area.getMinY(), x1 - x0, area.getHeight()), false);
                marks.moveTo(x0, bottom);
                marks.lineTo(x1, bottom);
            }
        }
        g2.setPaint(new Color(color.getRed(), color.getGreen(), color.getBlue(), stripAlpha));
        g2.fill(strips);
        g2.setPaint(color);
        g2.setStroke(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 1f, new float[] {4f, 3f}, 0f));
        g2.draw(marks);
    }

    /** The line (steps or linear, broken at gaps): stroked as one path, or by pixel columns when dense. */
    private void drawLine(Graphics2D g2, Scale sx, Scale sy, Rectangle2D area) {
        boolean dense = PixelColumns.dense(d.size, area);
        Path2D.Double line = dense ? null : new Path2D.Double();
        PixelColumns columns = dense ? new PixelColumns(area) : null;
        boolean open = false;
        double lastY = 0;
        for (int i = 0; i < d.size; i++) {
            double x = sx.at(d.xs[i]);
            if (Double.isNaN(d.ys[i])) {
                if (open && d.step) {
                    lineTo(line, columns, x, lastY); // a step value holds until the bad sample
                }
                open = false;
                continue;
            }
            double y = sy.at(d.ys[i]);
            if (!open) {
                moveTo(line, columns, x, y);
                open = true;
            } else {
                if (d.step) {
                    lineTo(line, columns, x, lastY);
                }
                lineTo(line, columns, x, y);
            }
            lastY = y;
        }
        g2.setPaint(color);
        if (dense) {
            columns.fill(g2, Math.max(1, width), width / 2);
            return;
        }
        g2.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL));
        g2.draw(line);
    }

    /** An axis' value to screen, as one multiply and add (both axes are linear), clamped far outside. */
    private static final class Scale {
        private final double a;
        private final double b;

        Scale(ValueAxis axis, Rectangle2D area, XYPlot plot, boolean domain) {
            Range r = axis.getRange();
            double p0 = axis.valueToJava2D(r.getLowerBound(), area, domain ? plot.getDomainAxisEdge() : plot.getRangeAxisEdge());
            double p1 = axis.valueToJava2D(r.getUpperBound(), area, domain ? plot.getDomainAxisEdge() : plot.getRangeAxisEdge());
            double len = r.getLength() == 0 ? 1 : r.getLength();
            b = (p1 - p0) / len;
            a = p0 - b * r.getLowerBound();
        }

        double at(double v) {
            return Math.max(-1e6, Math.min(1e6, a + b * v));
        }
    }
}
