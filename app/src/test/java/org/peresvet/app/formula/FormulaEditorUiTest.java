package org.peresvet.app.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.common.Completion;
import org.peresvet.app.common.FormulaRef;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.UiSupport;
import org.peresvet.app.shell.ShellController;
import org.peresvet.app.shell.Theme;
import org.peresvet.app.shell.UserMode;
import org.peresvet.app.shell.WorkstationApp;
import org.peresvet.app.tree.NodeRef;
import org.peresvet.app.tree.TagRow;
import org.peresvet.engine.Engine;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The formula editor in the real window (headless Monocle) over the demo project with the engine
 * running: a calculated tag {@code /PumpStation/Tank1/SetpointDouble = {LevelSetpoint} * 2} is
 * added first; its input is a manual tag, so the test decides when it changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FormulaEditorUiTest {
    private static final String CALC = "/PumpStation/Tank1/SetpointDouble";
    private Stage stage;
    private WorkstationApp app;
    private ShellController shell;
    private final FxRobot robot = new FxRobot();
    private UUID calcId;
    private UUID setpointId;

    @BeforeAll
    void openTheDemo(@TempDir Path home) throws Exception {
        Path project = UiSupport.demoProject(home, "pump-station");
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkstationApp) FxToolkit.setupApplication(WorkstationApp.class, "--project", project.toString());
        await(() -> app.engine() != null && app.engine().status().samplesAccepted() > 0);
        shell = app.shell();
        Engine e = app.engine();
        UUID tank = e.model().findObject("/PumpStation/Tank1").orElseThrow().id();
        setpointId = e.model().findTag("/PumpStation/Tank1/LevelSetpoint").orElseThrow().id();
        TagDef calc = TagDef.builder(tank, "SetpointDouble", ValueType.DOUBLE).units("m")
                .description("Twice the setpoint (formula editor test)").formula("{LevelSetpoint} * 2").build();
        TagDef triple = TagDef.builder(tank, "SetpointTriple", ValueType.DOUBLE).formula("{SetpointDouble} * 1.5").build();
        TagDef trigger = TagDef.builder(tank, "Trigger", ValueType.BOOL).build();
        TagDef target = TagDef.builder(tank, "Target", ValueType.DOUBLE).build();
        MethodDef method = MethodDef.write("scaleLevel", tank, "Target", "{Level} * 100",
                List.of(MethodDef.Initiator.tag("Trigger", null)));
        e.edit(new ModelEdit.PutTag(calc), new ModelEdit.PutTag(triple), new ModelEdit.PutTag(trigger), new ModelEdit.PutTag(target),
                new ModelEdit.PutMethod(method));
        calcId = calc.id();
        e.write(setpointId, 2.0);
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            shell.modeProperty().set(UserMode.ENGINEER);
            shell.themeProperty().set(Theme.ISA101);
            return null;
        });
        await(() -> shell.workbench().bridge().getModel().findTag(CALC).isPresent());
    }

    @org.junit.jupiter.api.AfterEach
    void lastScreen(org.junit.jupiter.api.TestInfo info) throws Exception {
        Screenshots.save(stage.getScene(), "formula-end-" + info.getTestMethod().orElseThrow().getName());
    }

    @AfterAll
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private FormulaEditor editor() {
        return shell.workbench().tabs().screen("formula-tag-" + calcId).map(FormulaEditor.class::cast).orElse(null);
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), name);
    }

    /** Replaces the text and types {@code text} into the code area, key by key. */
    private void retype(String text) throws Exception {
        fx(() -> {
            editor().codeArea().replaceText("");
            editor().codeArea().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void opensFromTheTreeWithTheShortcut() throws Exception {
        fx(() -> {
            shell.workbench().tree().select(List.of(NodeRef.tag(calcId)));
            shell.workbench().tree().treeView().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> editor() != null);
        TabPane tabs = robot.lookup(".workspace-tabs").queryAs(TabPane.class);
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        assertThat(selected.getText()).isEqualTo("ƒ SetpointDouble");
        assertThat(editor().codeArea().getText()).isEqualTo("{LevelSetpoint} * 2");
        await(() -> editor().previewLabel().getText().equals("4.00 m"));
        assertThat(editor().model().dependents()).containsExactly("/PumpStation/Tank1/SetpointTriple");
        assertThat(editor().model().inputs()).extracting(FormulaEditorModel.InputRow::path)
                .containsExactly("/PumpStation/Tank1/LevelSetpoint");
        // The property sheet offers the same.
        assertThat(robot.lookup("Edit formula…").tryQuery()).isPresent();
        shot("formula-editor-open");
    }

    @Test
    @Order(2)
    void anErrorIsUnderlinedAtItsColumn() throws Exception {
        retype("{LevelSetpoint} * * 2");
        await(() -> editor().model().getProblem() != null);
        assertThat(editor().statusLabel().getText()).startsWith("✕ Line 1, column 19:");
        int[] range = fx(() -> editor().errorRange());
        assertThat(range).containsExactly(18, 19);
        assertThat(fx(() -> editor().codeArea().getStyleOfChar(18))).contains("fe-problem");
        assertThat(fx(() -> editor().codeArea().getStyleOfChar(17))).doesNotContain("fe-problem");
        assertThat(fx(() -> editor().codeArea().getStyleOfChar(1))).contains("fe-tag");
        assertThat(robot.lookup("#formula-code").query().getScene()).isNotNull();
        assertThat(robot.lookup(".formula-editor .button").match(n -> "Save".equals(((javafx.scene.control.Button) n).getText()))
                .queryButton().isDisabled()).isTrue();
        shot("formula-editor-error");

        retype("{LevelSetpont} + 1");
        await(() -> editor().model().getProblem() != null && !editor().model().getProblem().suggestions().isEmpty());
        assertThat(editor().model().getProblem().suggestions()).first().isEqualTo("/PumpStation/Tank1/LevelSetpoint");
        shot("formula-editor-unknown-tag");
        // A would-be cycle is named with its path before anything is saved.
        retype("{SetpointTriple} + 1");
        await(() -> editor().model().getProblem() != null && !editor().model().getProblem().cycle().isEmpty());
        assertThat(editor().statusLabel().getText()).contains("would close a cycle through /PumpStation/Tank1/SetpointTriple");
        assertThat(robot.lookup(".formula-cycle-step").queryAll()).extracting(n -> ((javafx.scene.control.Label) n).getText().substring(2).strip())
                .containsExactly("/PumpStation/Tank1/SetpointDouble", "/PumpStation/Tank1/SetpointTriple", "/PumpStation/Tank1/SetpointDouble");
        assertThat(fx(() -> editor().codeArea().getStyleOfChar(1))).contains("fe-problem");
        shot("formula-editor-cycle");
        retype("{LevelSetpont} + 1");
        await(() -> editor().model().getProblem() != null && !editor().model().getProblem().suggestions().isEmpty());
        robot.clickOn("{/PumpStation/Tank1/LevelSetpoint}");
        await(() -> editor().model().getProblem() == null);
        assertThat(editor().codeArea().getText()).isEqualTo("{/PumpStation/Tank1/LevelSetpoint} + 1");
    }

    @Test
    @Order(3)
    void anAutocompletionIsAccepted() throws Exception {
        retype("max({LevelS");
        await(() -> editor().popup().isShowing());
        assertThat(editor().proposals().getItems()).extracting(Completion::label).contains("LevelSetpoint");
        Screenshots.save(editor().popup().getScene(), "formula-editor-completion-popup");
        shot("formula-editor-completion");
        robot.type(KeyCode.ENTER);
        await(() -> editor().codeArea().getText().equals("max({LevelSetpoint}"));
        robot.write(", 2.5");
        // Functions complete with their signature and description.
        robot.write(") + ro");
        await(() -> editor().popup().isShowing());
        Completion first = editor().proposals().getItems().get(0);
        assertThat(first.label()).isEqualTo("round(x) or round(x, digits)");
        assertThat(first.description()).contains("nearest integer");
        Screenshots.save(editor().popup().getScene(), "formula-editor-function-popup");
        robot.type(KeyCode.TAB);
        robot.write("0.4)");
        await(() -> editor().codeArea().getText().equals("max({LevelSetpoint}, 2.5) + round(0.4)"));
        await(() -> editor().model().getProblem() == null);
        // The parenthesis pair at the caret is marked.
        fx(() -> {
            editor().codeArea().moveTo(3);
            return null;
        });
        assertThat(fx(() -> editor().codeArea().getStyleOfChar(3))).contains("fe-bracket");
        assertThat(fx(() -> editor().codeArea().getStyleOfChar(24))).contains("fe-bracket");
    }

    @Test
    @Order(4)
    void theLivePreviewFollowsAnInput() throws Exception {
        retype("{LevelSetpoint} * 3");
        await(() -> editor().model().getProblem() == null);
        app.engine().write(setpointId, 1.5);
        await(() -> editor().previewLabel().getText().equals("4.50 m"));
        shot("formula-editor-preview");
        app.engine().write(setpointId, 2.5);
        await(() -> editor().previewLabel().getText().equals("7.50 m"));
        await(() -> editor().model().inputs().get(0).value().equals("2.50 m"));
        // Nothing is saved while typing.
        assertThat(app.engine().model().tag(calcId).formula()).isEqualTo("{LevelSetpoint} * 2");
    }

    @Test
    @Order(5)
    void undoAndRedoStayInsideTheEditor() throws Exception {
        fx(() -> {
            editor().codeArea().requestFocus();
            editor().codeArea().moveTo(editor().codeArea().getLength());
            return null;
        });
        robot.write("9");
        await(() -> editor().codeArea().getText().equals("{LevelSetpoint} * 39"));
        int undoSteps = shell.workbench().editor().undoSteps().size();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> editor().codeArea().getText().equals("{LevelSetpoint} * 3"));
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        await(() -> editor().codeArea().getText().equals("{LevelSetpoint} * 39"));
        assertThat(shell.workbench().editor().undoSteps()).hasSize(undoSteps); // the project's undo was not touched
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> editor().codeArea().getText().equals("{LevelSetpoint} * 3"));
    }

    @Test
    @Order(6)
    void saveUpdatesTheCalculatedTagInTheLiveTable() throws Exception {
        robot.clickOn("Save");
        await(() -> "{LevelSetpoint} * 3".equals(app.engine().model().tag(calcId).formula()));
        await(() -> !editor().model().dirtyProperty().get());
        fx(() -> {
            shell.workbench().tabs().open(shell.workbench().objectView());
            shell.workbench().tree().select(List.of(NodeRef.object(app.engine().model().tag(calcId).objectId())));
            return null;
        });
        await(() -> row(calcId) != null && row(calcId).live().getSample() != null
                && Math.abs(row(calcId).live().getSample().asDouble() - 7.5) < 1e-9);
        app.engine().write(setpointId, 1.0);
        await(() -> Math.abs(row(calcId).live().getSample().asDouble() - 3.0) < 1e-9);
        await(() -> robot.lookup(".table-row-cell").match((javafx.scene.control.TableRow<?> r) ->
                r.getItem() instanceof TagRow tr && tr.def().id().equals(calcId)).tryQuery().isPresent());
        shot("formula-editor-saved-live-table");
        // The save is one undoable project step.
        assertThat(shell.workbench().editor().undoLabelProperty().get()).isEqualTo("Formula of “SetpointDouble”");
    }

    private TagRow row(UUID id) {
        return shell.workbench().objectView().table().getItems().stream().filter(r -> r.def().id().equals(id)).findFirst().orElse(null);
    }

    @Test
    @Order(7)
    void theTestBenchRunsAStatefulFormulaStepByStep() throws Exception {
        fx(() -> shell.workbench().openFormula(FormulaRef.tag(calcId)));
        retype("totalizer({LevelSetpoint})");
        await(() -> editor().model().getProblem() == null);
        fx(() -> {
            TestBench b = editor().model().bench();
            b.startAt(0, java.util.Map.of(setpointId, Sample.of(0, 2.0)));
            b.addStep();
            b.addStep();
            b.steps().get(2).value(setpointId).set("4");
            editor().model().runBench();
            return null;
        });
        await(() -> editor().model().bench().steps().get(2).result().equals("50"));
        shot("formula-editor-bench");
        // History at a past time fills the bench (the engine has stored the setpoint writes).
        fx(() -> {
            robot.lookup(".formula-bench .text-field").queryAs(javafx.scene.control.TextField.class)
                    .setText(java.time.LocalDateTime.now().plusMinutes(1).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
            return null;
        });
        app.engine().flush();
        robot.clickOn("Take values");
        await(() -> editor().model().bench().steps().size() == 1
                && "1".equals(editor().model().bench().steps().get(0).value(setpointId).get()));
    }

    @Test
    @Order(8)
    void cancelLeavesTheFormulaUnchanged() throws Exception {
        String before = app.engine().model().tag(calcId).formula();
        assertThat(editor().model().dirtyProperty().get()).isTrue();
        robot.clickOn("Cancel");
        await(() -> editor() == null);
        assertThat(app.engine().model().tag(calcId).formula()).isEqualTo(before);
    }

    @Test
    @Order(9)
    void aMethodFormulaOpensFromTheTreeContextMenuInTheDarkTheme() throws Exception {
        fx(() -> {
            shell.themeProperty().set(Theme.DARK);
            shell.workbench().tree().select(List.of(NodeRef.object(app.engine().model().findObject("/PumpStation/Tank1").orElseThrow().id())));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        // The object has one write method: Edit formula opens it.
        fx(() -> {
            shell.workbench().tree().treeView().requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        UUID methodId = app.engine().model().methods().stream().filter(m -> m.name().equals("scaleLevel")).findFirst().orElseThrow().id();
        await(() -> shell.workbench().tabs().screen("formula-method-" + methodId).isPresent());
        FormulaEditor m = (FormulaEditor) shell.workbench().tabs().screen("formula-method-" + methodId).orElseThrow();
        assertThat(m.codeArea().getText()).isEqualTo("{Level} * 100");
        fx(() -> {
            m.codeArea().requestFocus();
            m.codeArea().moveTo(m.codeArea().getLength());
            return null;
        });
        robot.write(" + \"x\"");
        await(() -> m.model().getProblem() != null);
        assertThat(m.statusLabel().getText()).contains("the tag is a double tag");
        shot("formula-editor-method-dark");
        fx(() -> {
            shell.themeProperty().set(Theme.ISA101);
            return null;
        });
    }
}
