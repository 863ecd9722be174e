package org.peresvet.bench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.peresvet.app.fx.FxDialogs;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.project.EngineProject;
import org.peresvet.app.shell.Theme;
import org.peresvet.app.tree.ObjectView;
import org.peresvet.app.tree.WriteService;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;

/**
 * Figure: the coalescing bridge under 10,000 tag updates per second with about 500 visible live
 * cells (value, quality and time of ~167 table rows): FX-thread time per pulse should stay under
 * 5 ms on average.
 *
 * <p>A real engine (10,000 manual tags, H2 history on) receives 10,000 samples/s from a writer
 * thread; the real object view shows one object's 200 tags in a window tall enough for ~167 rows.
 * The FX-thread time of a pulse is measured from the start of the bridge's animation timer to the
 * end of the scene's CSS and layout pass (post-layout pulse listener), i.e. applying the values,
 * updating the cells, CSS and layout; the hand-over of the scene to the render thread is not
 * included. Two load shapes: "spread" (updates over all 10,000 tags: realistic) and "focused"
 * (every update hits one of the 200 shown tags: the worst case, each row changes every pulse).
 *
 * <p>Run (headless, no display needed):
 * <pre>
 * ./mvnw -q -pl engine,app,bench -am package -DskipTests
 * java -cp "bench/target/classes:bench/target/lib/*" org.peresvet.bench.ui.BridgeBench [seconds]
 * </pre>
 */
public final class BridgeBench {
    private static final int TAGS = 10_000;
    private static int rate = Integer.getInteger("bench.rate", 10_000);
    private static final int TICK_MS = 10;

    private BridgeBench() {
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static volatile long pulseStart;
    private static volatile long pulseCpuStart;
    private static final List<Double> cpuTimes = Collections.synchronizedList(new ArrayList<>());
    private static volatile long handleNanos;
    private static volatile long preLayoutAt;
    private static final List<Double> handleTimes = Collections.synchronizedList(new ArrayList<>());
    private static final List<Double> layoutTimes = Collections.synchronizedList(new ArrayList<>());
    private static volatile int pulseApplied;
    private static final List<Double> times = Collections.synchronizedList(new ArrayList<>());
    private static final List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    private static volatile boolean recording;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        HeadlessFx.start(1600, 4300);
        Path dir = Files.createTempDirectory("peresvet-bridge-bench");
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            List<UUID> ids = new ArrayList<>();
            // 5 areas × 10 units × 200 tags = 10,000 tags.
            engine.edit(HeadlessFx.plant(5, 10, 200, ids));
            engine.start();
            UUID shown = engine.model().findObject("/Plant/Area00/Unit000").orElseThrow().id();
            List<UUID> shownTags = engine.model().tagsOf(shown).stream().map(t -> t.id()).toList();

            long refreshMs = Long.getLong("bench.refreshMs", ValueBridge.DEFAULT_REFRESH_NANOS / 1_000_000);
            ValueBridge bridge = new ValueBridge(refreshMs * 1_000_000, ValueBridge.DEFAULT_MAX_PER_PULSE, System::nanoTime);
            System.out.println("Bridge refresh interval: " + refreshMs + " ms");
            ObjectView view = HeadlessFx.fx(() -> {
                EngineProject project = new EngineProject(engine, Actor.SYSTEM);
                bridge.attach(project.values(), engine.model());
                ObjectView v = new ObjectView(bridge, () -> WriteService.Target.of(project), new FxDialogs(null));
                StackPane root = new StackPane(v.content());
                Scene scene = new Scene(root, 1600, 4200);
                scene.getStylesheets().setAll(BridgeBench.class.getResource(Theme.ISA101.sheets().get(0)).toExternalForm());
                v.show(shown, null);
                if (Boolean.getBoolean("bench.unconstrained")) {
                    v.table().setColumnResizePolicy(javafx.scene.control.TableView.UNCONSTRAINED_RESIZE_POLICY);
                }
                {
                    // Pulses drive CSS and layout; the software renderer paints every frame.
                    Stage stage = new Stage();
                    stage.setScene(scene);
                    stage.show();
                    scene.addPreLayoutPulseListener(() -> preLayoutAt = System.nanoTime());
                    scene.addPostLayoutPulseListener(() -> endPulse());
                    new AnimationTimer() {
                        @Override
                        public void handle(long now) {
                            beginPulse(bridge);
                        }
                    }.start();
                }
                return v;
            });
            Thread.sleep(1000);
            int rows = HeadlessFx.fx(() -> (int) view.table().lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof TableRow<?> r && !r.isEmpty() && r.isVisible()
                            && r.localToScene(r.getBoundsInLocal()).getMaxY() <= view.table().localToScene(view.table().getBoundsInLocal()).getMaxY())
                    .count());
            System.out.printf(Locale.ROOT, "Object view: %d rows visible, %d live cells (value, quality, time); %d tags in the project%n",
                    rows, rows * 3, engine.model().tagCount());

