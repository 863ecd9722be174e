package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.peresvet.app.common.MemoryTarget;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.NoDialogs;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.mnemonic.LiveScreen;
import org.peresvet.app.mnemonic.Symbols;
import org.peresvet.app.project.LiveValues;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.Subscription;
import org.peresvet.screen.Binding;
import org.peresvet.screen.CommandDef;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.SymbolDef;
import org.peresvet.screen.SymbolDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Library symbols in the screen editor (a real window, headless Monocle, over an in-memory model
 * that edits like the engine): a pump group drawn for Pump1 saved as a symbol, placed for Pump1
 * and Pump2, its definition edited with both instances following, undo and redo, and a delete
 * that names the screens placing it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SymbolLibraryUiTest {
    private final FxRobot robot = new FxRobot();
    private final UUID pumps = UUID.randomUUID();
    private final UUID overview = UUID.randomUUID();
    private final List<String> confirmations = new ArrayList<>();
    /** How the next form is answered (fills its fields); null answers Cancel. */
    private Function<Dialog<?>, Boolean> answer;
    private Stage stage;
    private MemoryTarget target;
    private ModelEditor modelEditor;
    private ScreenEditor editor;

    private static ModelSnapshot station() {
        ObjectDef st = new ObjectDef(UUID.randomUUID(), null, "Station", "");
        ObjectDef p1 = new ObjectDef(UUID.randomUUID(), st.id(), "Pump1", "");
        ObjectDef p2 = new ObjectDef(UUID.randomUUID(), st.id(), "Pump2", "");
        List<TagDef> tags = new ArrayList<>();
        for (ObjectDef p : List.of(p1, p2)) {
            tags.add(TagDef.builder(p.id(), "Running", ValueType.BOOL).build());
            tags.add(TagDef.builder(p.id(), "Flow", ValueType.DOUBLE).build());
            tags.add(TagDef.builder(p.id(), "Start", ValueType.INT).build());
        }
        return ModelSnapshot.of(List.of(st, p1, p2), tags);
    }

    /** What an engineer drew for Pump1: the pump, its flow, its name and a start button. */
    private static List<WidgetDef> pumpGroupForPump1() {
        return List.of(
                WidgetDef.of("pump1", WidgetTypes.PUMP).at(120, 96).bindTag("running", "/Station/Pump1/Running"),
                WidgetDef.of("label1", WidgetTypes.LABEL).at(96, 160).with("text", "Pump1").with("align", "center"),
                WidgetDef.of("value1", WidgetTypes.VALUE).at(96, 192).with("units", "m³/h")
                        .bind("value", Binding.expression("{/Station/Pump1/Flow} * 3.6")),
                WidgetDef.of("start1", WidgetTypes.COMMAND).at(96, 224).with("text", "Start")
                        .withCommand(new CommandDef("/Station/Pump1/Start", "1")));
    }

    @BeforeAll
    void open() throws Exception {
        ScreenDef drawn = ScreenDef.of(pumps, "Pumps").withWidgets(pumpGroupForPump1());
        ModelSnapshot m = station().apply(List.of(put(drawn), put(ScreenDef.of(overview, "Overview")))).snapshot();
        target = new MemoryTarget(m);
        System.setProperty("testfx.setup.timeout", "60000");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            modelEditor = new ModelEditor(target, Runnable::run, Runnable::run);
            SimpleObjectProperty<ModelSnapshot> model = new SimpleObjectProperty<>(target.model());
            EditorModel em = new EditorModel(modelEditor, model);
            // live values for the preview: Pump2 runs with 10 (36 m³/h shown), Pump1 stands
            UUID running2 = m.findTag("/Station/Pump2/Running").orElseThrow().id();
            UUID flow2 = m.findTag("/Station/Pump2/Flow").orElseThrow().id();
            UUID running1 = m.findTag("/Station/Pump1/Running").orElseThrow().id();
            ValueBridge bridge = new ValueBridge();
            bridge.attach(new LiveValues() {
                @Override
                public Subscription subscribe(Consumer<List<TagSample>> listener) {
                    return new Subscription() {
                        @Override
                        public void close() {
                        }

                        @Override
                        public int pending() {
                            return 0;
                        }
                    };
                }

                @Override
                public Sample current(UUID tagId) {
                    long now = System.currentTimeMillis();
                    return tagId.equals(running2) ? Sample.of(now, 1.0) : tagId.equals(flow2) ? Sample.of(now, 10.0)
                            : tagId.equals(running1) ? Sample.of(now, 0.0) : null;
                }
            }, m);
            // the workstation's bridge follows the model too: the preview draws the symbols as they are now
            modelEditor.onApplied(c -> {
                model.set(c.snapshot());
                bridge.modelChanged(c.snapshot());
                bridge.publishModel();
            });
            editor = new ScreenEditor(em, Symbols::create, LivePreview.over(bridge), new NoDialogs() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Optional<T> ask(Dialog<T> form) {
                    if (answer == null || !answer.apply(form)) {
                        return Optional.empty();
                    }
                    return Optional.ofNullable(form.getResultConverter().call(ButtonType.OK));
                }

                @Override
                public Optional<String> askText(String title, String header, String label) {
                    return Optional.of("Pump set");
                }
            }, (title, text) -> {
                confirmations.add(text);
                return true;
            });
            em.open(pumps);
            Scene scene = new Scene((Parent) editor.content(), 1280, 800);
            scene.getStylesheets().add(getClass().getResource("/org/peresvet/app/styles/isa101.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static ModelEdit put(ScreenDef s) {
        return new ModelEdit.PutDocument(new DocumentDef(s.id(), ScreenDef.KIND, s.name(), ScreenCodec.write(s)));
    }

    @AfterEach
    void shot(TestInfo info) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "symbol-library-" + info.getTestMethod().orElseThrow().getName());
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private EditorModel model() {
        return editor.model();
    }

    private ScreenDef screen() {
        return model().screen();
    }

    private SymbolDef definition() {
        return SymbolDocuments.all(target.model).get(0);
    }

    private Point2D at(double x, double y) throws Exception {
        return fx(() -> editor.canvas().toScreen(x, y));
    }

    private void fire(String id) throws Exception {
        fx(() -> {
            ((ButtonBase) editor.content().lookup("#" + id)).fire();
            return null;
        });
    }

    /** The library's cell showing {@code name}. */
    private Node libraryCell(String name) throws Exception {
        return fx(() -> editor.library().lookupAll(".list-cell").stream()
                .filter(n -> n instanceof ListCell<?> c && c.getText() != null && c.getText().startsWith(name))
                .findFirst().orElseThrow());
    }

    /** Places the library symbol for {@code object} with a click in the library, the form, and a click on the page. */
    @SuppressWarnings("unchecked")
    private void placeFor(String object, double x, double y) throws Exception {
        answer = form -> {
            ComboBox<String> obj = (ComboBox<String>) form.getDialogPane().lookup("#param-obj");
            assertThat(obj.getItems()).contains("/Station/Pump1", "/Station/Pump2");
            obj.setValue(object);
            // choosing the object names it
            assertThat(((TextField) form.getDialogPane().lookup("#param-name")).getText()).isEqualTo(object.substring(9));
            return true;
        };
        robot.clickOn(libraryCell("Pump group"));
        await(() -> editor.canvas().armedProperty().get() != null);
        robot.clickOn(at(x, y));
        await(() -> editor.canvas().armedProperty().get() == null);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void saveAPumpGroupAsASymbol() throws Exception {
        fx(() -> {
            model().select(List.of("pump1", "label1", "value1", "start1"));
            return null;
        });
        answer = form -> {
            // the object the bindings point at is proposed
            assertThat(((ComboBox<String>) form.getDialogPane().lookup("#symbol-object")).getValue()).isEqualTo("/Station/Pump1");
            ((TextField) form.getDialogPane().lookup("#symbol-name")).setText("Pump group");
            return true;
        };
        fire("symbol-save");
        await(() -> !SymbolDocuments.all(target.model).isEmpty());
        SymbolDef def = definition();
        assertThat(def.name()).isEqualTo("Pump group");
        assertThat(def.parameters()).containsExactly("obj", "name");
        ScreenDef drawing = def.asScreen();
        assertThat(drawing.widget("pump1").orElseThrow().binding("running")).isEqualTo(Binding.tag("$(obj)/Running"));
        assertThat(drawing.widget("value1").orElseThrow().binding("value").expression()).isEqualTo("{$(obj)/Flow} * 3.6");
        assertThat(drawing.widget("label1").orElseThrow().text("text")).isEqualTo("$(name)");
        assertThat(drawing.widget("start1").orElseThrow().command().tag()).isEqualTo("$(obj)/Start");
        // the drawing starts at 0, 0; the selection became the symbol's first instance, for Pump1, where it was
        assertThat(drawing.widget("label1").orElseThrow().number("x", 0)).isEqualTo(0.0);
        await(() -> screen().widgets().size() == 1);
        WidgetDef instance = screen().widgets().get(0);
        assertThat(instance.type()).isEqualTo(WidgetTypes.SYMBOL);
        assertThat(instance.macros()).isEqualTo(Map.of("obj", "/Station/Pump1", "name", "Pump1"));
        assertThat(instance.number("x", 0)).isEqualTo(96.0);
        assertThat(model().selection()).containsExactly(instance.id());
        assertThat(model().findings()).isEmpty();
        assertThat(model().symbols()).hasSize(1);
        // drawn as the definition's widgets
        assertThat(fx(() -> ((Pane) editor.canvas().widgets().node(instance.id())).getChildren().size())).isEqualTo(4);
    }

    @Test
    @Order(2)
    void placeItForPump1AndPump2() throws Exception {
        robot.clickOn("Overview");
        await(() -> screen().id().equals(overview));
        placeFor("/Station/Pump1", 100, 100);
        await(() -> screen().widgets().size() == 1);
        placeFor("/Station/Pump2", 400, 100);
        await(() -> screen().widgets().size() == 2);
        assertThat(screen().widgets()).extracting(w -> w.macros().get("obj")).containsExactly("/Station/Pump1", "/Station/Pump2");
        ScreenDef drawn = fx(() -> model().expanded(screen()).expanded());
        assertThat(drawn.widget("symbol2.pump1").orElseThrow().binding("running")).isEqualTo(Binding.tag("/Station/Pump2/Running"));
        assertThat(drawn.widget("symbol1.label1").orElseThrow().text("text")).isEqualTo("Pump1");
        assertThat(drawn.widget("symbol2.label1").orElseThrow().text("text")).isEqualTo("Pump2");
        assertThat(model().findings()).isEmpty();
        assertThat(fx(() -> ((Pane) editor.canvas().widgets().node("symbol2")).getChildren().size())).isEqualTo(4);
        // the canvas shows each instance with its own name
        assertThat(fx(() -> texts(editor.canvas().widgets().node("symbol2")))).contains("Pump2").doesNotContain("$(name)");
        // F5: the runtime draws both from the one definition, each with its own pump's values
        robot.press(KeyCode.F5).release(KeyCode.F5);
        await(() -> editor.previewing());
        LiveScreen live = fx(() -> LivePreview.live(editor.previewNode()));
        await(() -> fx(() -> live.frame("symbol2.pump1").props().bool("running")));
        assertThat(fx(() -> live.frame("symbol1.pump1").props().bool("running"))).isFalse();
        assertThat(fx(() -> live.frame("symbol2.value1").props().number("value"))).isEqualTo(36.0);
        assertThat(fx(() -> live.frame("symbol1.label1").props().text("text"))).isEqualTo("Pump1");
        Screenshots.save(stage.getScene(), "symbol-library-preview-of-two-instances");
        robot.press(KeyCode.F5).release(KeyCode.F5);
        await(() -> !editor.previewing());
    }

    /** The texts drawn under a node. */
    private static List<String> texts(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Text t) {
            out.add(t.getText());
        } else if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(texts(c)));
        }
        return out;
    }

    @Test
    @Order(3)
    void editTheDefinitionAndBothInstancesFollow() throws Exception {
        robot.clickOn(libraryCell("Pump group"));
        // the click asked for an object (no answer: cancelled); the Edit button opens the definition
        answer = null;
        fire("symbol-edit");
        await(() -> model().symbolOpen() && screen().name().equals("Pump group"));
        assertThat(fx(() -> editor.content().lookup("#symbol-banner") != null)).isTrue();
        // its parameters have no value here, and that is no finding
        assertThat(model().findings()).isEmpty();
        // a valve for the pump's discharge, open while the pump runs, and a bigger name
        robot.clickOn("#palette-valve");
        robot.clickOn(at(64, 8));
        await(() -> screen().widget("valve1").isPresent());
        fx(() -> {
            WidgetDef v = screen().widget("valve1").orElseThrow();
            model().replace("bind", v, v.bindTag("open", "$(obj)/Running"));
            WidgetDef l = screen().widget("label1").orElseThrow();
            return model().replace("font", l, l.with("fontSize", 16.0));
        });
        await(() -> definition().asScreen().widget("valve1").map(w -> w.binding("open") != null).orElse(false));
        Screenshots.save(stage.getScene(), "symbol-library-definition-edited");
        robot.clickOn("Overview");
        await(() -> screen().id().equals(overview));
        ScreenDef drawn = fx(() -> model().expanded(screen()).expanded());
        assertThat(drawn.widget("symbol1.valve1").orElseThrow().binding("open")).isEqualTo(Binding.tag("/Station/Pump1/Running"));
        assertThat(drawn.widget("symbol2.valve1").orElseThrow().binding("open")).isEqualTo(Binding.tag("/Station/Pump2/Running"));
        assertThat(drawn.widget("symbol2.label1").orElseThrow().number("fontSize", 0)).isEqualTo(16.0);
        assertThat(fx(() -> ((Pane) editor.canvas().widgets().node("symbol1")).getChildren().size())).isEqualTo(5);
        assertThat(fx(() -> ((Pane) editor.canvas().widgets().node("symbol2")).getChildren().size())).isEqualTo(5);
        // the Pumps screen's instance (the saved selection) follows too
        ScreenDef pumpsScreen = ScreenCodec.read(pumps, "Pumps", target.model.document(pumps).orElseThrow().body());
        assertThat(model().expanded(pumpsScreen).allWidgets()).extracting(WidgetDef::id).contains("symbol1.valve1");
    }

    @Test
    @Order(4)
    void undoAndRedoEachStep() throws Exception {
        // undo the font and the valve's binding and the valve: both instances lose it at once
        fx(() -> {
            modelEditor.undo();
            modelEditor.undo();
            return null;
        });
        robot.clickOn("#tool-undo");
        await(() -> definition().asScreen().widget("valve1").isEmpty());
        await(() -> fx(() -> ((Pane) editor.canvas().widgets().node("symbol1")).getChildren().size()) == 4);
        assertThat(fx(() -> ((Pane) editor.canvas().widgets().node("symbol2")).getChildren().size())).isEqualTo(4);
        // undo the placing for Pump2, then redo it and the definition's three changes
        robot.clickOn("#tool-undo");
        await(() -> screen().widgets().size() == 1);
        robot.clickOn("#tool-redo");
        await(() -> screen().widgets().size() == 2);
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#tool-redo");
        }
        await(() -> definition().asScreen().widget("valve1").map(w -> w.binding("open") != null).orElse(false));
        await(() -> fx(() -> ((Pane) editor.canvas().widgets().node("symbol2")).getChildren().size()) == 5);
    }

    @Test
    @Order(5)
    void ungroupingAnInstanceLeavesACopyOfItsDrawing() throws Exception {
        fx(() -> {
            model().select(List.of("symbol2"));
            return null;
        });
        robot.clickOn("#tool-ungroup");
        await(() -> screen().widget("symbol2").isEmpty());
        WidgetDef pump = screen().widget("symbol2.pump1").orElseThrow();
        assertThat(pump.macros()).containsEntry("obj", "/Station/Pump2");
        assertThat(pump.expand(Map.of()).binding("running")).isEqualTo(Binding.tag("/Station/Pump2/Running"));
        assertThat(pump.number("x", 0)).isEqualTo(424.0); // where it was drawn (24 into the drawing)
        assertThat(model().findings()).isEmpty();
        robot.clickOn("#tool-undo");
        await(() -> screen().widget("symbol2").isPresent());
    }

    @Test
    @Order(6)
    void renameAndDeleteADefinitionInUseNamingItsScreens() throws Exception {
        fx(() -> {
            editor.library().getSelectionModel().select(0);
            return null;
        });
        // a rename keeps every instance: they refer to the definition by id
        fire("symbol-rename");
        await(() -> definition().name().equals("Pump set"));
        assertThat(libraryCell("Pump set")).isNotNull();
        assertThat(model().findings()).isEmpty();
        fx(() -> {
            editor.library().getSelectionModel().select(0);
            return null;
        });
        fire("symbol-delete");
        assertThat(confirmations).last().asString().contains("Pump set").contains("Overview").contains("Pumps");
        await(() -> SymbolDocuments.all(target.model).isEmpty());
        // the instances show as missing and the check says so, on each instance
        await(() -> model().findings().size() == 2);
        assertThat(model().findings()).extracting(ScreenFindings.Finding::widgetId).containsExactly("symbol1", "symbol2");
        assertThat(model().findings().get(0).message()).startsWith("no library symbol");
        Screenshots.save(stage.getScene(), "symbol-library-definition-deleted");
        robot.clickOn("#tool-undo");
        await(() -> SymbolDocuments.all(target.model).size() == 1);
        await(() -> model().findings().isEmpty());
        assertThat(fx(() -> ((Pane) editor.canvas().widgets().node("symbol2")).getChildren().size())).isEqualTo(5);
    }
}
