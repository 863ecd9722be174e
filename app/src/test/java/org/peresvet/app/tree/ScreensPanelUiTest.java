package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.peresvet.app.common.MemoryTarget;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.NoDialogs;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screens list under the object tree, in a real window (headless Monocle) over an in-memory
 * model that edits like the engine: new, rename (navigation buttons follow), duplicate, delete with
 * what leads to the screen shown, each one undoable step; a double-click opens the screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreensPanelUiTest {
    private final FxRobot robot = new FxRobot();
    private final UUID overview = UUID.randomUUID();
    private final UUID detail = UUID.randomUUID();
    private final Deque<String> names = new ArrayDeque<>();
    private final List<DialogConfirm> asked = new CopyOnWriteArrayList<>();
    private final List<UUID> opened = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MemoryTarget target;
    private ModelEditor editor;
    private ScreensPanel panel;
    private boolean answer = true;

    record DialogConfirm(String header, String warning, List<String> details, boolean cancelByDefault) {
    }

    @BeforeAll
    void open() throws Exception {
        ScreenDef home = ScreenDef.of(overview, "Overview").withHome(true).withWidgets(List.of(
                WidgetDef.of("toDetail", WidgetTypes.NAVIGATION).at(10, 10).with("target", "Detail"),
                WidgetDef.group("nav", List.of(WidgetDef.of("back", WidgetTypes.NAVIGATION).at(10, 60).with("target", "detail")))));
        ScreenDef det = ScreenDef.of(detail, "Detail").withLevel(3).withWidgets(List.of(
                WidgetDef.of("up", WidgetTypes.NAVIGATION).at(10, 10).with("target", "Overview")));
        ModelSnapshot m = ModelSnapshot.of(List.of(new ObjectDef(UUID.randomUUID(), null, "Station", "")), List.of())
                .apply(List.of(ScreenDocuments.put(home), ScreenDocuments.put(det))).snapshot();
        target = new MemoryTarget(m);
        System.setProperty("testfx.setup.timeout", "60000");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            editor = new ModelEditor(target, Runnable::run, Runnable::run);
            SimpleObjectProperty<ModelSnapshot> model = new SimpleObjectProperty<>(target.model());
            editor.onApplied(c -> model.set(c.snapshot()));
            NoDialogs dialogs = new NoDialogs() {
                @Override
                public Optional<String> askText(String title, String header, String label) {
                    return Optional.ofNullable(names.poll());
                }

                @Override
                public boolean confirm(Confirmation q) {
                    asked.add(new DialogConfirm(q.header(), q.warning(), q.details(), q.cancelByDefault()));
                    return answer;
                }
            };
            TreeController tree = new TreeController(editor, model, new References(), Feedback.NONE, dialogs);
            panel = new ScreensPanel(editor, model, Feedback.NONE, dialogs);
            panel.onOpen(opened::add);
            tree.addBelow(panel.view());
            Scene scene = new Scene(tree.view(), 320, 560);
            scene.getStylesheets().add(getClass().getResource("/org/peresvet/app/styles/isa101.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private List<String> listed() throws Exception {
        return fx(() -> panel.listView().getItems().stream().map(DocumentDef::name).toList());
    }

    private DocumentDef doc(String name) {
        return target.model().findDocument(ScreenDef.KIND, name).orElseThrow();
    }

    private ScreenDef screen(String name) {
        return ScreenDocuments.read(doc(name));
    }

    private void undo() throws Exception {
        fx(() -> editor.undo().join());
    }

    @Test
    @Order(1)
    void listsTheScreensAndOpensOneOnDoubleClick() throws Exception {
        assertThat(listed()).containsExactly("Detail", "Overview");
        assertThat(fx(() -> panel.listView().lookupAll(".list-cell").stream().map(n -> ((ListCell<?>) n).getText())
                .filter(t -> t != null).toList())).contains("Overview  ⌂"); // the home screen is marked
        robot.doubleClickOn(robot.lookup(".list-cell").match(n -> "Detail".equals(((ListCell<?>) n).getText()))
                .queryAs(ListCell.class));
        await(() -> opened.equals(List.of(detail)));
    }

    @Test
    @Order(2)
    void newScreenIsOneUndoableStep() throws Exception {
        int before = target.edits;
        names.add("Trends");
        robot.clickOn("#screens-new");
        await(() -> listed().contains("Trends"));
        assertThat(target.edits).isEqualTo(before + 1);
        assertThat(screen("Trends").home()).isFalse(); // the project has a home already
        assertThat(fx(() -> panel.listView().getSelectionModel().getSelectedItem().name())).isEqualTo("Trends");
        undo();
        await(() -> !listed().contains("Trends"));
    }

    @Test
    @Order(3)
    void renameTakesTheNavigationButtonsAlongInOneStep() throws Exception {
        fx(() -> panel.select("Detail"));
        names.add("Pump detail");
        robot.clickOn("#screens-rename");
        await(() -> listed().contains("Pump detail"));
        ScreenDef ov = screen("Overview");
        assertThat(ov.widget("toDetail").orElseThrow().text("target")).isEqualTo("Pump detail");
        assertThat(ov.widget("back").orElseThrow().text("target")).isEqualTo("Pump detail"); // inside a group too
        assertThat(editor.undoLabelProperty().get()).contains("Rename screen Detail to Pump detail");
        Screenshots.save(stage.getScene(), "screens-list-renamed");
        undo();
        await(() -> listed().contains("Detail"));
        assertThat(screen("Overview").widget("toDetail").orElseThrow().text("target")).isEqualTo("Detail");
    }

    @Test
    @Order(4)
    void duplicateIsAFreeNameAndNeverTheHome() throws Exception {
        fx(() -> panel.select("Overview"));
        robot.clickOn("#screens-duplicate");
        await(() -> listed().contains("Overview copy"));
        ScreenDef copy = screen("Overview copy");
        assertThat(copy.home()).isFalse();
        assertThat(copy.id()).isNotEqualTo(overview);
        assertThat(copy.widgets()).hasSize(2);
        fx(() -> panel.select("Overview"));
        robot.clickOn("#screens-duplicate");
        await(() -> listed().contains("Overview copy 2"));
        undo();
        undo();
        await(() -> listed().equals(List.of("Detail", "Overview")));
    }

    @Test
    @Order(5)
    void deleteShowsWhatLeadsToTheScreen() throws Exception {
        // Cancelled: nothing changes; the buttons that lead to Detail were named and Cancel was the default.
        answer = false;
        fx(() -> panel.select("Detail"));
        robot.clickOn("#screens-delete");
        await(() -> asked.size() == 1);
        DialogConfirm q = asked.get(0);
        assertThat(q.header()).contains("Detail");
        assertThat(q.details()).containsExactly("Navigation button toDetail on the screen Overview",
                "Navigation button back on the screen Overview");
        assertThat(q.warning()).contains("2");
        assertThat(q.cancelByDefault()).isTrue();
        assertThat(listed()).contains("Detail");

        // The home screen: the setting is named, and Detail's way up.
        fx(() -> panel.select("Overview"));
        robot.clickOn("#screens-delete");
        await(() -> asked.size() == 2);
        assertThat(asked.get(1).details()).containsExactly(
                "It is the project's home screen (the first screen becomes home).",
                "Navigation button up on the screen Detail");

        // Confirmed: one undoable step.
        answer = true;
        int before = target.edits;
        fx(() -> panel.select("Detail"));
        robot.clickOn("#screens-delete");
        await(() -> !listed().contains("Detail"));
        assertThat(target.edits).isEqualTo(before + 1);
        Screenshots.save(stage.getScene(), "screens-list-deleted");
        undo();
        await(() -> listed().contains("Detail"));
        assertThat(screen("Detail").widgets()).hasSize(1);
    }

    @Test
    @Order(6)
    void operatorModeOnlyOpens() throws Exception {
        fx(() -> {
            panel.editableProperty().set(false);
            return null;
        });
        names.add("Nope");
        fx(() -> panel.create().join());
        assertThat(listed()).containsExactly("Detail", "Overview");
        assertThat(names).containsExactly("Nope"); // not even asked
        names.clear();
        fx(() -> {
            panel.editableProperty().set(true);
            panel.select("Overview");
            return null;
        });
        Screenshots.save(stage.getScene(), "screens-list");
        assertThat(new ArrayList<>(opened)).containsExactly(detail);
    }
}
