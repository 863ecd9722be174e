package org.peresvet.formula;

/**
 * The memory of one evaluating instance of a formula: the state of its stateful functions
 * ({@code prev}, {@code integral}, {@code avgOver}, …). A calculated tag keeps one. Not
 * thread-safe: evaluate one state from one thread at a time.
 */
public interface FormulaState {
    /** Why the last evaluation failed (quality 103), or null when it succeeded. */
    String lastError();

    /**
     * The calculated tag's own value before this memory began (its last stored value when the
     * engine started, or the value it had when its formula changed), for {@code carried(…)}:
     * counters that continue across restarts. Null: none.
     */
    default void carryOver(Object ownValue) {
        // a state without carried values ignores it
    }
}
