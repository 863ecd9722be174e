package org.peresvet.bench.ui;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Starts JavaFX headless (Monocle, software rendering) for the UI figures, and small helpers. */
final class HeadlessFx {
    private HeadlessFx() {
    }

    /** Starts the toolkit on a virtual screen of the given size. */
    static void start(int width, int height) throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", width + "x" + height + "-32");
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
    }

    /** The machine's load, to read the figures against: "load 1/5/15 min on N cores". */
    static String load() {
        String avg;
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            avg = parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            avg = "unknown";
        }
        return "machine load " + avg + " (1/5/15 min) on " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    /**
     * A plant of {@code areas} × {@code unitsPerArea} objects with {@code tagsPerUnit} manual
     * double tags each, as model edits (objects first).
     */
    static List<ModelEdit> plant(int areas, int unitsPerArea, int tagsPerUnit, List<UUID> tagIdsOut) {
        List<ModelEdit> edits = new ArrayList<>();
        ObjectDef plant = ObjectDef.create(null, "Plant");
        edits.add(new ModelEdit.PutObject(plant));
        List<TagDef> tags = new ArrayList<>();
        for (int a = 0; a < areas; a++) {
            ObjectDef area = ObjectDef.create(plant.id(), String.format("Area%02d", a));
            edits.add(new ModelEdit.PutObject(area));
            for (int u = 0; u < unitsPerArea; u++) {
                ObjectDef unit = ObjectDef.create(area.id(), String.format("Unit%03d", u));
                edits.add(new ModelEdit.PutObject(unit));
                for (int t = 0; t < tagsPerUnit; t++) {
                    TagDef tag = TagDef.builder(unit.id(), String.format("Tag%03d", t), ValueType.DOUBLE)
                            .units("bar").min(0.0).max(10.0).build();
                    tags.add(tag);
                    tagIdsOut.add(tag.id());
                }
            }
        }
        tags.forEach(t -> edits.add(new ModelEdit.PutTag(t)));
        return edits;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
