package org.peresvet.app.mnemonic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import org.peresvet.model.Sample;
import org.peresvet.screen.WidgetDef;

/**
 * A small trend of the last {@code seconds} of a tag's live values (fed by the runtime through
 * the "value" key, with the time), scaled to min..max or to what it has seen.
 */
final class Sparkline extends SymbolNode {
    static final String SAMPLE_TIME = "_sampleMicros";
    private final Polyline line = new Polyline();
    private final ArrayDeque<double[]> points = new ArrayDeque<>();

    Sparkline(WidgetDef def) {
        super(def);
        Rectangle frame = new Rectangle(0, 0, w(), h());
        frame.setFill(Isa101.IDLE);
        frame.setStroke(Isa101.MUTED);
        line.setStroke(Isa101.ACTIVE);
        line.setStrokeWidth(1.5);
        getChildren().addAll(frame, line);
    }

    /**
     * Puts stored history before the live points (those older than the first live point), then
     * redraws with {@code p}.
     */
    void seed(List<Sample> history, Props p) {
        double first = points.isEmpty() ? Double.MAX_VALUE : points.peekFirst()[0];
        List<double[]> older = new ArrayList<>();
        for (Sample s : history) {
            if (s != null && s.isGood() && s.y() instanceof Number n && s.x() < first) {
                older.add(new double[] {s.x(), n.doubleValue()});
            }
        }
        for (int i = older.size() - 1; i >= 0; i--) {
            points.addFirst(older.get(i));
        }
        render(p);
    }

    /** The number of points drawn. */
    int pointCount() {
        return points.size();
    }

    /** The time of the oldest point drawn (µs), or Long.MAX_VALUE when there is none. */
    long firstPointMicros() {
        return points.isEmpty() ? Long.MAX_VALUE : (long) points.peekFirst()[0];
    }

    @Override
    protected void render(Props p) {
        Object t = p.get(SAMPLE_TIME);
        double v = p.number("value");
        if (t instanceof Long micros && !Double.isNaN(v)) {
            if (points.isEmpty() || points.peekLast()[0] < micros) {
                points.add(new double[] {micros, v});
            }
            double span = p.number("seconds") * 1e6;
            while (!points.isEmpty() && points.peekFirst()[0] < micros - span) {
                points.removeFirst();
            }
        }
        if (points.size() < 2) {
            line.getPoints().clear();
            return;
        }
        double lo = p.number("min");
        double hi = p.number("max");
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.MAX_VALUE;
            hi = -Double.MAX_VALUE;
            for (double[] q : points) {
                lo = Math.min(lo, q[1]);
                hi = Math.max(hi, q[1]);
            }
        }
        double t0 = points.peekFirst()[0];
        double t1 = points.peekLast()[0];
        Double[] xy = new Double[points.size() * 2];
        int i = 0;
        for (double[] q : points) {
            xy[i++] = 2 + (w() - 4) * (t1 > t0 ? (q[0] - t0) / (t1 - t0) : 0);
            double f = hi > lo ? (q[1] - lo) / (hi - lo) : 0.5;
            xy[i++] = h() - 2 - (h() - 4) * Math.max(0, Math.min(1, f));
        }
        line.getPoints().setAll(xy);
    }
}
