package org.peresvet.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peresvet.app.fx.UiSupport;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The shown window has the saved layout's size, even when the window manager answers the first
 * show with another size (openbox + JavaFX 21 GTK shrank it to 200×200; here the late answer is
 * played by resizing the stage right after show, as glass does when it handles that event).
 */
class WindowPlacementTest {
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theShownWindowHasTheLayoutsSize() throws Exception {
        WindowLayout layout = WindowLayout.defaults().withBounds(40, 30, 1100, 700, false);
        stage = FxToolkit.registerPrimaryStage();
        UiSupport.fx(() -> {
            stage.setScene(new Scene(new StackPane(), layout.width(), layout.height()));
            WindowPlacement.place(stage, layout);
            stage.show();
            WindowPlacement.holdSize(stage, layout);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(UiSupport.fx(() -> new double[] {stage.getWidth(), stage.getHeight()})).containsExactly(1100, 700);
    }

    @Test
    void aWindowManagerThatAnswersShowWithAnotherSizeIsAskedAgain() throws Exception {
        WindowLayout layout = WindowLayout.defaults();
        stage = FxToolkit.registerPrimaryStage();
        UiSupport.fx(() -> {
            stage.setScene(new Scene(new StackPane(), layout.width(), layout.height()));
            WindowPlacement.place(stage, layout);
            stage.show();
            WindowPlacement.holdSize(stage, layout);
            // The window manager's late configure event: the window is 200×200 again.
            stage.setWidth(200);
            stage.setHeight(200);
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> UiSupport.fx(() -> WindowPlacement.hasSize(stage, layout.width(), layout.height())));
        assertThat(UiSupport.fx(() -> new double[] {stage.getWidth(), stage.getHeight()})).containsExactly(1280, 800);
    }

    @Test
    void aMaximizedWindowIsLeftToTheWindowManager() throws Exception {
        WindowLayout layout = WindowLayout.defaults().withBounds(40d, 30d, 1000, 600, true);
        stage = FxToolkit.registerPrimaryStage();
        UiSupport.fx(() -> {
            stage.setScene(new Scene(new StackPane(), layout.width(), layout.height()));
            WindowPlacement.place(stage, layout);
            stage.show();
            WindowPlacement.holdSize(stage, layout);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(UiSupport.fx(stage::isMaximized)).isTrue();
    }
}
