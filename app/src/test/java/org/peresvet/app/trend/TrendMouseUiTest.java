package org.peresvet.app.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TreeCell;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.shell.ShellController;
import org.peresvet.app.shell.Theme;
import org.peresvet.app.shell.UserMode;
import org.peresvet.app.shell.WorkstationApp;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The trend under a real mouse, in the workstation with the pump-station demo: drag a tag from the tree onto it, drag to zoom. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrendMouseUiTest {
    private final FxRobot robot = new FxRobot();
    private WorkstationApp app;
    private Stage stage;
    private ShellController shell;

    @BeforeAll
    void openTheDemo(@TempDir Path home) throws Exception {
        Path project = UiSupport.demoProject(home, "pump-station");
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class, "--project", project.toString());
        await(() -> app.engine() != null && app.engine().status().samplesAccepted() > 0);
        shell = app.shell();
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            shell.modeProperty().set(UserMode.ENGINEER);
            shell.themeProperty().set(Theme.ISA101);
            return null;
        });
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void dragATagFromTheTreeOntoTheTrendThenDragToZoom() throws Exception {
        // A tag the test may write history to (the demo's Tank1/Level is calculated from its board).
        TagDef level = app.engine().model().findTag("/PumpStation/Tank1/LevelSetpoint").orElseThrow();
        TrendView view = fx(() -> shell.workbench().openTrend(List.of()));
        fx(() -> shell.workbench().tree().reveal(NodeRef.tag(level.id())));
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".project-tree .tree-cell").match((TreeCell<?> c) -> NodeRef.tag(level.id()).equals(c.getItem())).query();
        Node chart = robot.lookup("#trend-chart").query();
        robot.drag(cell).dropTo(chart);
        await(() -> fx(() -> view.pens().stream().map(TrendPen::tagId).toList()).equals(List.of(level.id())));
        await(() -> fx(view::settled));

        // Dropped, the trend still shows the last ten minutes, live.
        Screenshots.save(stage.getScene(), "trend-mouse-dropped");
        assertThat(fx(view::live)).isTrue();
        long[] dropped = fx(view::shown);
        assertThat(dropped[1] - dropped[0]).isEqualTo(600_000_000L);

        // The last minute (the demo has just started: a minute of level written here), then drag to zoom:
        // press at a third of the width, release at two thirds.
        long now = Micros.now();
        List<TagSample> minute = new ArrayList<>();
        for (int i = 60; i > 0; i--) {
            minute.add(new TagSample(level.id(), Sample.of(now - i * Micros.PER_SECOND, 2.0 + Math.sin(i / 9.0))));
        }
        app.engine().write(minute);
        fx(() -> {
            view.showPeriod(now - 60 * Micros.PER_SECOND, now, true);
            return null;
        });
        await(() -> fx(view::settled));
        long[] before = fx(view::shown);
        int depth = fx(view::zoomDepth);
        Bounds b = fx(() -> chart.localToScreen(chart.getBoundsInLocal()));
        Point2D from = new Point2D(b.getMinX() + b.getWidth() / 3, b.getMinY() + b.getHeight() / 3);
        Point2D to = new Point2D(b.getMinX() + 2 * b.getWidth() / 3, b.getMinY() + 2 * b.getHeight() / 3);
        robot.drag(from, MouseButton.PRIMARY).moveTo(from.add(20, 10)).moveTo(to).release(MouseButton.PRIMARY);
        await(() -> fx(view::zoomDepth) > depth);
        long[] after = fx(view::shown);
        assertThat(after[1] - after[0]).isLessThan((before[1] - before[0]) / 2);
        assertThat(after[0]).isGreaterThan(before[0]);
        await(() -> fx(view::settled));
        assertThat(fx(() -> view.valueAt(0, (after[0] + after[1]) / 2000.0))).isBetween(1.0, 3.0);
        Screenshots.save(stage.getScene(), "trend-mouse-zoomed");
    }
}