            run("warm-up", engine, ids, 10);
            System.out.println();
            if (System.getProperty("bench.rates") != null) {
                // Cost per pulse against the number of visible values changed per pulse.
                for (String r : System.getProperty("bench.rates").split(",")) {
                    rate = Integer.parseInt(r.strip());
                    run("focused@" + rate, engine, shownTags, seconds);
                }
                return;
            }
            Result spread = run("spread", engine, ids, seconds);
            Result focused = run("focused", engine, shownTags, seconds);
            System.out.println();
            System.out.println("Measured with " + HeadlessFx.load());
            System.out.printf(Locale.ROOT, "FIGURE bridge, 10,000 updates/s, %d visible live cells: FX-thread time per pulse, average: CPU %.2f ms / wall %.2f ms (spread), CPU %.2f ms / wall %.2f ms (focused); target < 5 ms%n",
                    rows * 3, spread.cpuAvg, spread.avg, focused.cpuAvg, focused.avg);
            // The figure's case is the spread load; the FX thread's CPU time is what the target bounds
            // (wall time on a loaded machine includes waiting for a core).
            System.out.println((spread.cpuAvg < 5.0 ? "PASS" : "FAIL") + " bridge: FX-thread CPU per pulse "
                    + String.format(Locale.ROOT, "%.2f", spread.cpuAvg) + " ms (target < 5 ms), wall "
                    + String.format(Locale.ROOT, "%.2f", spread.avg) + " ms");
            HeadlessFx.fx(() -> {
                view.dispose();
                bridge.close();
                return null;
            });
        } finally {
            HeadlessFx.deleteTree(dir);
            javafx.application.Platform.exit();
        }
    }

    private static void beginPulse(ValueBridge bridge) {
        long s = System.nanoTime();
        pulseCpuStart = CPU.getCurrentThreadCpuTime();
        pulseStart = s;
        pulseApplied = bridge.pulse();
        handleNanos = System.nanoTime() - s;
    }

    private static void endPulse() {
        long s = pulseStart;
        if (s != 0) {
            pulseStart = 0;
            if (recording) {
                long end = System.nanoTime();
                times.add((end - s) / 1e6);
                cpuTimes.add((CPU.getCurrentThreadCpuTime() - pulseCpuStart) / 1e6);
                handleTimes.add(handleNanos / 1e6);
                layoutTimes.add((end - preLayoutAt) / 1e6);
                applied.add(pulseApplied);
            }
        }
    }

    private record Result(double cpuAvg, double avg, double p50, double p95, double max, double pulsesPerSecond, double valuesPerPulse) {
    }

    private static Result run(String name, Engine engine, List<UUID> targets, int seconds) throws Exception {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        int perTick = rate * TICK_MS / 1000;
        if (perTick > 0) writer.scheduleAtFixedRate(() -> {
            long now = Micros.now();
            List<TagSample> batch = new ArrayList<>(perTick);
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < perTick; i++) {
                UUID id = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
                batch.add(new TagSample(id, Sample.of(now, r.nextDouble(0, 10))));
            }
            engine.write(batch);
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);
        Thread.sleep(1000);
        times.clear();
        applied.clear();
        handleTimes.clear();
        layoutTimes.clear();
        cpuTimes.clear();
        long accepted0 = engine.status().samplesAccepted();
        long t0 = System.nanoTime();
        recording = true;
        Thread.sleep(seconds * 1000L);
        recording = false;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long accepted = engine.status().samplesAccepted() - accepted0;
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        List<Double> sorted;
        List<Integer> counts;
        synchronized (times) {
            sorted = new ArrayList<>(times);
        }
        synchronized (applied) {
            counts = new ArrayList<>(applied);
        }
        Collections.sort(sorted);
        double avg = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double values = counts.stream().mapToInt(Integer::intValue).average().orElse(0);
        double handleAvg;
        double layoutAvg;
        synchronized (handleTimes) {
            handleAvg = handleTimes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
        synchronized (layoutTimes) {
            layoutAvg = layoutTimes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
        List<Double> cpu;
        synchronized (cpuTimes) {
            cpu = new ArrayList<>(cpuTimes);
        }
        Collections.sort(cpu);
        double cpuAvg = cpu.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        Result res = new Result(cpuAvg, avg, HeadlessFx.percentile(sorted, 50), HeadlessFx.percentile(sorted, 95),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), sorted.size() / elapsed, values);
        System.out.printf(Locale.ROOT, "%-8s   FX-thread CPU time per pulse: avg %.2f ms, p50 %.2f, p95 %.2f, max %.2f ms (wall time is larger when the machine is busy)%n",
                name, cpuAvg, HeadlessFx.percentile(cpu, 50), HeadlessFx.percentile(cpu, 95), cpu.isEmpty() ? 0 : cpu.get(cpu.size() - 1));
        System.out.printf(Locale.ROOT, "%-8s   of which applying values and updating cells %.2f ms, CSS and layout %.2f ms%n",
                name, handleAvg, layoutAvg);
        System.out.printf(Locale.ROOT, "%-8s %6.0f samples/s accepted, %5.1f pulses/s, %6.1f values applied per pulse, FX wall time per pulse: avg %.2f ms, p50 %.2f, p95 %.2f, max %.2f ms%n",
                name, accepted / elapsed, res.pulsesPerSecond, res.valuesPerPulse, res.avg, res.p50, res.p95, res.max);
        return res;
    }
}
