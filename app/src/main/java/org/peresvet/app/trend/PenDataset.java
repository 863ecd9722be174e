package org.peresvet.app.trend;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/** One pen's line as a JFreeChart dataset, over the {@link Drawn} arrays without copying them. */
final class PenDataset extends AbstractXYDataset {
    private final String key;
    /** Swapped for each redraw (the plot is told once, see {@link TrendChart#pensChanged}). */
    Drawn drawn;

    PenDataset(String key, Drawn drawn) {
        this.key = key;
        this.drawn = drawn;
    }

    @Override
    public int getSeriesCount() {
        return drawn.size == 0 ? 0 : 1;
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return key;
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public int getItemCount(int series) {
        return drawn.size;
    }

    @Override
    public Number getX(int series, int item) {
        return drawn.xs[item];
    }

    @Override
    public Number getY(int series, int item) {
        return drawn.ys[item];
    }

    @Override
    public double getXValue(int series, int item) {
        return drawn.xs[item];
    }

    @Override
    public double getYValue(int series, int item) {
        return drawn.ys[item];
    }
}
