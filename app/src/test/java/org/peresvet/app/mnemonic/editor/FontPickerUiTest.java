package org.peresvet.app.mnemonic.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.util.List;
import java.util.UUID;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peresvet.app.common.MemoryTarget;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.fx.NoDialogs;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.mnemonic.Symbols;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenCodec;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenDocuments;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The font picker of text-bearing widgets: the property sheet's font row (family from the system's
 * fonts, size, weight) changes the widget in one undoable step, only chosen parts reach the JSON,
 * and the runtime's symbols draw with the chosen font.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FontPickerUiTest {
    private final UUID id = UUID.randomUUID();
    private Stage stage;
    private MemoryTarget target;
    private ModelEditor modelEditor;
    private ScreenEditor editor;

    @BeforeAll
    void open() throws Exception {
        ScreenDef s = ScreenDef.of(id, "Fonts").withSize(640, 400).withWidgets(List.of(
                WidgetDef.of("title", WidgetTypes.LABEL).at(16, 16).size(400, 40).with("text", "Pump station"),
                WidgetDef.of("flow", WidgetTypes.VALUE).at(16, 80).size(220, 40).with("text", "Flow").with("units", "m3/h"),
                WidgetDef.of("state", WidgetTypes.MULTI_STATE).at(16, 140).size(160, 32),
                WidgetDef.of("start", WidgetTypes.COMMAND).at(16, 200).size(160, 40).with("text", "Start")));
        target = new MemoryTarget(ModelSnapshot.empty().apply(List.of(ScreenDocuments.put(s))).snapshot());
        System.setProperty("testfx.setup.timeout", "60000");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            modelEditor = new ModelEditor(target, Runnable::run, Runnable::run);
            SimpleObjectProperty<ModelSnapshot> model = new SimpleObjectProperty<>(target.model());
            modelEditor.onApplied(c -> model.set(c.snapshot()));
            EditorModel em = new EditorModel(modelEditor, model);
            editor = new ScreenEditor(em, Symbols::create, null, new NoDialogs(), (t, x) -> true);
            em.open(id);
            Scene scene = new Scene((Parent) editor.content(), 1280, 800);
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

    private WidgetDef widget(String wid) {
        DocumentDef d = target.model().document(id).orElseThrow();
        return ScreenDocuments.read(d).widget(wid).orElseThrow();
    }

    private String json() {
        return target.model().document(id).orElseThrow().body();
    }

    /** A family this machine has, other than the system default. */
    private static String someFamily() {
        return FontField.families().stream().filter(f -> !f.isEmpty()).filter(f -> !f.equalsIgnoreCase("System"))
                .findFirst().orElseThrow();
    }

    /** A family with a bold face here (the headless system font may have none). */
    private static String boldFamily() {
        return FontField.families().contains("DejaVu Sans") ? "DejaVu Sans" : someFamily();
    }

    private static Font fontOf(Node n) {
        if (n instanceof Text t) {
            return t.getFont();
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                Font f = fontOf(c);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    @Test
    void fontPickedInTheSheetReachesTheModelAndTheRuntime() throws Exception {
        assertThat(json()).doesNotContain("fontFamily").doesNotContain("fontWeight").doesNotContain("fontSize");
        String family = someFamily();
        fx(() -> {
            editor.model().select(List.of("flow"));
            return null;
        });
        FontField font = fx(() -> editor.sheet().font());
        assertThat(font).isNotNull();
        assertThat(fx(() -> font.family().getItems())).contains("", family);
        assertThat(fx(() -> font.size().getPromptText())).isEqualTo("auto"); // the symbol's own size
        int before = target.edits;
        fx(() -> {
            font.family().setValue(family);
            return null;
        });
        await(() -> widget("flow").text("fontFamily").equals(family));
        fx(() -> {
            FontField f = editor.sheet().font();
            f.size().setText("22");
            f.size().getOnAction().handle(null);
            return null;
        });
        await(() -> Double.valueOf(22).equals(widget("flow").number("fontSize")));
        fx(() -> {
            editor.sheet().font().weight().setValue("normal");
            return null;
        });
        await(() -> widget("flow").text("fontWeight").equals("normal"));
        assertThat(target.edits).isEqualTo(before + 3);
        assertThat(json()).contains("\"fontFamily\":\"" + family + "\"").contains("\"fontSize\":22").contains("\"fontWeight\":\"normal\"");
        // Not a number: marked, nothing changes.
        fx(() -> {
            FontField f = editor.sheet().font();
            f.size().setText("big");
            f.size().getOnAction().handle(null);
            return null;
        });
        assertThat(target.edits).isEqualTo(before + 3);

        // The label gets a bold 28, the command button a 20.
        fx(() -> {
            editor.model().select(List.of("title"));
            return null;
        });
        fx(() -> {
            FontField f = editor.sheet().font();
            f.size().setText("28");
            f.size().getOnAction().handle(null);
            return null;
        });
        // each change as a user makes them: after the one before has reached the model
        await(() -> Double.valueOf(28).equals(widget("title").number("fontSize")));
        fx(() -> {
            editor.sheet().font().family().setValue(boldFamily());
            return null;
        });
        await(() -> boldFamily().equals(widget("title").text("fontFamily")));
        fx(() -> {
            editor.sheet().font().weight().setValue("bold");
            return null;
        });
        await(() -> "bold".equals(widget("title").text("fontWeight")));
        fx(() -> {
            editor.model().select(List.of("start"));
            return null;
        });
        fx(() -> {
            FontField f = editor.sheet().font();
            f.size().setText("20");
            f.size().getOnAction().handle(null);
            return null;
        });
        await(() -> Double.valueOf(20).equals(widget("start").number("fontSize")));
        fx(() -> {
            editor.model().select(List.of("flow"));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "font-picker-sheet");

        // The runtime's symbols draw with the chosen fonts.
        Font flow = fx(() -> fontOf(Symbols.create(widget("flow"))));
        assertThat(flow.getFamily()).isEqualTo(Font.font(family, 22).getFamily());
        assertThat(flow.getSize()).isEqualTo(22.0);
        assertThat(flow.getStyle()).doesNotContainIgnoringCase("bold");
        Font title = fx(() -> {
            Node n = Symbols.create(widget("title"));
            return ((Labeled) n.lookup(".label")).getFont();
        });
        assertThat(title).isEqualTo(Font.font(boldFamily(), FontWeight.BOLD, 28));
        if (boldFamily().equals("DejaVu Sans")) {
            assertThat(title.getStyle()).containsIgnoringCase("bold");
        }
        // Unchosen parts stay the symbol's own: a 32 px multi-state is the system's bold 16 (its height decides).
        Font state = fx(() -> ((Labeled) Symbols.create(widget("state")).lookup(".label")).getFont());
        assertThat(state).isEqualTo(Font.font("System", FontWeight.BOLD, 16));
        // A control is styled (a style sheet would win over a set font): on the canvas, its font is the 20.
        Button start = fx(() -> (Button) editor.canvas().widgets().node("start").lookup(".button"));
        assertThat(fx(() -> start.getFont().getSize())).isEqualTo(20.0);
        assertThat(fx(() -> ((Button) Symbols.create(widget("state")).lookup(".button")))).isNull();

        // Undo, step by step, back to the symbols' own fonts and a JSON without font keys.
        for (int i = 0; i < 7; i++) {
            fx(() -> modelEditor.undo().join());
        }
        await(() -> !json().contains("font"));
        assertThat(ScreenCodec.write(ScreenDocuments.read(target.model().document(id).orElseThrow()))).doesNotContain("font");
    }
}
