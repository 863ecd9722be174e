package org.peresvet.bench.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.mnemonic.LiveScreen;
import org.peresvet.app.project.EngineProject;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.screen.Binding;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;

/**
 * Figures of the mnemonic screens (issue 17), headless JavaFX over a real engine:
 * <ol>
 * <li>a screen of 1,000 bound widgets (values, analog indicators, tanks, pumps, each bound to its
 * own tag) opens: from building it to the end of the first pulse that lays it out with live values
 * (target &lt; 500 ms);</li>
 * <li>those 1,000 widgets each updated at 10 Hz (10,000 samples/s): the FX thread's CPU time per
 * pulse on average (bridge, bindings, symbols, CSS, layout; target &lt; 5 ms), and no latest value
 * dropped (after the writer stops, every widget shows its tag's last value);</li>
 * <li>100 expression bindings, each over two tags updated at 10 Hz: the CPU time of evaluating
 * them and redrawing their symbols, as a share of one core (target &lt; 5 %).</li>
 * </ol>
 * Run: {@code java -cp "bench/target/classes:bench/target/lib/*" org.peresvet.bench.ui.ScreenBench [seconds]}
 */
public final class ScreenBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final AtomicLong PULSES = new AtomicLong();
    private static volatile long fxThreadId;

    private ScreenBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        HeadlessFx.start(1600, 1000);
        Path dir = Files.createTempDirectory("peresvet-screen-bench");
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            List<UUID> ids = new ArrayList<>();
            engine.edit(HeadlessFx.plant(1, 11, 100, ids)); // 1,100 tags
            engine.start();
            ModelSnapshot m = engine.model();
            List<UUID> widgetTags = ids.subList(0, 1000);
            List<UUID> exprTags = ids.subList(1000, 1100);
            writeAll(engine, ids, 1.0);
            waitFor(() -> engine.current(ids.get(ids.size() - 1)) != null);
            EngineProject project = new EngineProject(engine, Actor.SYSTEM);
            ValueBridge bridge = new ValueBridge();
            Stage stage = HeadlessFx.fx(() -> {
                fxThreadId = Thread.currentThread().getId();
                bridge.attach(project, m);
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        bridge.pulse();
                        PULSES.incrementAndGet();
                    }
                }.start();
                Stage s = new Stage();
                s.setScene(new Scene(new Group(), 1600, 1000));
                s.show();
                return s;
            });

            // 1. first live frame of 1,000 bound widgets
            ScreenDef big = thousand(m, widgetTags);
            double[] open = new double[3];
            LiveScreen live = openAndTime(stage, big, m, bridge, open);
            long boundLive = HeadlessFx.fx(() -> live.frames().stream().filter(f -> !f.def().bindings().isEmpty()
                    && f.quality() == null).count());
            System.out.printf(Locale.ROOT, "Screen of %d widgets (%d bindings): first live frame in %.0f ms, FX-thread CPU %.0f ms of which building %.0f ms (%d widgets live at that frame)%n",
                    big.allWidgets().size(), HeadlessFx.fx(live::bindingCount), open[0], open[1], open[2], boundLive);

            // 2. 1,000 widgets at 10 Hz
            HeadlessFx.fx(() -> 0); // settle
            double[] perPulse = updateAt10Hz(engine, widgetTags, seconds);
            double last = 7777.0;
            writeAll(engine, widgetTags, last);
            waitFor(() -> {
                try {
                    return HeadlessFx.fx(() -> live.frames().stream().filter(f -> !f.def().bindings().isEmpty())
                            .allMatch(f -> Double.valueOf(last).equals(f.props().get("value")) || Boolean.TRUE.equals(f.props().get("running"))));
                } catch (Exception e) {
                    return false;
                }
            });
            long stale = HeadlessFx.fx(() -> live.frames().stream().filter(f -> f.def().binding("value") != null)
                    .filter(f -> !Double.valueOf(last).equals(f.props().get("value"))).count());
            System.out.printf(Locale.ROOT, "1,000 widgets at 10 Hz: %.0f samples/s applied, %.1f pulses/s, FX-thread CPU per pulse %.2f ms (wall share %.0f %%), widgets missing the last value: %d%n",
                    perPulse[2], perPulse[1], perPulse[0], perPulse[3], stale);
            HeadlessFx.fx(() -> {
                live.close();
                return null;
            });

            // 3. 100 expression bindings at 10 Hz
            ScreenDef exprs = expressions(m, exprTags);
            long[] applyCpu = new long[1];
            Consumer<Runnable> timed = r -> Platform.runLater(() -> {
                long c0 = CPU.getCurrentThreadCpuTime();
                r.run();
                applyCpu[0] += CPU.getCurrentThreadCpuTime() - c0;
            });
            LiveScreen ex = HeadlessFx.fx(() -> {
                LiveScreen l = new LiveScreen(exprs, engine.model(), bridge, timed);
                ((Group) stage.getScene().getRoot()).getChildren().setAll(l.root());
                return l;
            });
            Thread.sleep(1000);
            HeadlessFx.fx(() -> applyCpu[0] = 0);
            long t0 = System.nanoTime();
            double[] r3 = updateAt10Hz(engine, exprTags, seconds);
            long cpu = HeadlessFx.fx(() -> applyCpu[0]);
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "100 expression bindings over 100 tags at 10 Hz: evaluation and redraw %.2f %% of one core (FX thread in all %.2f ms per pulse)%n",
                    cpu / 1e9 / wall * 100, r3[0]);
            HeadlessFx.fx(() -> {
                ex.close();
                stage.hide();
                return null;
            });
            System.out.println();
            System.out.println("Measured with " + HeadlessFx.load());
            System.out.printf(Locale.ROOT, "FIGURE screens: first live frame of 1,000 bound widgets %.0f ms (target < 500); 1,000 widgets at 10 Hz FX CPU per pulse %.2f ms (target < 5), %d latest values dropped; 100 expressions at 10 Hz %.2f %% of a core (target < 5)%n",
                    open[0], perPulse[0], stale, cpu / 1e9 / wall * 100);
            bridge.close();
        } finally {
            HeadlessFx.deleteTree(dir);
            Platform.exit();
        }
    }

    /** 1,000 widgets in a 40 × 25 grid: values, analog indicators, tanks and pumps, each on its own tag. */
    private static ScreenDef thousand(ModelSnapshot m, List<UUID> tags) {
        List<WidgetDef> w = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String path = m.tagPath(tags.get(i));
            double x = 10 + (i % 40) * 50;
            double y = 10 + (i / 40) * 50;
            WidgetDef d = switch (i % 4) {
                case 0 -> WidgetDef.of("v" + i, WidgetTypes.VALUE).size(46, 20).bindTag("value", path);
                case 1 -> WidgetDef.of("a" + i, WidgetTypes.ANALOG).size(46, 40).with("max", 10.0).bindTag("value", path);
                case 2 -> WidgetDef.of("t" + i, WidgetTypes.TANK).size(30, 44).with("max", 10.0).bindTag("value", path);
                default -> WidgetDef.of("p" + i, WidgetTypes.PUMP).size(36, 36).bind("running", Binding.expression("{" + path + "} > 5"));
            };
            w.add(d.at(x, y));
        }
        return ScreenDef.of(UUID.randomUUID(), "Thousand").withSize(2020, 1270).withWidgets(w);
    }

    private static ScreenDef expressions(ModelSnapshot m, List<UUID> tags) {
        List<WidgetDef> w = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String a = m.tagPath(tags.get(i));
            String b = m.tagPath(tags.get((i + 1) % tags.size()));
            w.add(WidgetDef.of("e" + i, WidgetTypes.VALUE).at(10 + (i % 10) * 110, 10 + (i / 10) * 30).size(100, 24)
                    .bind("value", Binding.expression("({" + a + "} * 2 + {" + b + "}) / 3")));
        }
        return ScreenDef.of(UUID.randomUUID(), "Expressions").withSize(1200, 340).withWidgets(w);
    }

    private static LiveScreen openAndTime(Stage stage, ScreenDef s, ModelSnapshot m, ValueBridge bridge, double[] ms) throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        long[] t0 = new long[2];
        LiveScreen live = HeadlessFx.fx(() -> {
            t0[0] = System.nanoTime();
            t0[1] = CPU.getCurrentThreadCpuTime();
            LiveScreen l = new LiveScreen(s, m, bridge, Platform::runLater);
            ms[2] = (CPU.getCurrentThreadCpuTime() - t0[1]) / 1e6;
            Scene scene = stage.getScene();
            ((Group) scene.getRoot()).getChildren().setAll(l.root());
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                ms[0] = (System.nanoTime() - t0[0]) / 1e6;
                ms[1] = (CPU.getCurrentThreadCpuTime() - t0[1]) / 1e6;
                scene.removePostLayoutPulseListener(once[0]);
                shown.countDown();
            };
            scene.addPostLayoutPulseListener(once[0]);
            return l;
        });
        shown.await(60, TimeUnit.SECONDS);
        return live;
    }

    /** Writes every tag at 10 Hz for {@code seconds}; returns FX CPU ms per pulse, pulses/s, samples/s, FX wall share. */
    private static double[] updateAt10Hz(Engine engine, List<UUID> tags, int seconds) throws Exception {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        long[] n = {0};
        writer.scheduleAtFixedRate(() -> {
            long now = Micros.now();
            List<TagSample> batch = new ArrayList<>(tags.size());
            double v = (n[0]++ % 100) / 10.0;
            for (int i = 0; i < tags.size(); i++) {
                batch.add(new TagSample(tags.get(i), Sample.of(now, (v + i * 0.01) % 10)));
            }
            engine.write(batch);
        }, 0, 100, TimeUnit.MILLISECONDS);
        Thread.sleep(1500);
        long cpu0 = CPU.getThreadCpuTime(fxThreadId);
        long p0 = PULSES.get();
        long a0 = engine.status().samplesAccepted();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long cpu = CPU.getThreadCpuTime(fxThreadId) - cpu0;
        long pulses = PULSES.get() - p0;
        double wall = (System.nanoTime() - t0) / 1e9;
        long accepted = engine.status().samplesAccepted() - a0;
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        return new double[] {cpu / 1e6 / Math.max(1, pulses), pulses / wall, accepted / wall, cpu / 1e9 / wall * 100};
    }

    private static void writeAll(Engine engine, List<UUID> tags, double v) {
        long now = Micros.now();
        List<TagSample> batch = new ArrayList<>();
        for (UUID id : tags) {
            batch.add(new TagSample(id, Sample.of(now, v)));
        }
        engine.write(batch);
    }

    private static void waitFor(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }
}
