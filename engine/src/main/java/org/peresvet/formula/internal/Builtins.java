package org.peresvet.formula.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.peresvet.formula.Arguments;
import org.peresvet.formula.FormulaFunction;
import org.peresvet.formula.FormulaType;

/** The built-in functions of the formula language; docs/formulas.md describes each. */
public final class Builtins {
    private Builtins() {
    }

    /** Type rule of a function: the result type for the argument types, or an IllegalArgumentException. */
    private interface Check {
        FormulaType apply(List<FormulaType> args);
    }

    private record Fn(String name, String usage, Check check, Function<Arguments, Object> body,
                      ToDoubleFunction<Arguments> fast, boolean stateful) implements FormulaFunction {
        @Override
        public FormulaType resultType(List<FormulaType> args) {
            return check.apply(args);
        }

        @Override
        public Object apply(Arguments a) {
            if (body == null) {
                return fast.applyAsDouble(a);
            }
            return body.apply(a);
        }

        @Override
        public double applyNumber(Arguments a) {
            if (fast != null) {
                return fast.applyAsDouble(a);
            }
            return FormulaFunction.super.applyNumber(a);
        }
    }

    private static FormulaFunction num(String name, String usage, int min, int max, ToDoubleFunction<Arguments> f) {
        return new Fn(name, usage, numbers(min, max), null, f, false);
    }

    private static FormulaFunction stateNum(String name, String usage, int min, int max, ToDoubleFunction<Arguments> f) {
        return new Fn(name, usage, numbers(min, max), null, f, true);
    }

    private static Check numbers(int min, int max) {
        return args -> {
            count(args, min, max);
            for (int i = 0; i < args.size(); i++) {
                if (!args.get(i).fits(FormulaType.NUMBER)) {
                    throw new IllegalArgumentException("argument " + (i + 1) + " must be a number, found " + args.get(i).label());
                }
            }
            return FormulaType.NUMBER;
        };
    }

