package org.peresvet.app.trend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.SymbolAxis;
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
    /** The share of the plot's height a state lane takes, and the room above and below its states. */
    private static final double LANE = 0.09;
    private static final double LANE_PAD = 0.3;
    private static final BasicStroke GRID_STROKE = new BasicStroke(0.5f);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final DateAxis time;
    private final Map<String, Integer> axisOfUnit = new LinkedHashMap<>();
    /** Bool and enum-like pens: each its own lane at the bottom of the plot, its axis naming the states. */
    private final Map<UUID, Integer> laneOfTag = new LinkedHashMap<>();
    /** Axes whose range the user set (unit → {min, max}); the others scale to the data. */
    private final Map<String, double[]> manual = new LinkedHashMap<>();
    private final List<ValueMarker> cursors = new ArrayList<>();
    /** Range axes made so far: the next one's index (a dropped lane leaves its index empty). */
    private int axesMade;
    private boolean dark;

    TrendChart() {
        time = new TimeAxis();
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
        // Thin solid lines, not JFreeChart's dashes: on the software pipeline dashing the grid cost
        // tens of milliseconds of rendering on every redraw.
        plot.setDomainGridlineStroke(GRID_STROKE);
        plot.setRangeGridlineStroke(GRID_STROKE);
        plot.setOutlinePaint(grid);
        styleAxis(time, text, grid);
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                styleAxis(plot.getRangeAxis(i), text, grid);
            }
        }
    }

    private static void styleAxis(Axis a, Color text, Color line) {
        if (!(a instanceof SymbolAxis)) {
            a.setTickLabelPaint(text); // a lane's states keep their pen's colour
        }
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
        int index = axesMade++;
        UnitAxis axis = new UnitAxis(key);
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeMinimumSize(1e-9);
        plot.setRangeAxis(index, axis);
        // Stagger: odd axes on the right, even on the left.
        plot.setRangeAxisLocation(index, axisOfUnit.size() % 2 == 0 ? AxisLocation.BOTTOM_OR_LEFT : AxisLocation.BOTTOM_OR_RIGHT);
        axisOfUnit.put(key, index);
        theme(dark);
        layoutLanes();
        return index;
    }

    /** Units that have an axis, in the order they came. */
    List<String> units() {
        return List.copyOf(axisOfUnit.keySet());
    }

    /** A fixed range for a unit's axis; null goes back to autoscale. */
    void manualRange(String unit, double[] minMax) {
        Integer i = axisOfUnit.get(unit);
        if (minMax == null) {
            manual.remove(unit);
        } else {
            manual.put(unit, minMax);
        }
        if (i != null) {
            layoutLanes();
        }
    }

    /** The range the user set for a unit's axis, or null when it scales to the data. */
    double[] manualRange(String unit) {
        return manual.get(unit);
    }

    /** The Y range the unit's axis shows now. */
    Range axisRange(String unit) {
        Integer i = axisOfUnit.get(unit);
        return i == null ? null : plot.getRangeAxis(i).getRange();
    }

    /**
     * The lane of a bool or enum-like pen: its own axis with the state names (in the pen's
     * colour), ranged so that its states fill a narrow strip at the bottom of the plot.
     */
    int laneFor(UUID tagId, String[] states, String penColor) {
        Integer i = laneOfTag.get(tagId);
        if (i == null) {
            i = axesMade++;
            SymbolAxis axis = new SymbolAxis(null, states);
            axis.setGridBandsVisible(false);
            plot.setRangeAxis(i, axis);
            plot.setRangeAxisLocation(i, AxisLocation.BOTTOM_OR_RIGHT); // away from the first unit's numbers
            laneOfTag.put(tagId, i);
            theme(dark);
        }
        plot.getRangeAxis(i).setTickLabelPaint(Color.decode(penColor));
        layoutLanes();
        return i;
    }

    /** Drops the lanes of tags no longer drawn on one (a pen removed, or switched to its value). */
    void keepLanes(Set<UUID> tags) {
        for (var it = laneOfTag.entrySet().iterator(); it.hasNext();) {
            Map.Entry<UUID, Integer> e = it.next();
            if (!tags.contains(e.getKey())) {
                plot.setRangeAxis(e.getValue(), null, false);
                it.remove();
            }
        }
    }

    /** The ranges the user set, by unit. */
    Map<String, double[]> manualRanges() {
        return Map.copyOf(manual);
    }

    /** Every axis back to autoscale. */
    void clearManualRanges() {
        manual.clear();
        layoutLanes();
    }

    /**
     * Lanes stack from the bottom; the analog axes leave them room below their data and scale to
     * it unless the user set their range (a drag-zoom's rectangle also sets the Y range: undone here).
     */
    void layoutLanes() {
        int j = 0;
        for (int i : laneOfTag.values()) {
            SymbolAxis axis = (SymbolAxis) plot.getRangeAxis(i);
            double span = axis.getSymbols().length - 1 + 2 * LANE_PAD;
            double lo = -LANE_PAD - j * span;
            axis.setRange(new Range(lo, lo + span / LANE), true, false);
            j++;
        }
        double p = laneOfTag.size() * LANE + (laneOfTag.isEmpty() ? 0 : 0.02);
        for (Map.Entry<String, Integer> e : axisOfUnit.entrySet()) {
            UnitAxis axis = (UnitAxis) plot.getRangeAxis(e.getValue());
            axis.lanes(p);
            double[] m = manual.get(e.getKey());
            if (m != null) {
                // a manual range: the lanes sit below its minimum
                double len = (m[1] - m[0]) / (1 - p);
                axis.setRange(new Range(m[1] - len, m[1]), true, false);
            } else {
                double q = p == 0 ? 0 : p + 0.03; // the share of the height below the data
                axis.setLowerMargin(p == 0 ? 0.05 : q * 1.05 / (1 - q));
                if (!axis.isAutoRange()) {
                    axis.setAutoRange(true);
                }
            }
        }
    }

    /**
     * Sets one pen's line and band (dataset index = pen index) on an axis, drawn in one go by a
     * {@link PenRenderer}. The pen's dataset and renderer are kept and changed in place: setting
     * new ones made the plot rescale every axis twice per pen and redraw; {@link #pensChanged}
     * rescales once.
     */
    void pen(int index, int axis, Drawn d, TrendPen pen) {
        Drawn shown = pen.visible() ? d : Drawn.EMPTY;
        Color color = Color.decode(pen.color());
        if (plot.getDataset(index) instanceof PenDataset ds && plot.getRenderer(index) instanceof PenRenderer r) {
            ds.drawn = shown;
            r.set(shown, color, pen.width(), dark);
        } else {
            plot.setDataset(index, new PenDataset("p" + index, shown));
            plot.setRenderer(index, new PenRenderer(shown, color, pen.width(), dark));
        }
        if (plot.getRangeAxisIndex(plot.getRangeAxisForDataset(index)) != axis) {
            plot.mapDatasetToRangeAxis(index, axis);
        }
    }

    /** After the pens changed in place: every axis scales to them, once. */
    void pensChanged() {
        plot.configureRangeAxes();
    }

    void removePensFrom(int count) {
        for (int i = count; i < plot.getDatasetCount(); i++) {
            plot.setDataset(i, null);
            plot.setRenderer(i, null);
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
