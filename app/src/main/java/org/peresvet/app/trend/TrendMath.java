package org.peresvet.app.trend;

import java.math.BigDecimal;
import java.math.MathContext;
import org.peresvet.app.Messages;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Small conversions every part of the trend shares. */
final class TrendMath {

    private TrendMath() {
    }

    /** The value a trend draws: NaN (a gap) for bad quality, no value or a value that is not a number. */
    static double drawnValue(Sample s) {
        if (s == null || !s.isGood() || s.y() == null) {
            return Double.NaN;
        }
        return s.asDouble();
    }

    /**
     * The quality a trend shows for a sample: its code, {@link Quality#BAD_DATA} for a good code
     * without a number (nothing to draw), {@link Quality#GOOD} otherwise.
     */
    static int quality(Sample s) {
        if (s == null) {
            return Quality.BAD_DATA;
        }
        if (!s.isGood()) {
            return s.q();
        }
        return Double.isNaN(s.asDouble()) ? Quality.BAD_DATA : Quality.GOOD;
    }

    /** The quality's name in a readout: GOOD, BAD, LOST… */
    static String qualityName(int q) {
        return switch (q) {
            case Quality.GOOD -> Messages.get("trend.quality.good");
            case Quality.CONNECTION_LOST, Quality.SOURCE_LOST -> Messages.get("trend.quality.lost");
            case Quality.CONNECTION_RESTORED -> Messages.get("trend.quality.restored");
            case Quality.BAD_DATA -> Messages.get("trend.quality.bad");
            default -> Messages.get("trend.quality.other", q);
        };
    }

    /**
     * The state names of a tag drawn as states on a lane: a bool (OFF, ON), or an int step tag
     * whose range (min 0, max at most 15) lists its states; null for a tag drawn as a value.
     */
    static String[] states(TagDef t) {
        if (t.type() == ValueType.BOOL) {
            return new String[] {Messages.get("trend.state.off"), Messages.get("trend.state.on")};
        }
        if (t.type() == ValueType.INT && t.step() && t.min() != null && t.max() != null && t.min() == 0 && t.max() >= 1
                && t.max() <= 15) {
            String[] s = new String[(int) Math.round(t.max()) + 1];
            for (int i = 0; i < s.length; i++) {
                s[i] = Integer.toString(i);
            }
            return s;
        }
        return null;
    }

    /** µs since the epoch to the chart's milliseconds. */
    static double toMillis(long micros) {
        return micros / 1000.0;
    }

    /** Six significant digits, no trailing zeros: what a readout needs. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static long toMicros(double millis) {
        return Math.round(millis * 1000.0);
    }
}
