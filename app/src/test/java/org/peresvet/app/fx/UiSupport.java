package org.peresvet.app.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Window;
import org.peresvet.engine.Engine;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers shared by the UI tests. */
public final class UiSupport {
    private UiSupport() {
    }

    /** A project folder seeded with the demo project. */
    public static Path demoProject(Path parent, String name) throws Exception {
        Path project = parent.resolve(name);
        Files.createDirectories(project);
        try (var seed = Engine.exampleSeed("pump-station")) {
            Files.copy(seed, project.resolve("project.json"));
        }
        return project;
    }

    /** Waits (generously: the build machine is shared) until the condition holds. */
    public static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs on the FX thread and returns the result. */
    public static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** The focused window that is not {@code main}: an open dialog. */
    public static Window dialogOver(Window main) {
        return Window.getWindows().stream().filter(w -> w != main && w.isShowing()).reduce((a, b) -> b).orElse(null);
    }
}
