package org.peresvet.formula;

import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * What a {@link FormulaFunction} sees of its call. Arguments are evaluated lazily, when the
 * function asks for them, so {@code if} evaluates one branch only and {@code valueOr} can catch a
 * bad input. Reading a bad input through {@link #number}, {@link #bool} or {@link #text} marks the
 * whole result bad (quality propagation); {@link #good} and {@link #quality} evaluate an argument
 * without propagating its quality.
 */
public interface Arguments {
    int count();

    double number(int i);

    boolean bool(int i);

    String text(int i);

    /** The argument as Double, Boolean or String. */
    Object value(int i);

    /**
     * Evaluates the argument without propagating its quality: its value (Double, Boolean or
     * String), or null when an input it read was bad, it has no value, it failed (division by zero)
     * or it is not a finite number.
     */
    Object tryValue(int i);

    /**
     * Evaluates argument {@code i} only for the state of the stateful functions inside it (a value
     * not used: the branch of {@code if} not taken); errors are ignored.
     */
    default void feed(int i) {
    }

    /** Evaluates the argument; true when every input it read was good and its value is usable. */
    boolean good(int i);

    /** Evaluates the argument; the quality code of its first bad input, or 0 when it is good. */
    int quality(int i);

    /** The evaluation time: the triggering sample's timestamp or the tick, microseconds. */
    long time();

    ZoneId zone();

    /** The calculated tag's own value carried over from before this memory began, or null (see {@link FormulaState#carryOver}). */
    default Object own() {
        return null;
    }

    /**
     * The state of this call site in this calculated tag ({@code prev(x)} twice in one formula
     * keeps two states); created by {@code init} on first use.
     */
    <T> T state(Supplier<T> init);
}
