package org.peresvet.app.trend;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;

/**
 * A unit's value axis that leaves the bottom share of the plot to the state lanes: no tick label
 * there, so an operator never reads "-1 bar" beside a pump's ON/OFF lane.
 */
final class UnitAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;
    private double lanes;

    UnitAxis(String label) {
        super(label);
    }

    /**
     * A flat line (a level standing still) would get an axis 1e-9 wide whose ticks all read "1E2":
     * at least a thousandth of the values' size (1 around zero), so the line sits mid-axis and the
     * ticks say its value. The size is the axis's present range (no scan of the data per redraw).
     */
    @Override
    public double getAutoRangeMinimumSize() {
        Range r = getRange();
        double size = r == null ? 0 : Math.max(Math.abs(r.getLowerBound()), Math.abs(r.getUpperBound()));
        return Math.max(super.getAutoRangeMinimumSize(), size > 0 ? size * 1e-3 : 1.0);
    }

    /** The share of the plot's height (from the bottom) the lanes take. */
    void lanes(double share) {
        this.lanes = share;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List ticks = super.refreshTicks(g2, state, dataArea, edge);
        if (lanes <= 0) {
            return ticks;
        }
        double floor = getLowerBound() + lanes * getRange().getLength();
        ticks.removeIf(t -> ((ValueTick) t).getValue() < floor);
        return ticks;
    }
}
