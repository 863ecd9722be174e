package org.peresvet.formula;

import java.util.List;
import org.peresvet.model.Sample;

/**
 * A parsed, type-checked formula, compiled to a tree of closures: evaluating it never parses.
 * Immutable and shareable; the memory of stateful functions lives in a {@link FormulaState}.
 */
public interface CompiledFormula {
    String text();

    /** The type of the result. */
    FormulaType type();

    /** The tags the formula reads, by slot, each once. */
    List<TagRef> inputs();

    /** True when the formula calls a stateful function (prev, integral, avgOver, …). */
    boolean stateful();

    /** A fresh memory for the stateful functions of one calculated tag. */
    FormulaState newState();

    /**
     * Evaluates the formula at {@code timeMicros} (the triggering sample's timestamp, or the tick).
     * Returns a sample at that time: a good one with a Double, Boolean or String value; one with
     * the quality of a bad input (value null) when the formula read a bad input without handling
     * it; or quality 103 (value null) when evaluation failed, with the reason in
     * {@link FormulaState#lastError()}. Never throws for bad data.
     */
    Sample evaluate(ValueSource source, FormulaState state, long timeMicros);

    /** Evaluates with a throw-away state (stateful functions see their first call). */
    default Sample evaluate(ValueSource source, long timeMicros) {
        return evaluate(source, newState(), timeMicros);
    }
}
