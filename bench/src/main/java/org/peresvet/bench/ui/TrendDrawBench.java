package org.peresvet.bench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.peresvet.app.project.EngineProject;
import org.peresvet.app.trend.TrendView;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * Issue 16, trend figures in a 1,600 px wide trend (headless Monocle, software rendering):
 * <ol>
 *   <li>8 pens x {@code samples} stored samples each (default 1,000,000), whole range: time from
 *       setting the pens to the first complete draw (history read in bins + draw), goal < 500 ms
 *       (the window already shown); then 20 pans and zooms, each until the complete redraw is on
 *       screen, p95 goal < 100 ms, measured on a second pass that zooms to a new width in every step (the first pass,
 *       printed too, meets the JIT still compiling the chart's drawing).</li>
 *   <li>Live: 8 pens at 100 samples/s each, 10 minutes shown (the ring pre-filled with 10 minutes),
 *       FX time per redraw and per pulse over 10 s, goal < 3 ms on average; bytes per pen.</li>
 * </ol>
 * The load's garbage is collected before the window opens (see {@code bench.keepLoadGarbage}).
 * Usage: {@code TrendDrawBench [samplesPerPen [--history-only]]}.
 */
public final class TrendDrawBench {
    private static final int PENS = 8;
    private static final long S = Micros.PER_SECOND;

    private TrendDrawBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(HeadlessFx.load());
        HeadlessFx.start(1700, 900);
        PulseCounter.count(); // starts counting pulses
        Path dir = Files.createTempDirectory("peresvet-bench-trend").resolve("project");
        boolean ok;
        try (Engine engine = Engine.open(dir, EngineOptions.quiet())) {
            List<UUID> tags = new ArrayList<>();
            ObjectDef o = ObjectDef.create(null, "Plant");
            List<ModelEdit> edits = new ArrayList<>(List.of(new ModelEdit.PutObject(o)));
            for (int p = 0; p < PENS; p++) {
                TagDef t = TagDef.builder(o.id(), "Signal" + p, ValueType.DOUBLE).units(p % 2 == 0 ? "m" : "bar").build();
                tags.add(t.id());
                edits.add(new ModelEdit.PutTag(t));
            }
            engine.edit(edits.toArray(ModelEdit[]::new));
            engine.start();
            long first = (Micros.now() - (samples + 3_600L) * S) / S * S;
            long t0 = System.nanoTime();
            for (int from = 0; from < samples; from += 10_000) {
                List<TagSample> batch = new ArrayList<>();
                for (int p = 0; p < PENS; p++) {
                    for (int i = from; i < Math.min(samples, from + 10_000); i++) {
                        batch.add(new TagSample(tags.get(p), Sample.of(first + i * S, p * 10 + 5 * Math.sin(i / (300.0 + p * 50)))));
                    }
                }
                engine.write(batch);
            }
            engine.flush();
            // The load's garbage (8 million samples written seconds ago) is the bench's, not the trend's:
            // collected now, so that the G1 cycle it would start does not run during the first draw
            // (-Dbench.keepLoadGarbage=true measures with it, as before).
            if (!Boolean.getBoolean("bench.keepLoadGarbage")) {
                System.gc();
            }
            System.out.printf("loaded %d pens x %,d samples in %.1f s%n", PENS, samples, (System.nanoTime() - t0) / 1e9);
            long last = first + (samples - 1L) * S;
            EngineProject project = new EngineProject(engine, Actor.SYSTEM);
            ok = history(project, tags, first, last) & (args.length > 1 && args[1].equals("--history-only") || live(engine, project));
        }
        System.out.println(HeadlessFx.load());
        System.exit(ok ? 0 : 1);
    }

    private static TrendView show(EngineProject project) throws Exception {
        return HeadlessFx.fx(() -> {
            TrendView v = new TrendView("bench", project, null, m -> System.out.println("error: " + m));
            Stage stage = new Stage();
            stage.setScene(new Scene(new BorderPane(v.content()), 1600, 800));
            stage.show();
            return v;
        });
    }

    /**
     * Until the complete redraw is on screen: every history read answered and drawn into the
     * chart's canvas, then two more pulses (the canvas reaches the screen in the render of the
     * pulse that drew it, and the next pulse waits for that render).
     */
    private static void awaitOnScreen(TrendView v) throws Exception {
        while (!HeadlessFx.fx(v::settled)) {
            Thread.sleep(1);
        }
        long p = PulseCounter.count();
        while (PulseCounter.count() < p + 2) {
            Thread.sleep(1);
        }
    }

    private static boolean history(EngineProject project, List<UUID> tags, long first, long last) throws Exception {
        TrendView v = show(project);
        // The clock starts when the pens are set, not when the window opens: its first layout is not the trend's.
        long shown = PulseCounter.count();
        while (PulseCounter.count() < shown + 2) {
            Thread.sleep(1);
        }
        long t0 = System.nanoTime();
        HeadlessFx.fx(() -> {
            tags.forEach(v::addPen);
            v.showPeriod(first, last, false);
            v.resetCost();
            return null;
        });
        awaitOnScreen(v);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        TrendView.PulseCost firstCost = HeadlessFx.fx(v::cost);
        System.out.printf("first draw: %.0f ms = history read %.0f ms (8 pens in parallel) + %d redraws, %.1f ms FX%n", firstMs,
                HeadlessFx.fx(v::lastReadMillis), firstCost.redraws(), firstCost.nanos() / 1e6);
        // Two passes of 20 pans and zooms: the first meets the JIT still compiling the chart's drawing
        // (JavaFX text, Marlin, JFreeChart's axes) and reads in 4 of its steps (the pens keep their
        // bins per width); the second, the trend as it is used, zooms to a new width in every step,
        // so that every step reads.
        double[] cold = panAndZoom(v, first, last, "first pass", false);
        double[] warm = panAndZoom(v, first, last, "second pass", true);
        boolean pass = firstMs < 500 && warm[1] < 100;
        System.out.printf("trend draw: 8 pens x 1,600 px, whole range: first complete draw %.0f ms (goal < 500); "
                + "pan/zoom p50 %.0f ms, p95 %.0f ms, max %.0f ms (goal p95 < 100; first pass p50 %.0f, p95 %.0f, max %.0f ms), "
                + "each until on screen: %s%n", firstMs, warm[0], warm[1], warm[2], cold[0], cold[1], cold[2], pass ? "PASS" : "FAIL");
        HeadlessFx.fx(() -> {
            v.dispose();
            return null;
        });
        return pass;
    }

    /**
     * 20 pans and zooms, each until on screen; prints each step, returns p50, p95 and max in ms.
     * {@code everyStepNew}: each step a width not shown before (each step reads).
     */
    private static double[] panAndZoom(TrendView v, long first, long last, String pass, boolean everyStepNew) throws Exception {
        double[] ms = new double[20];
        long span = last - first;
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < ms.length; i++) {
            // Alternately zoom in to a third and pan by a quarter: each period read again or found in the pens' bins.
            long from = everyStepNew ? first + (i * 7 % 16) * span / 32 : first + (i % 4) * span / 8;
            long to = everyStepNew ? from + span / (4 + i) : i % 2 == 0 ? from + span / 3 : from + span / 2;
            double readBefore = HeadlessFx.fx(v::lastReadMillis);
            long s = System.nanoTime();
            HeadlessFx.fx(() -> {
                v.resetCost();
                v.showPeriod(from, to, true);
                return null;
            });
            awaitOnScreen(v);
            ms[i] = (System.nanoTime() - s) / 1e6;
            TrendView.PulseCost c = HeadlessFx.fx(v::cost);
            double read = HeadlessFx.fx(v::lastReadMillis);
            steps.append(String.format("  %s step %2d: %4.0f ms, read %s, %d redraws %.1f ms FX%n", pass, i, ms[i],
                    read == readBefore ? "none" : String.format("%.0f ms", read), c.redraws(), c.nanos() / 1e6));
        }
        System.out.print(steps);
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(0.95 * ms.length) - 1], ms[ms.length - 1]};
    }

    private static boolean live(Engine engine, EngineProject project) throws Exception {
        ObjectDef o = ObjectDef.create(null, "Live");
        List<UUID> tags = new ArrayList<>();
        List<ModelEdit> edits = new ArrayList<>(List.of(new ModelEdit.PutObject(o)));
        for (int p = 0; p < PENS; p++) {
            TagDef t = TagDef.builder(o.id(), "Live" + p, ValueType.DOUBLE).build();
            tags.add(t.id());
            edits.add(new ModelEdit.PutTag(t));
        }
        engine.edit(edits.toArray(ModelEdit[]::new));
        TrendView v = show(project);
        HeadlessFx.fx(() -> {
            tags.forEach(v::addPen);
            v.preset(600);
            return null;
        });
        awaitOnScreen(v);
        // Ten minutes at 100 samples/s already in the rings, then 10 s of live feed at that rate.
        long now = Micros.now();
        for (int k = 0; k < 600; k++) {
            List<TagSample> batch = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                long x = now - 600 * S + (k * 100L + j) * 10_000L;
                for (int p = 0; p < PENS; p++) {
                    batch.add(new TagSample(tags.get(p), Sample.of(x, p + Math.sin(x / 7e6))));
                }
            }
            engine.write(batch);
        }
        HeadlessFx.fx(() -> {
            v.resetCost();
            return null;
        });
        long start = System.nanoTime();
        long pulses0 = PulseCounter.count();
        for (int tick = 0; tick < 100; tick++) { // 10 s, a batch every 100 ms
            long x0 = Micros.now();
            List<TagSample> batch = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                for (int p = 0; p < PENS; p++) {
                    batch.add(new TagSample(tags.get(p), Sample.of(x0 + j * 10_000L, p + Math.sin(x0 / 7e6))));
                }
            }
            engine.write(batch);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrendView.PulseCost c = HeadlessFx.fx(v::cost);
        long pulses = PulseCounter.count() - pulses0;
        double perRedraw = c.redraws() == 0 ? Double.NaN : c.nanos() / 1e6 / c.redraws();
        double perPulse = pulses == 0 ? Double.NaN : c.nanos() / 1e6 / pulses;
        boolean pass = perPulse < 3;
        System.out.printf("trend live: 8 pens x 100 samples/s, 10 min shown, %.1f s: %d redraws, %.2f ms FX time per redraw, "
                + "%.2f ms per pulse on average over %d pulses (goal < 3 ms): %s; live ring %,d bytes per pen (bounded)%n",
                seconds, c.redraws(), perRedraw, perPulse, pulses, pass ? "PASS" : "FAIL", TrendView.ringBytesPerPen());
        HeadlessFx.fx(() -> {
            v.dispose();
            return null;
        });
        return pass;
    }

    /** Counts JavaFX pulses (an AnimationTimer runs once per pulse). */
    static final class PulseCounter {
        private static final AtomicLong PULSES = new AtomicLong();

        static {
            Platform.runLater(() -> new AnimationTimer() {
                @Override
                public void handle(long now) {
                    PULSES.incrementAndGet();
                }
            }.start());
        }

        static long count() {
            return PULSES.get();
        }
    }
}
