package org.peresvet.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.TagDef;

/**
 * The child JVM of figure 4: opens and starts an existing project, then prints one line
 * {@code probe jvmToRunningMs=… openStartMs=… cpuMs=… …} for {@link HeadlessStart}.
 *
 * <p>{@code jvmToRunningMs} counts from the JVM's own start time (process launch, class loading
 * and JIT included) to a running engine; {@code openStartMs} is {@code Engine.open(...).start()}
 * alone; {@code cpuMs} the CPU time the whole process used up to then (JIT and GC threads too) and
 * {@code mainCpuMs} that of the thread that opened the engine. Nothing else runs before the clock
 * starts, so the numbers are a cold start.
 */
public final class HeadlessStartProbe {
    private HeadlessStartProbe() {
    }

    public static void main(String[] args) {
        long openAt = System.currentTimeMillis();
        Engine engine = Engine.open(Path.of(args[0]), EngineOptions.quiet()).start();
        long runningAt = System.currentTimeMillis();
        long cpuNanos = Machine.processCpuNanos();
        long mainCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        // Read only after the clock stopped: the management classes cost some loading of their own.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        // The restored state is what "running" promises: every tag has its last value from history.
        int tags = 0;
        int withValue = 0;
        for (TagDef t : engine.model().tags()) {
            tags++;
            if (engine.current(t.id()) != null) {
                withValue++;
            }
        }
        boolean running = engine.isRunning();
        long closeAt = System.currentTimeMillis();
        engine.close();
        long closedAt = System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "probe jvmToRunningMs=%d openStartMs=%d cpuMs=%d mainCpuMs=%d load=%.2f tags=%d withValue=%d running=%b closeMs=%d%n",
                runningAt - jvmStart, runningAt - openAt, cpuNanos / 1_000_000, mainCpuNanos / 1_000_000,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), tags, withValue, running,
                closedAt - closeAt);
    }
}
