package org.peresvet.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure 3, current value: {@link Engine#current(UUID)} of a random tag among 10,000, each holding
 * a value, on a running engine (JMH, average time per call).
 *
 * <p>{@link #main} runs it through JMH's runner with any JMH command-line options (run.sh passes
 * short iteration settings) and prints the summary line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CurrentValueBenchmark {
    static final int TAGS = 10_000;
    static final double GOAL_MICROS = 1_000;

    private TempProject project;
    private Engine engine;
    private UUID[] tags;

    /**
     * A fixed random order of tags per thread: drawing a random number inside the measured call
     * would time the generator too, and a sequential walk would be kinder to the caches than
     * real lookups are.
     */
    @State(Scope.Thread)
    public static class Cursor {
        private int[] order;
        private int next;

        @Setup(Level.Trial)
        public void shuffle() {
            Random random = new Random(42);
            order = random.ints(1 << 16, 0, TAGS).toArray();
        }

        int nextIndex() {
            int i = order[next];
            next = (next + 1) & (order.length - 1);
            return i;
        }
    }

    @Setup(Level.Trial)
    public void startEngine() {
        project = TempProject.create("peresvet-bench-current");
        engine = Engine.open(project.dir(), EngineOptions.quiet());
        tags = TagFixture.createTags(engine, 100, TAGS / 100).toArray(new UUID[0]);
        engine.start();
        long x = Micros.now() - Micros.PER_SECOND;
        List<TagSample> batch = new ArrayList<>(TAGS);
        for (int i = 0; i < TAGS; i++) {
            batch.add(new TagSample(tags[i], Sample.of(x, (double) i)));
        }
        engine.write(batch);
        engine.flush();
        for (UUID t : tags) {
            if (engine.current(t) == null) {
                throw new IllegalStateException("tag " + t + " has no current value after the write");
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopEngine() {
        engine.close();
        project.close();
    }

    @Benchmark
    public Sample current(Cursor cursor) {
        return engine.current(tags[cursor.nextIndex()]);
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Machine.printLoad();
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(cli)
                .include(CurrentValueBenchmark.class.getName() + ".current$")
                .build()).run();
        if (results.isEmpty()) {
            Report.summary("current: FAIL — JMH produced no result");
            System.exit(1);
        }
        Result<?> r = results.iterator().next().getPrimaryResult();
        double micros = r.getScore();
        Report.detail("iterations (µs/op): min %.4f, max %.4f", r.getStatistics().getMin(), r.getStatistics().getMax());
        Report.summary("current: Engine.current(random tag of %s) %.4f µs/op ± %.4f (%.0f ns; JMH avgt, %s) — goal < %.0f µs (1 ms): %s",
                Report.count(TAGS), micros, r.getScoreError(), micros * 1000, r.getStatistics().getN() + " iterations",
                GOAL_MICROS, Report.verdict(micros < GOAL_MICROS));
    }
}
