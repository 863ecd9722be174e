package org.peresvet.app.mnemonic;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.peresvet.app.Messages;
import org.peresvet.screen.WidgetDef;

/**
 * A picture from a file path or an http(s)/file URL, loaded in the background, scaled to the box.
 * PNG, JPEG, GIF and BMP (what JavaFX reads); anything else, or a missing file, shows its name
 * with "no image".
 */
final class ImageSymbol extends SymbolNode {
    private final ImageView view = new ImageView();
    private final Label missing = new Label();
    private String loaded;

    ImageSymbol(WidgetDef def) {
        super(def);
        view.setFitWidth(w());
        view.setFitHeight(h());
        view.setPreserveRatio(def.bool("preserveRatio"));
        missing.setPrefSize(w(), h());
        missing.setWrapText(true);
        missing.setStyle("-fx-border-color: #8A8A8A; -fx-border-style: dashed; -fx-alignment: center;");
        getChildren().addAll(view, missing);
    }

    @Override
    protected void render(Props p) {
        String src = p.text("source");
        if (src.equals(loaded)) {
            return;
        }
        loaded = src;
        view.setImage(null);
        missing.setVisible(true);
        missing.setText(src.isBlank() ? Messages.get("screen.noImage") : Messages.get("screen.imageMissing", src));
        if (src.isBlank()) {
            return;
        }
        String url = src.matches("(?i)(https?|file):.*") ? src : Path.of(src).toUri().toString();
        Image img = new Image(url, true);
        img.progressProperty().addListener((o, a, b) -> {
            if (b.doubleValue() >= 1 && !img.isError() && src.equals(loaded)) {
                view.setImage(img);
                missing.setVisible(false);
            }
        });
    }
}
