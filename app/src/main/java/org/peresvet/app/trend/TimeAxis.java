package org.peresvet.app.trend;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Date;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The trend's time axis. JFreeChart picks the tick spacing with the label width of the spacing it
 * had before (e.g. "13:42"), so a step down to 30 s ticks, labelled "13:42:30", can print the
 * labels into each other; this axis steps up again until a label fits between two ticks.
 */
final class TimeAxis extends DateAxis {
    private static final long serialVersionUID = 1L;
    /** Room between two labels, px. */
    private static final double GAP_PX = 12;

    @Override
    protected void selectHorizontalAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectHorizontalAutoTickUnit(g2, dataArea, edge);
        FontMetrics fm = g2.getFontMetrics(getTickLabelFont());
        DateTickUnit unit = getTickUnit();
        for (int i = 0; i < 20; i++) {
            double label = fm.stringWidth(unit.dateToString(new Date((long) getUpperBound()))) + GAP_PX;
            double spacing = Math.abs(lengthToJava2D(unit.getSize(), dataArea, edge));
            if (spacing >= label) {
                break;
            }
            TickUnit larger = getStandardTickUnits().getLargerTickUnit(unit);
            if (!(larger instanceof DateTickUnit d) || d.getSize() <= unit.getSize()) {
                break;
            }
            unit = d;
        }
        if (unit != getTickUnit()) {
            setTickUnit(unit, false, false);
        }
    }
}
