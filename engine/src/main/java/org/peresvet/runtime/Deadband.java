package org.peresvet.runtime;

import java.util.Objects;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/**
 * The deadband rule of the data contract, applied to each sample against the last accepted one:
 * a change of quality always passes; null after null with the same quality is dropped; numbers
 * are dropped when |new - last| &lt; deadband (deadband &gt; 0); other values with a non-zero
 * deadband pass only when they changed.
 */
public final class Deadband {
    private Deadband() {
    }

    public static boolean accept(ValueType type, double deadband, Sample last, Sample next) {
        if (last == null) {
            return true;
        }
        if (!Quality.same(last.q(), next.q())) {
            return true;
        }
        Object a = last.y();
        Object b = next.y();
        if (a == null || b == null) {
            return a != null || b != null; // null after null (same q) is dropped; a change to or from null passes
        }
        if (deadband <= 0) {
            return true;
        }
        if ((type == ValueType.INT || type == ValueType.DOUBLE) && a instanceof Number na && b instanceof Number nb) {
            double diff = Math.abs(nb.doubleValue() - na.doubleValue());
            return !(diff < deadband) || Double.isNaN(diff);
        }
        return !Objects.equals(a, b);
    }
}
