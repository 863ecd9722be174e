package org.peresvet.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.peresvet.alarm.AlarmExpressions;
import org.peresvet.formula.AlarmConditions;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaException;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.TagRef;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;

/**
 * Expression alarms evaluated by the formula engine. It lives in the facade because alarms and
 * formulas are capabilities that must not depend on each other; the facade wires one into the other.
 */
final class FormulaAlarmExpressions implements AlarmExpressions {

    @Override
    public Compiled compile(String expression, AlarmDef alarm, ModelSnapshot model) {
        try {
            return new Condition(AlarmConditions.compile(alarm, model));
        } catch (FormulaException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** One alarm's compiled condition with its own memory for stateful functions (prev, avgOver, …). */
    private static final class Condition implements Compiled {
        private final CompiledFormula formula;
        private final FormulaState state;
        private final UUID[] ids;
        private final Sample[] values;
        private final Set<UUID> inputs;

        Condition(CompiledFormula formula) {
            this.formula = formula;
            this.state = formula.newState();
            List<TagRef> refs = formula.inputs();
            this.ids = new UUID[refs.size()];
            for (TagRef r : refs) {
                ids[r.slot()] = r.id();
            }
            this.values = new Sample[ids.length];
            this.inputs = Set.copyOf(new LinkedHashSet<>(List.of(ids)));
        }

        @Override
        public Set<UUID> inputs() {
            return inputs;
        }

        /**
         * Evaluated at the time of the newest input; a missing or bad input gives a result with bad
         * quality, which means "cannot tell": the alarm keeps its state.
         */
        @Override
        public Boolean evaluate(Function<UUID, Sample> source) {
            long time = Long.MIN_VALUE;
            for (int i = 0; i < ids.length; i++) {
                Sample s = source.apply(ids[i]);
                values[i] = s;
                if (s != null && s.x() > time) {
                    time = s.x();
                }
            }
            Sample r = formula.evaluate(slot -> values[slot], state, time == Long.MIN_VALUE ? Micros.now() : time);
            if (state.lastError() != null) {
                throw new IllegalStateException(state.lastError());
            }
            return Quality.isGood(r.q()) && r.y() instanceof Boolean b ? b : null;
        }
    }
}
