package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.dialogOver;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.shell.ShellController;
import org.peresvet.app.shell.Theme;
import org.peresvet.app.shell.UserMode;
import org.peresvet.app.shell.WorkstationApp;
import org.peresvet.engine.Engine;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.screen.ScreenCheck;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.model.Actor;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRule;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tree editor and the object view in the real window (headless Monocle), on the demo project
 * with the engine running. One window for the class; each test works on its own part of the tree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TreeEditorUiTest {
    private Stage stage;
    private WorkstationApp app;
    private ShellController shell;
    private final FxRobot robot = new FxRobot();

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

    /** What the window showed when each test ended, to see why one failed. */
    @org.junit.jupiter.api.AfterEach
    void lastScreen(org.junit.jupiter.api.TestInfo info) throws Exception {
        Screenshots.save(stage.getScene(), "end-" + info.getTestMethod().orElseThrow().getName());
        Window d = dialogOver(stage);
        if (d != null) {
            Screenshots.save(d.getScene(), "end-" + info.getTestMethod().orElseThrow().getName() + "-dialog");
            fx(() -> {
                if (d instanceof Stage s) {
                    s.close();
                }
                return null;
            });
        }
    }

    /** Clicks the button with {@code text} in the open dialog (the window may have one with the same text). */
    private void clickInDialog(String text) {
        Window d = dialogOver(stage);
        assertThat(d).as("a dialog is open").isNotNull();
        robot.clickOn(robot.from(d.getScene().getRoot()).lookup((javafx.scene.control.Button b) -> text.equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class));
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private Engine engine() {
        return app.engine();
    }

    private ModelSnapshot model() {
        return engine().model();
    }

    private UUID object(String path) {
        return model().findObject(path).orElseThrow().id();
    }

    private TagDef tag(String path) {
        return model().findTag(path).orElseThrow();
    }

    private void select(NodeRef... refs) throws Exception {
        fx(() -> {
            shell.workbench().tree().select(List.of(refs));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The visible tree cell showing {@code ref}. */
    private TreeCell<?> cell(NodeRef ref) {
        return robot.lookup(".project-tree .tree-cell").match((TreeCell<?> c) -> ref.equals(c.getItem())).query();
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), name);
    }

    private void shotDialog(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Window d = dialogOver(stage);
        assertThat(d).as("a dialog is open").isNotNull();
        Screenshots.save(d.getScene(), name);
    }

    /** The texts of the visible cells with this style class. */
    private List<String> texts(String query) {
        return robot.lookup(query).queryAll().stream().filter(n -> n instanceof Labeled)
                .map(n -> ((Labeled) n).getText()).filter(Objects::nonNull).toList();
    }

    @Test
    @Order(1)
    void createAnObjectAndAddATag() throws Exception {
        select(NodeRef.object(object("/PumpStation")));
        robot.clickOn("New object");
        await(() -> model().findObject("/PumpStation/Object").isPresent());
        UUID created = object("/PumpStation/Object");
        await(() -> shell.workbench().tree().selection().equals(List.of(NodeRef.object(created))));

        robot.clickOn("New tag");
        await(() -> model().findTag("/PumpStation/Object/Tag").isPresent());
        TagDef t = tag("/PumpStation/Object/Tag");
        await(() -> shell.workbench().tree().selection().equals(List.of(NodeRef.tag(t.id()))));
        assertThat(cell(NodeRef.tag(t.id()))).isNotNull();
        // The object view follows the tree: the new object with its new tag.
        await(() -> shell.workbench().objectView().table().getItems().size() == 1);
        assertThat(engine().current(t.id())).as("a new manual tag has no value yet").isNull();
        // The live table says so, rather than showing an empty reading.
        await(() -> texts(".quality-cell").contains("no data yet") && texts(".time-cell").contains("never written"));
        shot("tree-create-object-and-tag");
    }

    @Test
    @Order(2)
    void editAPropertyWithAnInvalidThenAValidValueThenUndoAndRedo() throws Exception {
        TagDef level = tag("/PumpStation/Tank1/Level");
        assertThat(level.max()).isEqualTo(5.0);
        select(NodeRef.tag(level.id()));
        await(() -> robot.lookup("#field-min").tryQuery().isPresent());

        TextField min = robot.lookup("#field-min").queryAs(TextField.class);
        robot.doubleClickOn(min).eraseText(min.getText().length() + 2).write("9").type(KeyCode.ENTER);
        Label error = robot.lookup("#error-min").queryAs(Label.class);
        await(error::isVisible);
        assertThat(error.getText()).isEqualTo("min 9.0 is greater than max 5.0");
        assertThat(min.getStyleClass()).contains("field-invalid");
        assertThat(tag("/PumpStation/Tank1/Level")).as("a refused edit changes nothing").isEqualTo(level);
        assertThat(min.getText()).as("the field returns to the model's value").isEqualTo("0");
        shot("property-invalid-value");

        robot.doubleClickOn(min).eraseText(min.getText().length() + 2).write("0.5").type(KeyCode.ENTER);
        await(() -> Double.valueOf(0.5).equals(tag("/PumpStation/Tank1/Level").min()));
        await(() -> !error.isVisible());
        shot("property-valid-value");

        // Undo and redo with the keyboard, the tree focused (a text box would undo its own text).
        robot.clickOn(cell(NodeRef.tag(level.id())));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> Double.valueOf(0.0).equals(tag("/PumpStation/Tank1/Level").min()));
        await(() -> "0".equals(min.getText()));
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        await(() -> Double.valueOf(0.5).equals(tag("/PumpStation/Tank1/Level").min()));
        await(() -> "0.5".equals(robot.lookup("#field-min").queryAs(TextField.class).getText()));
        assertThat(tag("/PumpStation/Tank1/Level").id()).isEqualTo(level.id());
        shot("property-undo-redo");
    }

    @Test
    @Order(3)
    void dragATagToAnotherObject() throws Exception {
        TagDef temp = tag("/PumpStation/Tank1/Temperature");
        // an object shown with Tank1's tags in the tree's height (the demo has more objects than it shows at once)
        UUID valve = object("/PumpStation/Valve1");
        select(NodeRef.tag(temp.id()));
        fx(() -> shell.workbench().tree().reveal(NodeRef.object(valve)));
        WaitForAsyncUtils.waitForFxEvents();
        Node from = cell(NodeRef.tag(temp.id()));
        Node to = cell(NodeRef.object(valve));
        robot.drag(from).dropTo(to);
        await(() -> model().tag(temp.id()).objectId().equals(valve));
        assertThat(model().tagPath(temp.id())).isEqualTo("/PumpStation/Valve1/Temperature");
        await(() -> shell.workbench().tree().selection().equals(List.of(NodeRef.tag(temp.id()))));
        shot("tree-drag-tag-to-object");
        // Undo puts it back.
        fx(() -> shell.workbench().editor().undo()).get();
        await(() -> model().tag(temp.id()).objectId().equals(object("/PumpStation/Tank1")));
    }

    @Test
    @Order(4)
    void deleteShowsTheReferencesAndAsksFirst() throws Exception {
        // The inlet: no formula of the demo reads it (deleting a pump would break the lead/lag logic's formulas).
        UUID pump2 = object("/PumpStation/Inlet");
        TagDef current = tag("/PumpStation/Inlet/Flow");
        // A stand-in finder reports a formula that uses the inlet's flow.
        UsageFinder formulas = (m, ids) -> ids.contains(current.id())
                ? List.of(new UsageFinder.Reference("formula", "/PumpStation/Power/ActivePower", m.tagPath(current.id())))
                : List.of();
        shell.workbench().references().register(formulas);
        try {
            select(NodeRef.object(pump2));
            robot.clickOn(cell(NodeRef.object(pump2)));
            robot.type(KeyCode.DELETE);
            await(() -> dialogOver(stage) != null);
            @SuppressWarnings("unchecked")
            ListView<String> refs = robot.lookup(".reference-list").queryAs(ListView.class);
            // The registered formula finder and the demo's screens (their bindings to Pump2's tags) both answer.
            assertThat(refs.getItems()).contains("formula: /PumpStation/Power/ActivePower uses /PumpStation/Inlet/Flow")
                    .anyMatch(r -> r.startsWith("screen: Overview (") && r.endsWith("uses /PumpStation/Inlet/Flow"))
                    .allMatch(r -> r.startsWith("formula: ") || r.startsWith("screen: "));
            assertThat(robot.lookup("This removes 1 object and 2 tags. History stays on disk; Undo (Ctrl+Z) brings them back.").tryQuery()).isPresent();
            shotDialog("delete-with-references");
            // Asked first: cancelling changes nothing.
            clickInDialog("Cancel");
            await(() -> dialogOver(stage) == null);
            assertThat(model().object(pump2)).isNotNull();

            robot.clickOn(cell(NodeRef.object(pump2)));
            robot.type(KeyCode.DELETE);
            await(() -> dialogOver(stage) != null);
            clickInDialog("Delete");
            await(() -> model().object(pump2) == null);
            assertThat(model().tag(current.id())).isNull();
            shot("delete-done");
            fx(() -> shell.workbench().editor().undo()).get();
            await(() -> model().object(pump2) != null && model().tag(current.id()) != null);
        } finally {
            shell.workbench().references().unregister(formulas);
        }
    }

    @Test
    @Order(5)
    void liveValuesAndAWriteWithConfirmation() throws Exception {
        UUID outlet = object("/PumpStation/Outlet");
        TagDef setpoint = tag("/PumpStation/Outlet/PressureSetpoint");
        TagDef flow = tag("/PumpStation/Outlet/Flow");
        select(NodeRef.object(outlet));
        await(() -> shell.workbench().objectView().table().getItems().size() == 4);
        // Values arrive through the bridge (the setpoint's default; the flow needs the demo's boards).
        await(() -> robot.lookup(".value-cell").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.Labeled) n).getText() != null && ((javafx.scene.control.Labeled) n).getText().endsWith("bar")));

        TableRow<?> row = robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof TagRow tr
                && tr.def().id().equals(setpoint.id())).query();
        robot.clickOn(row);
        Sample before = engine().current(setpoint.id());
        robot.clickOn(".write-button");
        await(() -> robot.lookup("#write-input").tryQuery().isPresent());
        TextField input = robot.lookup("#write-input").queryAs(TextField.class);
        robot.clickOn(input).eraseText(input.getText().length() + 2).write("99");
        await(() -> robot.lookup("#write-error").queryAs(Label.class).getText().contains("outside the range"));
        shotDialog("write-value-out-of-range");
        robot.eraseText(2).write("7.25");
        await(() -> robot.lookup("#write-error").queryAs(Label.class).getText().isEmpty());
        clickInDialog("Next…");
        await(() -> robot.lookup("Write 7.25 bar to /PumpStation/Outlet/PressureSetpoint?").tryQuery().isPresent());
        String oldText = before == null ? "—" : ValueFormat.value(setpoint, before);
        assertThat(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("Old value: " + oldText)
                && l.getText().contains("New value: 7.25 bar")).tryQuery()).isPresent();
        shotDialog("write-value-confirm");
        clickInDialog("Write");
        Label result = shell.workbench().objectView().writeResultLabel();
        await(() -> result.getText().startsWith("✓"));
        assertThat(result.getText()).isEqualTo("✓ Written and confirmed: PressureSetpoint = 7.25 bar (was " + oldText + ")");
        assertThat(engine().current(setpoint.id()).y()).isEqualTo(7.25);
        // The table shows the written value on the next pulse.
        await(() -> robot.lookup(".value-cell").queryAll().stream()
                .anyMatch(n -> "7.25 bar".equals(((javafx.scene.control.Labeled) n).getText())));
        assertThat(flow.calculated()).as("the outlet flow is calculated from the flow meter's board").isTrue();
        shot("write-value-confirmed");
        assertThat(Set.of(1)).isNotEmpty();
    }

    @Test
    @Order(5)
    void aReasonRuleAsksWhyInTheWriteConfirmationAndTheAuditKeepsIt() throws Exception {
        UUID outlet = object("/PumpStation/Outlet");
        TagDef setpoint = tag("/PumpStation/Outlet/PressureSetpoint");
        engine().security().setReasonRules(Actor.SYSTEM, List.of(new ReasonRule(Permission.WRITE_VALUES, outlet)));
        try {
            select(NodeRef.object(outlet));
            await(() -> shell.workbench().objectView().table().getItems().size() == 4);
            TableRow<?> row = robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof TagRow tr
                    && tr.def().id().equals(setpoint.id())).query();
            robot.clickOn(row);
            robot.clickOn(".write-button");
            await(() -> robot.lookup("#write-input").tryQuery().isPresent());
            TextField input = robot.lookup("#write-input").queryAs(TextField.class);
            robot.clickOn(input).eraseText(input.getText().length() + 2).write("6.5");
            await(() -> robot.lookup("#write-error").queryAs(Label.class).getText().isEmpty());
            clickInDialog("Next…");
            // The same confirmation, with a field for the reason; Write waits for one.
            await(() -> robot.lookup("#reason-input").tryQuery().isPresent());
            javafx.scene.control.Button write = robot.from(dialogOver(stage).getScene().getRoot())
                    .lookup((javafx.scene.control.Button b) -> "Write".equals(b.getText())).queryAs(javafx.scene.control.Button.class);
            assertThat(write.isDisabled()).isTrue();
            assertThat(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("A reason is required")
                    && l.getText().contains("WRITE_VALUES /PumpStation/Outlet")).tryQuery()).isPresent();
            robot.clickOn("#reason-input").write("lower pressure for the valve test");
            await(() -> !write.isDisabled());
            shotDialog("write-value-reason");
            clickInDialog("Write");
            Label result = shell.workbench().objectView().writeResultLabel();
            await(() -> result.getText().startsWith("✓") && result.getText().contains("6.5"));
            assertThat(engine().current(setpoint.id()).y()).isEqualTo(6.5);
            AuditEntry last = engine().security().audit(AuditQuery.last(1)).get(0).entry();
            assertThat(last.action()).isEqualTo("value.write");
            assertThat(last.reason()).isEqualTo("lower pressure for the valve test");
        } finally {
            engine().security().setReasonRules(Actor.SYSTEM, List.of());
        }
    }

    @Test
    @Order(5)
    void aModelEditRefusedForWantOfAReasonAsksWhyAndIsSentAgainWithIt() throws Exception {
        UUID outlet = object("/PumpStation/Outlet");
        ObjectDef before = model().object(outlet);
        engine().security().setReasonRules(Actor.SYSTEM, List.of(new ReasonRule(Permission.EDIT_MODEL, outlet)));
        try {
            CompletableFuture<ModelSnapshot.Change> done = fx(() -> shell.workbench().editor().apply("Describe Outlet",
                    List.of(new ModelEdit.PutObject(before.withDescription("outlet after the valve test")))));
            // The engine refused it (nothing changed): the person is asked why, with the rule named.
            await(() -> robot.lookup("#reason-input").tryQuery().isPresent());
            assertThat(model().object(outlet).description()).isEqualTo(before.description());
            assertThat(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("A reason is required")
                    && l.getText().contains("EDIT_MODEL /PumpStation/Outlet")).tryQuery()).isPresent();
            robot.clickOn("#reason-input").write("valve replaced");
            shotDialog("edit-model-reason");
            clickInDialog("Apply");
            done.get(10, TimeUnit.SECONDS);
            assertThat(model().object(outlet).description()).isEqualTo("outlet after the valve test");
            AuditEntry last = engine().security().audit(AuditQuery.last(1)).get(0).entry();
            assertThat(last.result()).isEqualTo("ok");
            assertThat(last.reason()).isEqualTo("valve replaced");
            assertThat(shell.workbench().editor().undoLabelProperty().get()).isEqualTo("Describe Outlet");
        } finally {
            engine().security().setReasonRules(Actor.SYSTEM, List.of());
        }
        fx(() -> shell.workbench().editor().undo()).get(10, TimeUnit.SECONDS);
        assertThat(model().object(outlet).description()).isEqualTo(before.description());
    }

    @Test
    @Order(6)
    void copyAndPasteASubtreeWithNewIdsThenFilterTheTree() throws Exception {
        UUID pump1 = object("/PumpStation/Pump1");
        UUID station = object("/PumpStation");
        robot.clickOn(cell(NodeRef.object(pump1)));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        select(NodeRef.object(station));
        robot.clickOn(cell(NodeRef.object(station)));
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        await(() -> model().findObject("/PumpStation/Pump1 (copy)").isPresent());
        TagDef original = tag("/PumpStation/Pump1/Speed");
        TagDef copied = tag("/PumpStation/Pump1 (copy)/Speed");
        assertThat(copied.id()).isNotEqualTo(original.id());
        assertThat(copied.sourceConfig()).isEqualTo(original.sourceConfig());
        assertThat(model().tagsInSubtree(object("/PumpStation/Pump1 (copy)"))).hasSize(model().tagsInSubtree(pump1).size());

        robot.clickOn(".tree-filter").write("speed");
        await(() -> robot.lookup(".pane-note").queryAll().stream()
                .anyMatch(n -> n instanceof Label l && l.isVisible() && "3 matching items".equals(l.getText())));
        shot("tree-copy-paste-and-filter");
        robot.clickOn(".tree-filter").type(KeyCode.ESCAPE);
        await(() -> shell.workbench().tree().treeView().getRoot().getChildren().size() == 1);
        fx(() -> shell.workbench().editor().undo()).get();
        await(() -> model().findObject("/PumpStation/Pump1 (copy)").isEmpty());
    }

    @Test
    @Order(7)
    void exportAndImportRunAsTasksAndTheImportIsUndoable() throws Exception {
        Path csv = java.nio.file.Files.createTempFile("tags", ".csv");
        var export = fx(() -> shell.exportTo(csv));
        await(() -> !export.runningProperty().get());
        String text = java.nio.file.Files.readString(csv);
        assertThat(text).startsWith(org.peresvet.model.io.TagCsv.HEADER).contains("/PumpStation/Tank1/Level,");
        java.nio.file.Files.writeString(csv, org.peresvet.model.io.TagCsv.HEADER + "\n/PumpStation/Tank2/Level,double,m,0,4,,,,,,,,Second tank,,,\n");
        int tags = model().tagCount();
        var imported = fx(() -> shell.importFrom(csv));
        await(() -> !imported.runningProperty().get());
        await(() -> model().findTag("/PumpStation/Tank2/Level").isPresent());
        assertThat(model().tagCount()).isEqualTo(tags + 1);
        shot("import-done");
        fx(() -> shell.workbench().editor().undo()).get();
        await(() -> model().findObject("/PumpStation/Tank2").isEmpty());
        java.nio.file.Files.deleteIfExists(csv);
    }

    @Test
    @Order(8)
    void operatorModeInTheDarkThemeEditsNothing() throws Exception {
        fx(() -> {
            shell.modeProperty().set(UserMode.OPERATOR);
            shell.themeProperty().set(Theme.DARK);
            return null;
        });
        select(NodeRef.object(object("/PumpStation/Tank1")));
        int objects = model().objectCount();
        robot.clickOn(cell(NodeRef.object(object("/PumpStation/Tank1"))));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model().objectCount()).isEqualTo(objects);
        await(() -> !robot.lookup("#field-name").queryAs(TextField.class).isEditable());
        shot("operator-mode-dark-theme");
        fx(() -> {
            shell.modeProperty().set(UserMode.ENGINEER);
            shell.themeProperty().set(Theme.ISA101);
            return null;
        });
    }

    @Test
    @Order(9)
    void renamingAnObjectRewritesTheScreensThatNameItInOneUndoableStep() throws Exception {
        // The inlet: the demo's formulas name the pumps (a rename does not rewrite formulas), its screens name both.
        UUID pump1 = object("/PumpStation/Inlet");
        List<ScreenDef> before = ScreenDocuments.all(model());
        select(NodeRef.object(pump1));
        fx(() -> {
            Platform.runLater(() -> shell.workbench().tree().rename());
            return null;
        });
        await(() -> dialogOver(stage) != null);
        Window d = dialogOver(stage);
        String follows = fx(() -> ((Label) d.getScene().getRoot().lookup("#rename-follows")).getText());
        assertThat(follows).contains("Overview").contains("Diagnostics").doesNotContain("Pump2 detail");
        fx(() -> {
            ((TextField) d.getScene().getRoot().lookup(".text-field")).setText("Intake");
            return null;
        });
        shotDialog("rename-follows-screens");
        clickInDialog("OK");
        await(() -> model().findObject("/PumpStation/Intake").isPresent());
        List<ScreenDef> after = ScreenDocuments.all(model());
        List<String> names = after.stream().map(ScreenDef::name).toList();
        for (ScreenDef s : after) {
            assertThat(ScreenCheck.problems(model(), s, names)).as(s.name()).isEmpty();
        }
        assertThat(after).isNotEqualTo(before);
        // one step: Undo brings back the name and the screens as they were
        fx(() -> shell.workbench().editor().undo()).get();
        await(() -> model().findObject("/PumpStation/Inlet").isPresent());
        assertThat(ScreenDocuments.all(model())).isEqualTo(before);
    }
}
