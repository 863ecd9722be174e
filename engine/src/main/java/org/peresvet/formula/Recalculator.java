package org.peresvet.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/**
 * Recomputes a calculated tag over a past period from the stored samples of its inputs, as the
 * engine would have computed it: a change-triggered tag at every input timestamp, a periodic one
 * at every period boundary. Stateful functions start afresh at {@code start}.
 */
public final class Recalculator {
    /** Stored samples of a tag: the last one before {@code from} (if any) and all of [from, to], by time. */
    @FunctionalInterface
    public interface History {
        List<Sample> read(UUID tagId, long from, long to);
    }

    /** Refuses a recalculation of more than this many results: split the period. */
    public static final int MAX_RESULTS = 5_000_000;

    private Recalculator() {
    }

    /**
     * @return the recomputed samples in time order (not yet stored)
     * @throws IllegalArgumentException when the tag is not calculated, or is triggered by a schedule
     */
    public static List<Sample> recalculate(ModelSnapshot model, UUID tagId, long start, long finish, History history) {
        TagDef tag = model.tag(tagId);
        if (tag == null || !tag.calculated()) {
            throw new IllegalArgumentException("tag " + (tag == null ? tagId : model.tagPath(tagId)) + " is not calculated");
        }
        if (finish < start) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        CalcGraph.Calc calc = CalcGraph.compile(model, tag, FunctionRegistry.standard());
        CompiledFormula f = calc.formula();
        List<TagRef> inputs = f.inputs();
        Sample[] values = new Sample[inputs.size()];
        // Every input change, in time order: x → (slot, sample) events.
        TreeMap<Long, List<Object[]>> events = new TreeMap<>();
        for (TagRef in : inputs) {
            for (Sample s : history.read(in.id(), start, finish)) {
                if (s.x() < start) {
                    values[in.slot()] = s; // in force at the start
                } else if (s.x() <= finish) {
                    events.computeIfAbsent(s.x(), k -> new ArrayList<>()).add(new Object[] {in.slot(), s});
                }
            }
        }
        FormulaState state = f.newState();
        ValueSource source = slot -> values[slot];
        List<Sample> out = new ArrayList<>();
        CalcTrigger trigger = tag.trigger();
        switch (trigger.kind()) {
            case CHANGE -> events.forEach((x, changes) -> {
                for (Object[] c : changes) {
                    values[(Integer) c[0]] = (Sample) c[1];
                }
                out.add(evaluate(f, state, source, x, tag));
                limit(out);
            });
            case PERIODIC -> {
                long period = trigger.periodMillis() * 1_000L;
                long x = Math.floorDiv(start + period - 1, period) * period;
                var it = events.entrySet().iterator();
                var pending = it.hasNext() ? it.next() : null;
                for (; x <= finish; x += period) {
                    while (pending != null && pending.getKey() <= x) {
                        for (Object[] c : pending.getValue()) {
                            values[(Integer) c[0]] = (Sample) c[1];
                        }
                        pending = it.hasNext() ? it.next() : null;
                    }
                    out.add(evaluate(f, state, source, x, tag));
                    limit(out);
                }
            }
            case SCHEDULE -> throw new IllegalArgumentException("tag " + calc.path()
                    + " is triggered by a schedule; recalculating schedule ticks over history is not supported");
        }
        return out;
    }

    private static void limit(List<Sample> out) {
        if (out.size() > MAX_RESULTS) {
            throw new IllegalArgumentException("more than " + MAX_RESULTS + " results: recalculate a shorter period");
        }
    }

    private static Sample evaluate(CompiledFormula f, FormulaState state, ValueSource source, long x, TagDef tag) {
        Sample r = f.evaluate(source, state, x);
        if (r.y() == null) {
            return r;
        }
        try {
            return new Sample(x, Formulas.toTagValue(r.y(), tag.type()), r.q());
        } catch (IllegalArgumentException e) {
            return new Sample(x, null, Quality.BAD_DATA);
        }
    }
}
