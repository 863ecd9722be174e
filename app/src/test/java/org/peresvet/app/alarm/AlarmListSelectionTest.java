package org.peresvet.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.fx;

import java.util.List;
import java.util.UUID;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.project.AlarmCommands;
import org.peresvet.model.AlarmState;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The list keeps the operator's selection when the alarms it shows change state (the rows are new objects). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlarmListSelectionTest {
    private final Alarms4Test p = new Alarms4Test();
    private final AlarmListModel model = new AlarmListModel();
    private AlarmListView view;

    @BeforeAll
    void show() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        view = fx(() -> {
            AlarmListView v = new AlarmListView(model, new AlarmListView.Context() {
                @Override
                public AlarmCommands alarms() {
                    return null;
                }

                @Override
                public UUID treeObject() {
                    return null;
                }

                @Override
                public void changed() {
                }

                @Override
                public DialogService dialogs() {
                    return null;
                }
            }, Feedback.NONE);
            stage.setScene(new Scene((javafx.scene.Parent) v.content(), 900, 400));
            stage.show();
            return v;
        });
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void selectionSurvivesARefresh() throws Exception {
        fx(() -> {
            model.update(List.of(p.view(p.levelHi, AlarmState.UNACKNOWLEDGED, 100),
                    p.view(p.currentHi, AlarmState.UNACKNOWLEDGED, 200)), p.model);
            view.table().getSelectionModel().select(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.table().getSelectionModel().getSelectedItem().id())).isEqualTo(p.currentHi.id());
        fx(() -> {
            model.update(List.of(p.view(p.levelHi, AlarmState.UNACKNOWLEDGED, 100),
                    p.view(p.currentHi, AlarmState.ACKNOWLEDGED, 200),
                    p.view(p.levelHiHi, AlarmState.UNACKNOWLEDGED, 300)), p.model);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        var selected = fx(() -> List.copyOf(view.table().getSelectionModel().getSelectedItems()));
        assertThat(selected).extracting(AlarmRow::id).containsExactly(p.currentHi.id());
        assertThat(selected.get(0).acknowledged()).isTrue();
    }
}
