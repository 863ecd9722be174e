package org.peresvet.app.formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.peresvet.app.Messages;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.TagRef;
import org.peresvet.model.Sample;

/**
 * The test bench of the formula editor: rows of input values, one row per evaluation step, run in
 * order with one memory so stateful functions (totalizer, rate, hysteresis…) show what they would
 * do step by step. Values come from typing, from the live values, or from history at a past time.
 * Nothing here touches the engine. Toolkit-free (JavaFX properties only).
 */
public final class TestBench {
    /** Seconds between a new step and the one before it. */
    public static final long DEFAULT_STEP_SECONDS = 10;

    /** One evaluation: its time (seconds after the bench's start) and a value per input. */
    public static final class Step {
        private final StringProperty seconds = new SimpleStringProperty(this, "seconds", "0");
        private final Map<UUID, StringProperty> values = new LinkedHashMap<>();
        private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
        private boolean bad;

        public StringProperty secondsProperty() {
            return seconds;
        }

        /** The value typed for an input (created empty on first use). */
        public StringProperty value(UUID input) {
            return values.computeIfAbsent(input, k -> new SimpleStringProperty(this, "value", ""));
        }

        public ReadOnlyStringProperty resultProperty() {
            return result.getReadOnlyProperty();
        }

        public String result() {
            return result.get();
        }

        /** True when the step's result is bad or could not be computed. */
        public boolean isBad() {
            return bad;
        }
    }

    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private List<TagRef> inputs = List.of();
    private long startMicros = System.currentTimeMillis() * 1000;
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    public TestBench() {
        steps.add(new Step());
    }

    public ObservableList<Step> steps() {
        return steps;
    }

    /** The inputs the steps give values for (the compiled formula's, in slot order). */
    public List<TagRef> inputs() {
        return inputs;
    }

    /** The formula's inputs changed: values typed for inputs still read are kept. */
    public void setInputs(List<TagRef> newInputs) {
        inputs = List.copyOf(newInputs);
    }

    /** When step 0 is evaluated (µs since the epoch). */
    public long startMicros() {
        return startMicros;
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Fills the empty values of every step from {@code current} (the live values). */
    public void fillEmpty(Function<UUID, Sample> current) {
        for (Step s : steps) {
            for (TagRef in : inputs) {
                StringProperty p = s.value(in.id());
                if (p.get().isEmpty()) {
                    Sample v = current.apply(in.id());
                    p.set(text(v));
                }
            }
        }
    }

    /** Adds a step {@link #DEFAULT_STEP_SECONDS} after the last one, with its values. */
    public Step addStep() {
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        Step s = new Step();
        if (last != null) {
            s.seconds.set(Long.toString(parseSeconds(last.seconds.get(), 0) + DEFAULT_STEP_SECONDS));
            for (TagRef in : inputs) {
                s.value(in.id()).set(last.value(in.id()).get());
            }
        }
        steps.add(s);
        return s;
    }

    /** Removes a step; the bench keeps at least one. */
    public void removeStep(Step s) {
        if (steps.size() > 1) {
            steps.remove(s);
        }
    }

    /**
     * Starts the bench afresh at a past time with the inputs' values then (from history): one
     * step at that time. {@code values} maps input ids to their sample at {@code timeMicros} (a
     * missing one is left empty, i.e. no value).
     */
    public void startAt(long timeMicros, Map<UUID, Sample> values) {
        startMicros = timeMicros;
        Step s = new Step();
        for (TagRef in : inputs) {
            s.value(in.id()).set(text(values.get(in.id())));
        }
        steps.setAll(s);
    }

    /** Starts at "now" (µs) with the live values. */
    public void startNow(long nowMicros, Function<UUID, Sample> current) {
        startAt(nowMicros, Map.of());
        fillEmpty(current);
    }

    /**
     * Runs every step in order with one memory and shows each result; returns the results. A
     * value that cannot be read stops at that step with the reason.
     */
    public List<String> run(CompiledFormula formula) {
        List<String> out = new ArrayList<>();
        if (formula == null) {
            for (Step s : steps) {
                s.result.set("");
            }
            note.set(Messages.get("formula.bench.fixFirst"));
            return out;
        }
        note.set(formula.stateful() ? Messages.get("formula.bench.stateful") : "");
        FormulaState state = formula.newState();
        long previous = Long.MIN_VALUE;
        for (Step s : steps) {
            String r;
            boolean bad = true;
            try {
                long secs = parseSeconds(s.seconds.get(), -1);
                if (secs < 0) {
                    throw new IllegalArgumentException(Messages.get("formula.bench.badTime", s.seconds.get()));
                }
                long t = startMicros + secs * 1_000_000L;
                if (t <= previous) {
                    throw new IllegalArgumentException(Messages.get("formula.bench.timeOrder"));
                }
                previous = t;
                Sample[] in = new Sample[inputs.size()];
                for (TagRef ref : inputs) {
                    in[ref.slot()] = parse(ref, s.value(ref.id()).get(), t);
                }
                Sample res = formula.evaluate(slot -> in[slot], state, t);
                bad = !res.isGood();
                r = FormulaEditorModel.resultText(res, state.lastError());
            } catch (IllegalArgumentException e) {
                r = e.getMessage();
            }
            s.bad = bad;
            s.result.set(r);
            out.add(r);
        }
        return out;
    }

    /** A typed value as a sample of the input's type; empty means no value (a bad input). */
    static Sample parse(TagRef ref, String typed, long t) {
        String v = typed == null ? "" : typed.strip();
        if (v.isEmpty()) {
            return null;
        }
        Object y = switch (ref.type()) {
            case NUMBER -> {
                try {
                    yield org.peresvet.model.Numbers.parseDouble(v.replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(Messages.get("formula.bench.notNumber", ref.path(), v));
                }
            }
            case BOOL -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "1", "on" -> Boolean.TRUE;
                case "false", "0", "off" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(Messages.get("formula.bench.notBool", ref.path(), v));
            };
            case STRING -> v;
        };
        return Sample.of(t, y);
    }

    private static long parseSeconds(String s, long fallback) {
        try {
            return Long.parseLong(s.strip());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** A sample as the bench shows it for typing back: the value, or empty when there is none. */
    static String text(Sample s) {
        if (s == null || s.y() == null || !s.isGood()) {
            return "";
        }
        Object y = s.y();
        return FormulaEditorModel.plain(y);
    }
}
