package org.peresvet.app.mnemonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.testfx.api.FxToolkit;

/**
 * SVG pictures in the image symbol are drawn as vector shapes scaled to the box (paths, basic
 * shapes, groups with inherited style and transforms); a hostile or broken file is refused with
 * the reason on the symbol. Screenshot target/screenshots/screen-image-svg.png.
 */
class SvgImageTest {
    /** A valve-like drawing: a path, basic shapes, a group with a transform and style, text. */
    static final String VALVE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
              <title>valve</title>
              <rect x="2" y="2" width="196" height="96" rx="8" fill="#EEEEEE" stroke="#666666" stroke-width="2"/>
              <path id="body" d="M 20 30 L 100 60 L 20 90 Z M 180 30 L 100 60 L 180 90 Z" fill="#3C3C3C" stroke="black"/>
              <g transform="translate(100 20)" style="fill:none;stroke:#333333;stroke-width:3">
                <line x1="0" y1="0" x2="0" y2="40"/>
                <circle cx="0" cy="0" r="12" fill="white"/>
              </g>
              <polyline points="10,10 40,10 40,20" stroke="red" fill="none"/>
              <text x="150" y="20" font-size="12" fill="#333333">V-101</text>
            </svg>
            """;

    @Test
    void anSvgPictureIsDrawnAsShapesScaledToTheBox(@TempDir Path dir) throws Exception {
        Path svg = Files.writeString(dir.resolve("valve.svg"), VALVE, StandardCharsets.UTF_8);
        Path bad = Files.writeString(dir.resolve("evil.svg"), "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>", StandardCharsets.UTF_8);
        ScreenDef screen = ScreenDef.of(UUID.randomUUID(), "Pictures").withSize(660, 260).withWidgets(List.of(
                WidgetDef.of("wide", WidgetTypes.IMAGE).at(20, 20).size(400, 200).with("source", svg.toString()),
                WidgetDef.of("small", WidgetTypes.IMAGE).at(440, 20).size(100, 100).with("source", svg.toUri().toString())
                        .with("preserveRatio", true),
                WidgetDef.of("evil", WidgetTypes.IMAGE).at(440, 140).size(200, 100).with("source", bad.toString())));
        FxToolkit.registerPrimaryStage();
        Stage stage = FxToolkit.setupStage(s -> { });
        LiveScreen live = fx(() -> {
            LiveScreen l = new LiveScreen(screen, ModelSnapshot.empty(), new ValueBridge(), Platform::runLater);
            stage.setScene(new Scene(l.root(), 660, 260));
            stage.show();
            return l;
        });
        try {
            SymbolNode wide = fx(() -> live.frame("wide").symbol());
            await(() -> fx(() -> drawing(wide) != null));
            List<Shape> shapes = fx(() -> shapes(drawing(wide)));
            assertThat(shapes).hasAtLeastOneElementOfType(SVGPath.class).hasAtLeastOneElementOfType(Circle.class).hasSize(6);
            // the group's style reaches its children, a child's own fill wins
            Circle c = fx(() -> shapes.stream().filter(Circle.class::isInstance).map(Circle.class::cast).findFirst().orElseThrow());
            assertThat(c.getFill()).isEqualTo(Color.WHITE);
            assertThat(c.getStroke()).isEqualTo(Color.web("#333333"));
            // scaled from the 200 × 100 viewBox onto 400 × 200
            assertThat(fx(() -> drawing(wide).getBoundsInParent().getWidth())).isBetween(390.0, 402.0);
            SymbolNode small = fx(() -> live.frame("small").symbol());
            await(() -> fx(() -> drawing(small) != null));
            // kept in proportion: 100 wide, 50 high, centred
            assertThat(fx(() -> drawing(small).getBoundsInParent().getHeight())).isBetween(45.0, 52.0);
            SymbolNode evil = fx(() -> live.frame("evil").symbol());
            await(() -> fx(() -> evil.lookupAll(".label").stream().anyMatch(n -> String.valueOf(((Label) n).getText()).contains("DOCTYPE"))));
            assertThat(fx(() -> drawing(evil))).isNull();
            Screenshots.save(stage.getScene(), "screen-image-svg");
        } finally {
            fx(() -> {
                live.close();
                stage.hide();
                return null;
            });
        }
    }

    @Test
    void tooManyElementsOrNotSvgIsRefused() {
        StringBuilder many = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\">");
        many.append("<rect width=\"1\" height=\"1\"/>".repeat(SvgDrawing.MAX_ELEMENTS + 1)).append("</svg>");
        assertThatThrownBy(() -> SvgDrawing.read(many.toString().getBytes(StandardCharsets.UTF_8), 10, 10, false))
                .hasMessageContaining("more than " + SvgDrawing.MAX_ELEMENTS + " elements");
        assertThatThrownBy(() -> SvgDrawing.read("<html/>".getBytes(StandardCharsets.UTF_8), 10, 10, false))
                .hasMessageContaining("not an SVG");
    }

    private static Group drawing(SymbolNode n) {
        return n.getChildren().stream().filter(Group.class::isInstance).map(Group.class::cast).findFirst().orElse(null);
    }

    private static List<Shape> shapes(Parent p) {
        List<Shape> out = new ArrayList<>();
        for (Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof Shape s) {
                out.add(s);
            } else if (n instanceof Parent q) {
                out.addAll(shapes(q));
            }
        }
        return out;
    }
}
