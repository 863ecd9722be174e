package org.peresvet.formula.internal;

import java.time.ZoneId;
import java.util.List;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.FormulaType;
import org.peresvet.formula.TagRef;
import org.peresvet.formula.ValueSource;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;

/** A compiled formula: the root node, its inputs and the number of call sites that may keep state. */
final class Program implements CompiledFormula {
    private final String text;
    private final Node root;
    private final List<TagRef> inputs;
    private final int calls;
    private final boolean stateful;
    private final ZoneId zone;

    Program(String text, Node root, List<TagRef> inputs, int calls, boolean stateful, ZoneId zone) {
        this.text = text;
        this.root = root;
        this.inputs = List.copyOf(inputs);
        this.calls = calls;
        this.stateful = stateful;
        this.zone = zone;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public FormulaType type() {
        return root.type;
    }

    @Override
    public List<TagRef> inputs() {
        return inputs;
    }

    @Override
    public boolean stateful() {
        return stateful;
    }

    @Override
    public FormulaState newState() {
        return new Frame(zone, calls);
    }

    @Override
    public Sample evaluate(ValueSource source, FormulaState state, long timeMicros) {
        Frame f = (Frame) state;
        f.src = source;
        f.time = timeMicros;
        f.badQ = 0;
        f.lastError = null;
        f.args = null;
        f.call = 0;
        try {
            Object y;
            switch (root.type) {
                case NUMBER -> {
                    double d = root.num(f);
                    if (f.badQ != 0) {
                        return new Sample(timeMicros, null, f.badQ);
                    }
                    if (!Double.isFinite(d)) {
                        f.lastError = "the result is not a finite number (" + d + ")";
                        return new Sample(timeMicros, null, Quality.BAD_DATA);
                    }
                    y = d;
                }
                case BOOL -> y = root.bool(f);
                default -> y = root.str(f);
            }
            if (f.badQ != 0) {
                return new Sample(timeMicros, null, f.badQ);
            }
            return new Sample(timeMicros, y, null);
        } catch (RuntimeException e) {
            if (f.badQ != 0) {
                return new Sample(timeMicros, null, f.badQ); // the bad input explains the failure
            }
            f.lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Sample(timeMicros, null, Quality.BAD_DATA);
        } finally {
            f.src = null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
