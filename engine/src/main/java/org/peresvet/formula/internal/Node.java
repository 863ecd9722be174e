package org.peresvet.formula.internal;

import org.peresvet.formula.FormulaType;

/**
 * A compiled expression: a closure over a {@link Frame}. A node implements the accessor of its
 * type; numbers are evaluated unboxed.
 */
public abstract class Node {
    final FormulaType type;
    /**
     * Whether a stateful function (a window, an edge counter, a timer) is called inside: such a
     * node is evaluated for its state even where and/or/if skip its value, so that its history has
     * no holes (set by the compiler).
     */
    boolean holdsState;

    Node(FormulaType type) {
        this.type = type;
    }

    public FormulaType type() {
        return type;
    }

    /** The value as a number; booleans give 1 or 0. */
    double num(Frame f) {
        if (type == FormulaType.BOOL) {
            return bool(f) ? 1 : 0;
        }
        throw new EvalError("expected a number, found a string");
    }

    boolean bool(Frame f) {
        throw new EvalError("expected a boolean, found " + type.label());
    }

    String str(Frame f) {
        return Texts.of(value(f));
    }

    /** The value boxed: Double, Boolean or String (null only for a missing string value). */
    Object value(Frame f) {
        return switch (type) {
            case NUMBER -> num(f);
            case BOOL -> bool(f);
            case STRING -> str(f);
        };
    }

    /** True for a constant (no tag, no state, no time): the compiler folds it. */
    boolean constant() {
        return false;
    }
}
