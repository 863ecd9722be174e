package org.peresvet.app.trend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.Range;

/**
 * The JFreeChart side of a trend: one time axis, one Y axis per unit (staggered left and right),
 * one dataset and renderer per pen, cursor and alarm-limit markers. Every change is made with
 * the plot's notifications off and ends in one redraw. FX thread.
 */
final class TrendChart {
    private final XYPlot plot;
    private final JFreeChart chart;
    private final DateAxis time;
    private final Map<String, Integer> axisOfUnit = new LinkedHashMap<>();
    private final List<ValueMarker> cursors = new ArrayList<>();
    private boolean dark;

    TrendChart() {
        time = new DateAxis();
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setDomainPannable(true);
        plot.setRangePannable(false);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setAntiAlias(true);
        theme(false);
    }

    JFreeChart chart() {
        return chart;
    }

    XYPlot plot() {
        return plot;
    }

    DateAxis timeAxis() {
        return time;
    }

    /** ISA-101 greys (light or dark); colour is left to the pens and abnormal states. */
    void theme(boolean darkTheme) {
        this.dark = darkTheme;
        Color bg = darkTheme ? new Color(0x2B2D30) : new Color(0xD9D9D9);
        Color field = darkTheme ? new Color(0x1F2124) : new Color(0xE8E8E8);
        Color grid = darkTheme ? new Color(0x3C4045) : new Color(0xC4C4C4);
        Color text = darkTheme ? new Color(0xD6D6D6) : new Color(0x222222);
        chart.setBackgroundPaint(bg);
        plot.setBackgroundPaint(field);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setOutlinePaint(grid);
        styleAxis(time, text, grid);
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                styleAxis(plot.getRangeAxis(i), text, grid);
            }
        }
    }

    private static void styleAxis(org.jfree.chart.axis.Axis a, Color text, Color line) {
        a.setTickLabelPaint(text);
        a.setLabelPaint(text);
        a.setAxisLinePaint(line);
        a.setTickMarkPaint(line);
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /** The Y axis for a unit, made on first use; empty unit gets an axis too. */
    int axisFor(String unit) {
        String key = unit == null ? "" : unit;
        Integer i = axisOfUnit.get(key);
        if (i != null) {
            return i;
        }
        int index = axisOfUnit.size();
        NumberAxis axis = new NumberAxis(key);
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeMinimumSize(1e-9);
        plot.setRangeAxis(index, axis);
        // Stagger: odd axes on the right, even on the left.
        plot.setRangeAxisLocation(index, index % 2 == 0 ? AxisLocation.BOTTOM_OR_LEFT : AxisLocation.BOTTOM_OR_RIGHT);
        axisOfUnit.put(key, index);
        theme(dark);
        return index;
    }

    /** Sets one pen's line and band (dataset index = pen index), drawn in one go by a {@link PenRenderer}. */
    void pen(int index, String unit, Drawn d, TrendPen pen) {
        Drawn shown = pen.visible() ? d : Drawn.EMPTY;
        plot.setDataset(index, new PenDataset("p" + index, shown));
        plot.setRenderer(index, new PenRenderer(shown, Color.decode(pen.color()), pen.width()));
        plot.mapDatasetToRangeAxis(index, axisFor(unit));
    }

    void removePensFrom(int count) {
        for (int i = count; i < plot.getDatasetCount(); i++) {
            plot.setDataset(i, null);
        }
    }

    void range(long fromMicros, long toMicros) {
        time.setRange(new Range(TrendMath.toMillis(fromMicros), TrendMath.toMillis(Math.max(toMicros, fromMicros + 1))), true, false);
    }

    /** A faint band for an alarm limit region on the pen's axis. */
    void limitBand(int axis, double from, double to) {
        IntervalMarker m = new IntervalMarker(from, to);
        m.setPaint(dark ? new Color(0xE8, 0xA3, 0x17, 40) : new Color(0xE8, 0xA3, 0x17, 45));
        m.setOutlinePaint(null);
        plot.addRangeMarker(axis, m, Layer.BACKGROUND, false);
    }

    void clearLimitBands() {
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            plot.clearRangeMarkers(i);
        }
    }

    /** Cursor lines at these times (ms); NaN leaves one out. */
    void cursors(double... at) {
        cursors.forEach(m -> plot.removeDomainMarker(m, Layer.FOREGROUND));
        cursors.clear();
        Color[] paints = {dark ? new Color(0xD6D6D6) : new Color(0x333333), new Color(0x4F6280), new Color(0x8A5A00)};
        for (int i = 0; i < at.length; i++) {
            if (!Double.isNaN(at[i])) {
                ValueMarker m = new ValueMarker(at[i], paints[Math.min(i, paints.length - 1)],
                        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 1f, i == 0 ? null : new float[] {4f, 3f}, 0f));
                cursors.add(m);
                plot.addDomainMarker(0, m, Layer.FOREGROUND, false);
            }
        }
    }
}
