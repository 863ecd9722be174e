package org.peresvet.bench.formula;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.peresvet.formula.CompiledFormula;
import org.peresvet.formula.FormulaContext;
import org.peresvet.formula.FormulaState;
import org.peresvet.formula.FormulaType;
import org.peresvet.formula.Formulas;
import org.peresvet.formula.ValueSource;
import org.peresvet.model.Sample;

/**
 * Figure: evaluations per second of a typical formula, {@code {a} * 0.5 + max({b}, {c}) - 1},
 * on one thread, compiled once and evaluated against changing inputs. Goal ≥ 10,000,000/s.
 * System properties: {@code bench.warmupSeconds} (default 3), {@code bench.measureSeconds} (5).
 */
public final class FormulaEvalBench {
    static final String FORMULA = "{a} * 0.5 + max({b}, {c}) - 1";
    static final long GOAL = 10_000_000;

    private FormulaEvalBench() {
    }

    public static void main(String[] args) {
        int warmup = Integer.getInteger("bench.warmupSeconds", 3);
        int measure = Integer.getInteger("bench.measureSeconds", 5);
        FormulaContext ctx = new FormulaContext() {
            @Override
            public String basePath() {
                return "/";
            }

            @Override
            public Resolved tag(String path) {
                return List.of("/a", "/b", "/c").contains(path) ? new Resolved(UUID.nameUUIDFromBytes(path.getBytes()), FormulaType.NUMBER, "double") : null;
            }

            @Override
            public Collection<String> tagPaths() {
                return List.of("/a", "/b", "/c");
            }

            @Override
            public ZoneId zone() {
                return ZoneId.of("UTC");
            }
        };
        CompiledFormula f = Formulas.compile(FORMULA, ctx);
        // 1024 different values per input, so the loop reads changing data (no constant folding).
        Sample[][] values = new Sample[3][1024];
        for (int i = 0; i < 1024; i++) {
            values[0][i] = Sample.of(i, i * 1.5);
            values[1][i] = Sample.of(i, (double) (i % 17));
            values[2][i] = Sample.of(i, (double) (i % 23));
        }
        int[] at = new int[1];
        ValueSource src = slot -> values[slot][at[0]];
        FormulaState state = f.newState();
        check(f, src, state, at);

        run(f, src, state, at, warmup * 1_000_000_000L);
        long t0 = System.nanoTime();
        long[] result = run(f, src, state, at, measure * 1_000_000_000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = result[0] / seconds;
        BenchSupport.detail("formula: %s", FORMULA);
        BenchSupport.detail("%s evaluations in %.2f s on one thread (checksum %d)", BenchSupport.count(result[0]), seconds, result[1]);
        BenchSupport.detail("%.1f ns per evaluation, including the result sample", 1e9 / rate);
        BenchSupport.summary("formula-eval", BenchSupport.count(rate) + " evaluations/s, goal ≥ " + BenchSupport.count(GOAL), rate >= GOAL);
        System.exit(rate >= GOAL ? 0 : 1);
    }

    private static void check(CompiledFormula f, ValueSource src, FormulaState st, int[] at) {
        at[0] = 10; // a = 15, b = 10, c = 10: 15 * 0.5 + 10 - 1 = 16.5
        Object y = f.evaluate(src, st, 0).y();
        if (!Double.valueOf(16.5).equals(y)) {
            throw new IllegalStateException("wrong result " + y);
        }
    }

    /** Evaluates in blocks of 1024 until the time is up; returns {evaluations, checksum}. */
    private static long[] run(CompiledFormula f, ValueSource src, FormulaState st, int[] at, long nanos) {
        long n = 0;
        long sum = 0;
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 1024; i++) {
                at[0] = i;
                Sample s = f.evaluate(src, st, i);
                sum += (long) (double) (Double) s.y();
            }
            n += 1024;
        }
        return new long[] {n, sum};
    }
}
