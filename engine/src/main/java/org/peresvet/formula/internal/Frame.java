package org.peresvet.formula.internal;

import java.time.ZoneId;
import java.util.function.Supplier;
import org.peresvet.formula.Arguments;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.ValueSource;
import org.peresvet.model.Quality;

/**
 * The evaluation frame of one formula instance: inputs, time, the state of stateful call sites,
 * and the quality gathered so far. It is also the {@link Arguments} view of the function being
 * called ({@link #args}), saved and restored around nested calls, so a call allocates nothing.
 */
public final class Frame implements FormulaState, Arguments {
    ValueSource src;
    long time;
    final ZoneId zone;
    final Object[] states;
    /** Quality code of the first bad input read (0: all good so far). */
    int badQ;
    Node[] args;
    int call;
    String lastError;
    Object own;

    Frame(ZoneId zone, int calls) {
        this.zone = zone;
        this.states = new Object[calls];
    }

    void bad(Integer q) {
        if (badQ == 0) {
            badQ = q == null || q == 0 ? Quality.BAD_DATA : q;
        }
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public void carryOver(Object ownValue) {
        own = ownValue;
    }

    @Override
    public Object own() {
        return own;
    }

    @Override
    public int count() {
        return args.length;
    }

    @Override
    public double number(int i) {
        return args[i].num(this);
    }

    @Override
    public boolean bool(int i) {
        return args[i].bool(this);
    }

    @Override
    public String text(int i) {
        return args[i].str(this);
    }

    @Override
    public Object value(int i) {
        return args[i].value(this);
    }

    /**
     * Evaluates a node whose value is not needed (the skipped side of and/or, the branch of if not
     * taken) when it holds state, so that a window or edge counter in it sees every evaluation;
     * its errors and bad inputs do not count.
     */
    void feed(Node n) {
        if (n.holdsState) {
            quietly(n);
        }
    }

    @Override
    public void feed(int i) {
        feed(args[i]);
    }

    @Override
    public Object tryValue(int i) {
        return quietly(args[i]);
    }

    /**
     * The node's value, or null when it is missing, bad or not finite or its evaluation failed;
     * the frame's quality and call state are as before either way.
     */
    private Object quietly(Node n) {
        int saved = badQ;
        badQ = 0;
        Node[] a = args;
        int c = call;
        try {
            Object v = n.value(this);
            if (badQ != 0 || v == null || (v instanceof Double d && !Double.isFinite(d))) {
                return null;
            }
            return v;
        } catch (RuntimeException e) {
            return null;
        } finally {
            badQ = saved;
            args = a;
            call = c;
        }
    }

    @Override
    public boolean good(int i) {
        return tryValue(i) != null;
    }

    @Override
    public int quality(int i) {
        int saved = badQ;
        badQ = 0;
        Node[] a = args;
        int c = call;
        try {
            Object v = a[i].value(this);
            if (badQ != 0) {
                return badQ;
            }
            return v == null || (v instanceof Double d && !Double.isFinite(d)) ? Quality.BAD_DATA : 0;
        } catch (RuntimeException e) {
            return Quality.BAD_DATA;
        } finally {
            badQ = saved;
            args = a;
            call = c;
        }
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T state(Supplier<T> init) {
        Object s = states[call];
        if (s == null) {
            s = init.get();
            states[call] = s;
        }
        return (T) s;
    }
}
