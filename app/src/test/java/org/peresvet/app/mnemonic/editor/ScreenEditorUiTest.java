package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
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
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.mnemonic.Symbols;
import org.peresvet.app.project.LiveValues;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.runtime.Subscription;
import org.peresvet.screen.Binding;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screen editor in a real window (headless Monocle) over an in-memory model that edits like
 * the engine (all or nothing, undo through the workstation's {@link ModelEditor}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreenEditorUiTest {
    private final FxRobot robot = new FxRobot();
    private final UUID overview = UUID.randomUUID();
    private final UUID detail = UUID.randomUUID();
    private final UUID bad = UUID.randomUUID();
    private Stage stage;
    private MemoryTarget target;
    private ModelEditor modelEditor;
    private ScreenEditor editor;
    private final List<String> confirmations = new ArrayList<>();
    private ValueBridge bridge;
    /** What the file dialog answers, or null for "cancelled". */
    private Path pictureFile;

    @BeforeAll
    void open() throws Exception {
        ModelSnapshot m = ScreenFindingsTest.model().apply(List.of(
                put(ScreenDef.of(overview, "Overview")), put(ScreenDef.of(detail, "Detail")),
                put(ScreenFindingsTest.badScreen().withName("Bad checks").withWidgets(ScreenFindingsTest.badScreen().widgets()), bad)))
                .snapshot();
        target = new MemoryTarget(m);
        // The build machine is shared and often loaded: give the toolkit time to come up.
        System.setProperty("testfx.setup.timeout", "60000");
        stage = FxToolkit.registerPrimaryStage();
        // Built on the FX thread with a generous wait: the first scene of a loaded machine is slow.
        FxToolkit.setupFixture(() -> {
            modelEditor = new ModelEditor(target, Runnable::run, Runnable::run);
            SimpleObjectProperty<ModelSnapshot> model = new SimpleObjectProperty<>(target.model());
            modelEditor.onApplied(c -> model.set(c.snapshot()));
            EditorModel em = new EditorModel(modelEditor, model);
            // Live values for the preview: the flow reads 12.5 m3/h.
            UUID flow = m.findTag("/Station/P1/Flow").orElseThrow().id();
            bridge = new ValueBridge();
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
                    return tagId.equals(flow) ? Sample.of(System.currentTimeMillis(), 12.5) : null;
                }
            }, m);
            editor = new ScreenEditor(em, Symbols::create, LivePreview.over(bridge), new NoDialogs() {
                @Override
                public Optional<Path> openFile(String title, List<FileType> types) {
                    return Optional.ofNullable(pictureFile);
                }
            }, (title, text) -> {
                confirmations.add(text);
                return true;
            });
            em.open(overview);
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

    private static ModelEdit put(ScreenDef s, UUID id) {
        ScreenDef withId = new ScreenDef(id, s.name(), s.width(), s.height(), s.background(), s.level(), s.home(), s.widgets());
        return put(withId);
    }

    @AfterEach
    void shot(TestInfo info) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "screen-editor-" + info.getTestMethod().orElseThrow().getName());
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

    private Point2D at(double x, double y) throws Exception {
        return fx(() -> editor.canvas().toScreen(x, y));
    }

    /** Puts all but the last character into the field at once, then types the last one (the robot types slowly). */
    private void typeInto(BindingField f, String text) throws Exception {
        robot.clickOn(f.field());
        fx(() -> {
            f.field().setText(text.substring(0, text.length() - 1));
            f.field().positionCaret(text.length() - 1);
            return null;
        });
        robot.write(text.substring(text.length() - 1));
    }

    @Test
    @Order(1)
    void placeFromThePalette() throws Exception {
        robot.clickOn("#palette-pump");
        robot.clickOn(at(101, 99));
        await(() -> screen().widgets().size() == 1);
        WidgetDef pump = screen().widgets().get(0);
        assertThat(pump.type()).isEqualTo(WidgetTypes.PUMP);
        assertThat(pump.number("x", 0)).isEqualTo(104.0); // snapped to the 8-unit grid
        assertThat(pump.number("y", 0)).isEqualTo(96.0);
        assertThat(model().selection()).containsExactly("pump1");
        robot.clickOn("#palette-valve");
        robot.clickOn(at(300, 200));
        robot.clickOn("#palette-tank");
        robot.clickOn(at(500, 120));
        await(() -> screen().widgets().size() == 3);
    }

    @Test
    @Order(2)
    void moveWithOneEditPerDrag() throws Exception {
        int steps = modelEditor.undoSteps().size();
        robot.drag(at(128, 120), MouseButton.PRIMARY).moveTo(at(160, 140)).moveTo(at(178, 161)).release(MouseButton.PRIMARY);
        await(() -> screen().widget("pump1").orElseThrow().number("x", 0) != 104.0);
        WidgetDef pump = screen().widget("pump1").orElseThrow();
        assertThat(pump.number("x", 0) % 8).isZero();
        assertThat(pump.number("x", 0)).isEqualTo(152.0); // 104 + 50 → 154 → grid 152
        assertThat(modelEditor.undoSteps()).hasSize(steps + 1);
        // Arrow keys nudge by one unit.
        robot.type(KeyCode.RIGHT);
        await(() -> screen().widget("pump1").orElseThrow().number("x", 0) == 153.0);
    }

    @Test
    @Order(3)
    void resizeWithSnapToTheGrid() throws Exception {
        fx(() -> {
            model().select(List.of("tank1"));
            return null;
        });
        Box b = fx(() -> model().layout().box("tank1"));
        robot.drag(at(b.right(), b.bottom()), MouseButton.PRIMARY).moveTo(at(b.right() + 20, b.bottom() + 10))
                .moveTo(at(b.right() + 37, b.bottom() + 21)).release(MouseButton.PRIMARY);
        await(() -> fx(() -> model().layout().box("tank1").w()) != b.w());
        Box after = fx(() -> model().layout().box("tank1"));
        assertThat(after.x()).isEqualTo(b.x());
        assertThat(after.right() % 8).isZero();
        assertThat(after.bottom() % 8).isZero();
        assertThat(after.w()).isBetween(b.w() + 30, b.w() + 44);
    }

    @Test
    @Order(4)
    void alignAndDistribute() throws Exception {
        fx(() -> {
            model().selectAll();
            return null;
        });
        robot.clickOn("#tool-alignTop");
        await(() -> fx(() -> model().layout().boxes().values().stream().map(Box::y).distinct().count()) == 1);
        robot.clickOn("#tool-distributeH");
        List<Box> boxes = fx(() -> model().layout().boxes().values().stream().sorted((p, q) -> Double.compare(p.x(), q.x())).toList());
        assertThat(boxes.get(1).x() - boxes.get(0).right()).isCloseTo(boxes.get(2).x() - boxes.get(1).right(), Offset.offset(0.01));
    }

    @Test
    @Order(5)
    void groupTheSelection() throws Exception {
        fx(() -> {
            model().select(List.of("pump1", "valve1"));
            return null;
        });
        robot.clickOn("#tool-group");
        await(() -> screen().widget("group1").isPresent());
        assertThat(screen().widgets()).extracting(WidgetDef::id).contains("group1", "tank1").doesNotContain("pump1");
        assertThat(screen().widget("group1").orElseThrow().children()).hasSize(2);
        assertThat(model().selection()).containsExactly("group1");
    }

    @Test
    @Order(6)
    void undoToTheStartAndRedo() throws Exception {
        int steps = modelEditor.undoSteps().size();
        assertThat(steps).isGreaterThanOrEqualTo(8);
        for (int i = 1; i < steps; i++) {
            fx(() -> modelEditor.undo());
        }
        robot.clickOn("#tool-undo");
        await(() -> !modelEditor.canUndoProperty().get());
        assertThat(screen().widgets()).isEmpty();
        robot.clickOn("#tool-redo");
        await(() -> screen().widgets().size() == 1);
        Screenshots.save(stage.getScene(), "screen-editor-after-undo-and-one-redo");
        for (int i = 1; i < steps; i++) {
            fx(() -> modelEditor.redo());
        }
        await(() -> screen().widget("group1").isPresent());
    }

    @Test
    @Order(7)
    void copyToAnotherScreen() throws Exception {
        fx(() -> {
            model().select(List.of("group1", "tank1"));
            return null;
        });
        robot.clickOn("#tool-copy");
        robot.clickOn("Detail");
        await(() -> screen().id().equals(detail));
        robot.clickOn("#tool-paste");
        await(() -> screen().widgets().size() == 2);
        assertThat(screen().widget("group1").orElseThrow().children()).extracting(WidgetDef::id).containsExactly("pump1", "valve1");
        DocumentDef stored = target.model.document(detail).orElseThrow();
        assertThat(ScreenCodec.read(detail, "Detail", stored.body()).allWidgets()).hasSize(4);
    }

    @Test
    @Order(8)
    void bindAValueWithCompletion() throws Exception {
        fx(() -> {
            model().place(WidgetTypes.VALUE, 400, 400);
            return null;
        });
        BindingField f = fx(() -> editor.sheet().binding("value"));
        typeInto(f, "{/Station/P1/Fl");
        await(() -> f.popup().isShowing());
        List<String> offered = fx(() -> f.popup().getItems().stream()
                .map(i -> ((Label) ((CustomMenuItem) i).getContent()).getText()).toList());
        assertThat(offered).anyMatch(s -> s.startsWith("/Station/P1/Flow"));
        Screenshots.save(stage.getScene(), "screen-editor-binding-completion");
        robot.clickOn(offered.stream().filter(s -> s.startsWith("/Station/P1/Flow ")).findFirst()
                .orElse(offered.stream().filter(s -> s.startsWith("/Station/P1/Flow")).findFirst().orElseThrow()));
        await(() -> f.field().getText().equals("{/Station/P1/Flow}"));
        robot.type(KeyCode.ENTER);
        await(() -> Binding.tag("/Station/P1/Flow").equals(screen().widget("value1").orElseThrow().binding("value")));
    }

    @Test
    @Order(9)
    void aBrokenExpressionIsShownAtOnce() throws Exception {
        BindingField f = fx(() -> editor.sheet().binding("value"));
        typeInto(f, "{/Station/P1/Flow} * * 3.6");
        await(() -> f.problemLabel().isVisible());
        assertThat(f.problemLabel().getText()).contains("column");
        robot.type(KeyCode.ESCAPE);
        robot.type(KeyCode.ENTER);
        // Refused: the stored binding is still the tag.
        assertThat(screen().widget("value1").orElseThrow().binding("value")).isEqualTo(Binding.tag("/Station/P1/Flow"));
        Screenshots.save(stage.getScene(), "screen-editor-broken-expression");
    }

    @Test
    @Order(10)
    void eachScreenCheckFiresOnThePreparedBadScreen() throws Exception {
        robot.clickOn("Bad checks");
        await(() -> screen().id().equals(bad));
        await(() -> fx(() -> editor.checks().getItems().size()) >= 7); // the checks run in the background
        List<ScreenFindings.Kind> kinds = fx(() -> editor.checks().getItems().stream().map(ScreenFindings.Finding::kind).toList());
        assertThat(kinds).contains(ScreenFindings.Kind.MISSING_TAG, ScreenFindings.Kind.BAD_EXPRESSION,
                ScreenFindings.Kind.READ_ONLY_COMMAND, ScreenFindings.Kind.NORMAL_COLOUR, ScreenFindings.Kind.SMALL_TEXT,
                ScreenFindings.Kind.OUTSIDE, ScreenFindings.Kind.OVERLAPPING_COMMANDS);
        robot.clickOn(robot.lookup(n -> n instanceof ListCell<?> c && c.getText() != null
                && c.getText().startsWith("Command on a read-only tag")).queryAs(ListCell.class));
        await(() -> model().selection().equals(List.of("calc")));
    }

    @Test
    @Order(11)
    void importAnSvgAndBindAnElementById() throws Exception {
        robot.clickOn("Overview");
        await(() -> screen().id().equals(overview));
        SvgImport.Result r = fx(() -> editor.importSvg("pump.svg", SvgImportTest.PUMP_SVG.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.parts()).contains("pumpBody");
        await(() -> screen().widget("pumpBody").isPresent());
        fx(() -> {
            model().jumpTo("pumpBody");
            return null;
        });
        BindingField fill = fx(() -> editor.sheet().binding("fill"));
        typeInto(fill, "if({/Station/P1/Running}, \"#FFFFFF\", \"#808080\")");
        robot.type(KeyCode.ESCAPE);
        await(() -> !fill.problemLabel().isVisible());
        robot.type(KeyCode.ENTER);
        await(() -> screen().widget("pumpBody").orElseThrow().binding("fill") != null);
        assertThat(screen().widget("pumpBody").orElseThrow().binding("fill").isTag()).isFalse();
    }

    @Test
    @Order(12)
    void previewAndBackInOneKeystroke() throws Exception {
        fx(() -> {
            model().open(detail); // its value widget is bound to the flow
            editor.canvas().view().requestFocus();
            return null;
        });
        robot.type(KeyCode.F5);
        await(() -> editor.previewing());
        // The runtime runs the screen: the value bound to the flow shows the live 12.5.
        await(() -> fx(() -> showsText(editor.previewNode(), "12.5")));
        assertThat(bridge.watchedCount()).isPositive();
        Screenshots.save(stage.getScene(), "screen-editor-preview");
        robot.type(KeyCode.F5);
        await(() -> !editor.previewing());
        assertThat(bridge.watchedCount()).isZero(); // back to editing: the preview no longer watches
        robot.type(KeyCode.F5);
        await(() -> editor.previewing());
        robot.type(KeyCode.ESCAPE);
        await(() -> !editor.previewing());
    }

    @Test
    @Order(13)
    void deleteAScreenShowsWhatLeadsToIt() throws Exception {
        fx(() -> {
            model().open(overview);
            model().place(WidgetTypes.NAVIGATION, 600, 600);
            WidgetDef nav = model().screen().widget("navigationButton1").orElseThrow();
            model().replace("target", nav, nav.with("target", "Detail"));
            editor.deleteScreen(model().screens().stream().filter(d -> d.id().equals(detail)).findFirst().orElseThrow());
            return null;
        });
        assertThat(confirmations).anyMatch(t -> t.contains("Overview: navigationButton1"));
        await(() -> target.model.document(detail).isEmpty());
    }

    @Test
    @Order(14)
    void chooseAPictureThatTheScreenEmbeds() throws Exception {
        // A 2 x 2 PNG, as a drawing program would save it.
        pictureFile = Files.createTempFile("peresvet-picture", ".png");
        Files.write(pictureFile, Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGNQSDgARAwQCgAgjgUB59mTewAAAABJRU5ErkJggg=="));
        fx(() -> {
            model().open(overview);
            model().place(WidgetTypes.IMAGE, 560, 320);
            return null;
        });
        String id = fx(() -> model().selection().get(0));
        robot.clickOn("#sheet-choose-image");
        await(() -> screen().widget(id).orElseThrow().text("source").startsWith("data:image/png;base64,"));
        // The canvas shows the picture through the runtime's symbol: it loads from the data URI.
        await(() -> fx(() -> editor.canvas().widgets().node(id).lookupAll(".image-view").stream()
                .anyMatch(n -> n instanceof ImageView v && v.getImage() != null && !v.getImage().isError())));
        assertThat(fx(() -> editor.sheet().view().lookupAll(".text-field").stream()
                .anyMatch(n -> n instanceof TextField f && f.getText().startsWith("(picture")))).isTrue();
        Files.deleteIfExists(pictureFile);
    }

    /** Whether a text node under {@code n} shows {@code wanted}. */
    private static boolean showsText(Node n, String wanted) {
        if (n instanceof Text t && t.getText() != null && t.getText().contains(wanted)) {
            return true;
        }
        return n instanceof Parent p && p.getChildrenUnmodifiable().stream().anyMatch(c -> showsText(c, wanted));
    }
}
