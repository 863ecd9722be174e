package org.peresvet.alarm;

import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;

/**
 * Evaluates the formulas of {@code EXPRESSION} alarms. The formula engine implements it; the
 * engine facade plugs it in with {@link Alarms#expressions(AlarmExpressions)}. Until then
 * ({@link #NONE}) expression alarms stay in the model and are simply not evaluated.
 */
@FunctionalInterface
public interface AlarmExpressions {

    /** No formula engine: every expression alarm stays normal. */
    AlarmExpressions NONE = (expression, alarm, model) -> null;

    /**
     * Compiles an alarm's expression against the model, on the engine loop thread, when the model
     * changes. Returns null when expressions are not supported.
     *
     * @throws IllegalArgumentException naming the problem; the alarm is then not evaluated and the
     *                                  problem is logged
     */
    Compiled compile(String expression, AlarmDef alarm, ModelSnapshot model);

    /** A compiled condition. Called on the engine loop thread only; it must not block. */
    interface Compiled {
        /** The tags it reads: it is evaluated again whenever one of them gets a value. */
        Set<UUID> inputs();

        /**
         * @param values the latest sample of a tag (null before its first value)
         * @return true: the alarm condition holds; false: it does not; null: cannot tell now (an
         *         input is missing or bad), the alarm keeps its state
         */
        Boolean evaluate(Function<UUID, Sample> values);
    }
}
