package org.peresvet.formula;

import java.util.List;

/**
 * A function callable from formulas. Register more through {@link FunctionRegistry#register}.
 * Implementations must be stateless themselves: per-call-site memory lives in
 * {@link Arguments#state}.
 */
public interface FormulaFunction {
    /** The name formulas call it by (case-sensitive), e.g. {@code max}. */
    String name();

    /** A one-line usage for error messages and docs, e.g. {@code max(x, y, …)}. */
    String usage();

    /**
     * Type check: the result type for these argument types.
     *
     * @throws IllegalArgumentException with a message a person understands when the call is wrong
     */
    FormulaType resultType(List<FormulaType> args);

    /** True when the function keeps memory between evaluations (through {@link Arguments#state}). */
    default boolean stateful() {
        return false;
    }

    /** Evaluates a call; returns a Double, Boolean or String of {@link #resultType}. */
    Object apply(Arguments args);

    /** Fast path for numeric results, avoiding boxing; override for hot functions. */
    default double applyNumber(Arguments args) {
        Object v = apply(args);
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }
}
