package org.peresvet.formula.internal;

/** A runtime error of a formula (division by zero, NaN, wrong value); cheap: no stack trace. */
public final class EvalError extends RuntimeException {
    public EvalError(String message) {
        super(message, null, false, false);
    }
}
