package org.peresvet.bench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.peresvet.app.fx.Views;
import org.peresvet.app.shell.LayoutStore;
import org.peresvet.app.shell.ShellController;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;

/**
 * Figure: opening a project of 10,000 tags, the tree is visible and responsive in under 1 s after
 * the engine is up; the tree and the tables are virtualized (cells exist only for visible rows).
 *
 * <p>Builds a project of 10 areas × 10 units × 100 tags, then opens it in the real workstation
 * window (headless Monocle) and reports: engine start, engine-up → window showing the project
 * (first frame after the tree is filled), and the time to answer three actions once open (select
 * a unit with 100 tags deep in the tree, filter the tree by name, clear the filter), each until
 * the next frame. Run like {@link BridgeBench}:
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" org.peresvet.bench.ui.TreeOpenBench
 * </pre>
 */
public final class TreeOpenBench {
    private TreeOpenBench() {
    }

    public static void main(String[] args) throws Exception {
        HeadlessFx.start(1280, 800);
        Path home = Files.createTempDirectory("peresvet-tree-bench");
        Path dir = home.resolve("plant");
        System.setProperty("peresvet.home", home.toString());
        try {
            long t0 = System.nanoTime();
            try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
                e.edit(HeadlessFx.plant(10, 10, 100, new ArrayList<>()));
            }
            System.out.printf(Locale.ROOT, "Project built: 10,000 tags in 111 objects (%d ms)%n", (System.nanoTime() - t0) / 1_000_000);

            Stage[] stage = new Stage[1];
            ShellController shell = HeadlessFx.fx(() -> {
                Stage s = new Stage();
                ShellController c = new ShellController(s, new LayoutStore(home.resolve("workstation.json")));
                Parent root = Views.load("workstation.fxml", c);
                s.setScene(new Scene(root, 1280, 800));
                c.applyTheme(c.themeProperty().get());
                c.apiConfig(null); // the HTTP API is not part of this figure
                s.show();
                stage[0] = s;
                return c;
            });
            HeadlessFx.fx(() -> {
                shell.open(dir);
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (shell.lastOpenTimings() == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            var open = shell.lastOpenTimings();
            long frame = nextFrame();
            double visibleMs = (frame - open.engineUpNanos()) / 1e6;
            int treeCells = HeadlessFx.fx(() -> countTreeCells(stage[0].getScene()));
            System.out.printf(Locale.ROOT, "Engine open and running: %d ms%n", open.engineMillis());
            System.out.printf(Locale.ROOT, "Engine up -> project shown (tree filled, object view on the first object): %d ms; first frame after it: %.0f ms after engine up%n",
                    open.windowMillis(), visibleMs);
            System.out.printf(Locale.ROOT, "Tree: %d cells in the scene graph for %d tags (virtualized)%n", treeCells, 10_000);

            // Responsiveness: three actions, each timed until the frame that shows the result.
            UUID unit = shell.engine().model().findObject("/Plant/Area07/Unit007").orElseThrow().id();
            long a0 = System.nanoTime();
            HeadlessFx.fx(() -> {
                shell.workbench().tree().select(List.of(NodeRef.object(unit)));
                return null;
            });
            long a1 = nextFrame();
            int tableRows = HeadlessFx.fx(() -> (int) stage[0].getScene().getRoot().lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof TableRow<?> r && !r.isEmpty()).count());
            int items = HeadlessFx.fx(() -> shell.workbench().objectView().table().getItems().size());
            System.out.printf(Locale.ROOT, "Select /Plant/Area07/Unit007 (expands 2 levels, shows 100 tags live): %.0f ms; table: %d rows with content for %d items (virtualized)%n",
                    (a1 - a0) / 1e6, tableRows, items);

            long f0 = System.nanoTime();
            HeadlessFx.fx(() -> {
                TextField filter = (TextField) stage[0].getScene().getRoot().lookup(".tree-filter");
                filter.setText("Tag050");
                filter.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                        javafx.scene.input.KeyCode.ENTER, false, false, false, false));
                return null;
            });
            long f1 = nextFrame();
            System.out.printf(Locale.ROOT, "Filter the tree by \"Tag050\" (100 matches of 10,111 items): %.0f ms%n", (f1 - f0) / 1e6);
            long c0 = System.nanoTime();
            HeadlessFx.fx(() -> {
                TextField filter = (TextField) stage[0].getScene().getRoot().lookup(".tree-filter");
                filter.setText("");
                filter.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                        javafx.scene.input.KeyCode.ENTER, false, false, false, false));
                return null;
            });
            long c1 = nextFrame();
            System.out.printf(Locale.ROOT, "Clear the filter: %.0f ms%n", (c1 - c0) / 1e6);
            System.out.println("Measured with " + HeadlessFx.load());
            System.out.printf(Locale.ROOT, "FIGURE tree open, 10,000 tags: project shown %.0f ms after the engine is up (target < 1000 ms); select %.0f ms, filter %.0f ms%n",
                    visibleMs, (a1 - a0) / 1e6, (f1 - f0) / 1e6);
            System.out.printf(Locale.ROOT, "%s tree open: %.0f ms after the engine is up (target < 1000 ms)%n",
                    visibleMs < 1000 ? "PASS" : "FAIL", visibleMs);
            HeadlessFx.fx(() -> {
                stage[0].close();
                return null;
            });
            Engine e = shell.engine();
            if (e != null) {
                e.close();
            }
        } finally {
            HeadlessFx.deleteTree(home);
            javafx.application.Platform.exit();
        }
    }

    /** Waits for the end of the next pulse (a frame) and returns its time. */
    private static long nextFrame() throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        HeadlessFx.fx(() -> {
            new AnimationTimer() {
                int seen;

                @Override
                public void handle(long now) {
                    // The second pulse starts after the first one's CSS, layout and render hand-over.
                    if (++seen == 2) {
                        stop();
                        done.complete(System.nanoTime());
                    }
                }
            }.start();
            return null;
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    private static int countTreeCells(Scene scene) {
        return (int) scene.getRoot().lookupAll(".tree-cell").stream().filter(n -> n instanceof TreeCell<?>).count();
    }
}
