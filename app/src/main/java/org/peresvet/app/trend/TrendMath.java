package org.peresvet.app.trend;

import java.math.BigDecimal;
import java.math.MathContext;
import org.peresvet.model.Sample;

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
