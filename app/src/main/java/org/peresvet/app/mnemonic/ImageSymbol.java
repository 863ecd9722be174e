package org.peresvet.app.mnemonic;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.shape.Rectangle;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.screen.WidgetDef;

/**
 * A picture from a file path, an http(s)/file URL or a data URI (embedded by the editor), loaded in the background, scaled to the box.
 * PNG, JPEG, GIF and BMP (what JavaFX reads), and SVG drawn as vector shapes ({@link SvgDrawing},
 * so it scales cleanly); anything else, or a missing file, shows its name with "no image", and a
 * refused SVG says why.
 */
final class ImageSymbol extends SymbolNode {
    private final ImageView view = new ImageView();
    private final Label missing = new Label();
    private String loaded;
    private Group drawing;

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
        if (drawing != null) {
            getChildren().remove(drawing);
            drawing = null;
        }
        missing.setVisible(true);
        // An embedded picture (data URI) is no name to show while it loads or when it is broken.
        missing.setText(src.isBlank() || src.startsWith("data:") ? Messages.get("screen.noImage") : Messages.get("screen.imageMissing", src));
        if (src.isBlank()) {
            return;
        }
        String url = src.matches("(?i)(https?|file|data):.*") ? src : Path.of(src).toUri().toString();
        if (url.toLowerCase(Locale.ROOT).matches(".*\\.svg(\\?.*)?")) {
            drawSvg(src, url);
            return;
        }
        // JavaFX 21 loads a data URI only in the foreground (in the background: "unknown protocol");
        // it is small and already in memory.
        boolean data = url.regionMatches(true, 0, "data:", 0, 5);
        Image img = new Image(url, !data);
        img.progressProperty().addListener((o, a, b) -> loaded(img, src));
        loaded(img, src); // read already when it came from a data URI
    }

    private void loaded(Image img, String src) {
        if (img.getProgress() >= 1 && !img.isError() && src.equals(loaded)) {
            view.setImage(img);
            missing.setVisible(false);
        }
    }

    /** Reads and builds the drawing off the FX thread, then shows it (if the source is still this one). */
    private void drawSvg(String src, String url) {
        double w = w();
        double h = h();
        boolean keep = def().bool("preserveRatio");
        FxTasks.run(() -> SvgDrawing.read(fetch(url), w, h, keep), g -> {
            if (src.equals(loaded)) {
                g.setClip(new Rectangle(w, h));
                drawing = g;
                getChildren().add(0, g);
                missing.setVisible(false);
            }
        }, e -> {
            if (src.equals(loaded)) {
                missing.setText(Messages.get("screen.imageMissing", src) + "\n" + e.getMessage());
            }
        });
    }

    /** The file's bytes, at most {@link SvgDrawing#MAX_BYTES} (a larger file is refused by the reader). */
    private static byte[] fetch(String url) {
        try {
            URLConnection c = URI.create(url).toURL().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                return in.readNBytes(SvgDrawing.MAX_BYTES + 1);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