    private static void count(List<FormulaType> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String want = min == max ? min + " argument" + (min == 1 ? "" : "s")
                    : max == Integer.MAX_VALUE ? "at least " + min + " argument" + (min == 1 ? "" : "s")
                    : min + " to " + max + " arguments";
            throw new IllegalArgumentException("expects " + want + ", found " + args.size());
        }
    }

    private static Check bools(int n, FormulaType result) {
        return args -> {
            count(args, n, n);
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) != FormulaType.BOOL) {
                    throw new IllegalArgumentException("argument " + (i + 1) + " must be a boolean, found "
                            + args.get(i).label() + (args.get(i) == FormulaType.NUMBER ? " (compare it, e.g. {x} > 0)" : ""));
                }
            }
            return result;
        };
    }

    /** The common type of two branches: equal types, or number when one is a number and the other a boolean. */
    private static FormulaType common(FormulaType a, FormulaType b, String what) {
        if (a == b) {
            return a;
        }
        if (a.fits(FormulaType.NUMBER) && b.fits(FormulaType.NUMBER)) {
            return FormulaType.NUMBER;
        }
        throw new IllegalArgumentException(what + " must have the same type, found " + a.label() + " and " + b.label());
    }

    private static double toNumber(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }

    public static List<FormulaFunction> all() {
        List<FormulaFunction> out = new ArrayList<>();
        // ---- conditionals ----
        out.add(new Fn("if", "if(condition, then, else)", args -> {
            count(args, 3, 3);
            if (args.get(0) != FormulaType.BOOL) {
                throw new IllegalArgumentException("the condition must be a boolean, found " + args.get(0).label()
                        + (args.get(0) == FormulaType.NUMBER ? " (compare it, e.g. {x} > 0)" : ""));
            }
            return common(args.get(1), args.get(2), "then and else");
        }, a -> {
            boolean c = a.bool(0);
            a.feed(c ? 2 : 1);
            return c ? a.value(1) : a.value(2);
        }, a -> {
            boolean c = a.bool(0);
            a.feed(c ? 2 : 1);
            return c ? a.number(1) : a.number(2);
        }, false));

        // ---- arithmetic ----
        out.add(num("abs", "abs(x)", 1, 1, a -> Math.abs(a.number(0))));
        out.add(num("min", "min(x, y, …)", 1, Integer.MAX_VALUE, a -> {
            double m = a.number(0);
            for (int i = 1, n = a.count(); i < n; i++) {
                m = Math.min(m, a.number(i));
            }
            return m;
        }));
        out.add(num("max", "max(x, y, …)", 1, Integer.MAX_VALUE, a -> {
            double m = a.number(0);
            for (int i = 1, n = a.count(); i < n; i++) {
                m = Math.max(m, a.number(i));
            }
            return m;
        }));
        out.add(num("round", "round(x) or round(x, digits)", 1, 2, a -> {
            double x = a.number(0);
            if (a.count() == 1) {
                return Math.round(x);
            }
            double scale = Math.pow(10, Math.rint(a.number(1)));
            return Math.round(x * scale) / scale;
        }));
        out.add(num("floor", "floor(x)", 1, 1, a -> Math.floor(a.number(0))));
        out.add(num("ceil", "ceil(x)", 1, 1, a -> Math.ceil(a.number(0))));
        out.add(num("sqrt", "sqrt(x)", 1, 1, a -> Math.sqrt(a.number(0))));
        out.add(num("pow", "pow(x, y)", 2, 2, a -> Math.pow(a.number(0), a.number(1))));
        out.add(num("exp", "exp(x)", 1, 1, a -> Math.exp(a.number(0))));
        out.add(num("ln", "ln(x)", 1, 1, a -> Math.log(a.number(0))));
        out.add(num("log10", "log10(x)", 1, 1, a -> Math.log10(a.number(0))));
        out.add(num("clamp", "clamp(x, low, high)", 3, 3, a -> {
            double x = a.number(0);
            double lo = a.number(1);
            double hi = a.number(2);
            return x < lo ? lo : x > hi ? hi : x;
        }));
        out.add(num("sum", "sum(x, y, …)", 1, Integer.MAX_VALUE, a -> {
            double s = 0;
            for (int i = 0, n = a.count(); i < n; i++) {
                s += a.number(i);
            }
            return s;
        }));
        out.add(num("avg", "avg(x, y, …)", 1, Integer.MAX_VALUE, a -> {
            double s = 0;
            int n = a.count();
            for (int i = 0; i < n; i++) {
                s += a.number(i);
            }
            return s / n;
        }));
        out.add(new Fn("count", "count(x, y, …)", args -> {
            count(args, 1, Integer.MAX_VALUE);
            return FormulaType.NUMBER;
        }, null, a -> {
            // Booleans: how many are good and true; other values: how many are good.
            int c = 0;
            for (int i = 0, n = a.count(); i < n; i++) {
                Object v = a.tryValue(i);
                if (v != null && !Boolean.FALSE.equals(v)) {
                    c++;
                }
            }
            return c;
        }, false));

        // ---- quality ----
        out.add(new Fn("isGood", "isGood(x)", args -> {
            count(args, 1, 1);
            return FormulaType.BOOL;
        }, a -> a.good(0), null, false));
        out.add(new Fn("valueOr", "valueOr(x, default)", args -> {
            count(args, 2, 2);
            return common(args.get(0), args.get(1), "the value and its default");
        }, a -> {
            Object v = a.tryValue(0);
            return v != null ? v : a.value(1);
        }, a -> {
            Object v = a.tryValue(0);
            return v != null ? toNumber(v) : a.number(1);
        }, false));
        out.add(new Fn("quality", "quality(x)", args -> {
            count(args, 1, 1);
            return FormulaType.NUMBER;
        }, null, a -> a.quality(0), false));

        // ---- time (of the evaluation: the triggering sample's timestamp) ----
        out.add(num("now", "now()", 0, 0, a -> a.time() / 1e6));
        out.add(num("hour", "hour()", 0, 0, a -> local(a).getHour()));
        out.add(num("minute", "minute()", 0, 0, a -> local(a).getMinute()));
        out.add(num("second", "second()", 0, 0, a -> local(a).getSecond()));
        out.add(num("dayOfWeek", "dayOfWeek()", 0, 0, a -> local(a).getDayOfWeek().getValue()));
        out.add(num("day", "day()", 0, 0, a -> local(a).getDayOfMonth()));
        out.add(num("month", "month()", 0, 0, a -> local(a).getMonthValue()));

        // ---- stateful, per calculated tag ----
        out.add(new Fn("prev", "prev(x)", args -> {
            count(args, 1, 1);
            return args.get(0);
        }, a -> {
            Object[] last = a.state(() -> new Object[1]);
            Object v = a.value(0);
            Object before = last[0] == null ? v : last[0];
            if (v != null && !(v instanceof Double d && Double.isNaN(d))) {
                last[0] = v;
            }
            return before;
        }, null, true));
        // The tag's own value from before this memory began: counters go on from it after a restart,
        // and a bool tag's latch (as 1 or 0) too.
        out.add(stateNum("carried", "carried(default)", 1, 1, a -> {
            double[] base = a.state(() -> {
                Object own = a.own();
                double v = own instanceof Boolean b ? (b ? 1 : 0) : own instanceof Number n ? n.doubleValue() : Double.NaN;
                return new double[] {Double.isFinite(v) ? v : Double.NaN};
            });
            if (Double.isNaN(base[0])) {
                double d = a.number(0);
                if (!Double.isNaN(d)) {
                    base[0] = d;
                }
                return d;
            }
            return base[0];
        }));
        out.add(stateNum("delta", "delta(x)", 1, 1, a -> {
            Last s = a.state(Last::new);
            double v = a.number(0);
            if (Double.isNaN(v)) {
                return v;
            }
            double d = s.has ? v - s.v : 0;
            s.set(v, a.time());
            return d;
        }));
        out.add(stateNum("rate", "rate(x)", 1, 1, a -> {
            Last s = a.state(Last::new);
            double v = a.number(0);
            if (Double.isNaN(v)) {
                return v;
            }
            long t = a.time();
            if (s.has && t > s.t) {
                s.out = (v - s.v) / ((t - s.t) / 1e6);
            }
            s.set(v, t);
            return s.out;
        }));
        ToDoubleFunction<Arguments> integral = a -> {
            Last s = a.state(Last::new);
            double v = a.number(0);
            if (Double.isNaN(v)) {
                return v;
            }
            long t = a.time();
            if (s.has && t > s.t) {
                s.out += (v + s.v) / 2 * ((t - s.t) / 1e6);
            }
            s.set(v, t);
            return s.out;
        };
        out.add(stateNum("integral", "integral(x)", 1, 1, integral));
        out.add(stateNum("totalizer", "totalizer(x)", 1, 1, integral));
        out.add(stateNum("avgOver", "avgOver(x, seconds)", 2, 2, a -> window(a).average()));
        out.add(stateNum("minOver", "minOver(x, seconds)", 2, 2, a -> window(a).min()));
        out.add(stateNum("maxOver", "maxOver(x, seconds)", 2, 2, a -> window(a).max()));
        out.add(stateNum("lowpass", "lowpass(x, seconds)", 2, 2, a -> {
            Last s = a.state(Last::new);
            double v = a.number(0);
            double tau = a.number(1);
            if (Double.isNaN(v)) {
                return v;
            }
            long t = a.time();
            if (!s.has || tau <= 0) {
                s.out = v;
            } else if (t > s.t) {
                s.out += (v - s.out) * (1 - Math.exp(-((t - s.t) / 1e6) / tau));
            }
            s.set(v, t);
            return s.out;
        }));
        out.add(new Fn("hysteresis", "hysteresis(x, low, high)", args -> {
            numbers(3, 3).apply(args);
            return FormulaType.BOOL;
        }, a -> {
            boolean[] on = a.state(() -> new boolean[1]);
            double x = a.number(0);
            if (x >= a.number(2)) {
                on[0] = true;
            } else if (x <= a.number(1)) {
                on[0] = false;
            }
            return on[0];
        }, null, true));
        out.add(new Fn("timeTrue", "timeTrue(condition)", bools(1, FormulaType.NUMBER), null, a -> {
            Last s = a.state(Last::new);
            boolean c = a.bool(0);
            long t = a.time();
            if (s.has && s.v != 0 && t > s.t) {
                s.out += (t - s.t) / 1e6;
            }
            s.set(c ? 1 : 0, t);
            return s.out;
        }, true));
        out.add(new Fn("risingEdges", "risingEdges(condition)", bools(1, FormulaType.NUMBER), null, a -> {
            Last s = a.state(Last::new);
            boolean c = a.bool(0);
            if (s.has && s.v == 0 && c) {
                s.out++;
            }
            s.set(c ? 1 : 0, a.time());
            return s.out;
        }, true));
        return out;
    }

    private static ZonedDateTime local(Arguments a) {
        long t = a.time();
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L), Math.floorMod(t, 1_000_000L) * 1000).atZone(a.zone());
    }

    /** The last input value and time, and the function's running output. */
    static final class Last {
        boolean has;
        double v;
        long t;
        double out;

        void set(double value, long time) {
            has = true;
            v = value;
            t = Math.max(time, t);
        }
    }

    private static Window window(Arguments a) {
        Window w = a.state(Window::new);
        double v = a.number(0);
        double seconds = a.number(1);
        if (!Double.isNaN(v)) {
            w.add(a.time(), v, (long) (Math.max(0, seconds) * 1e6));
        }
        return w;
    }

    /**
     * The values of the last N seconds, each holding until the next (step): the first entry is the
     * value in force at the window's start. Bounded, so a fast input cannot exhaust memory.
     */
    static final class Window {
        private static final int MAX = 100_000;
        private final ArrayDeque<double[]> points = new ArrayDeque<>();
        private long now;
        private long width;

        void add(long t, double v, long widthMicros) {
            if (!points.isEmpty() && t < (long) points.peekLast()[0]) {
                t = (long) points.peekLast()[0]; // out of order: counts as now
            }
            points.addLast(new double[] {t, v});
            now = t;
            width = widthMicros;
            long start = now - width;
            while (points.size() > 1) {
                double[] first = points.pollFirst();
                if (!(points.peekFirst()[0] <= start || points.size() >= MAX)) {
                    points.addFirst(first);
                    break;
                }
            }
        }

        double average() {
            if (points.isEmpty()) {
                return Double.NaN;
            }
            long start = now - width;
            double area = 0;
            double span = 0;
            double[] prev = null;
            for (double[] p : points) {
                if (prev != null) {
                    double from = Math.max(prev[0], start);
                    double dt = p[0] - from;
                    if (dt > 0) {
                        area += prev[1] * dt;
                        span += dt;
                    }
                }
                prev = p;
            }
            return span > 0 ? area / span : points.peekLast()[1];
        }

        double min() {
            double m = Double.POSITIVE_INFINITY;
            for (double[] p : points) {
                m = Math.min(m, p[1]);
            }
            return points.isEmpty() ? Double.NaN : m;
        }

        double max() {
            double m = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                m = Math.max(m, p[1]);
            }
            return points.isEmpty() ? Double.NaN : m;
        }
    }
}
