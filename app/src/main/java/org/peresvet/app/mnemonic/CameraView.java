package org.peresvet.app.mnemonic;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.screen.WidgetDef;

/**
 * A camera: the newest frame of an MJPEG stream (decoded off the FX thread by
 * {@link MjpegStream}; the FX thread takes at most one frame per pulse), and "no signal" with the
 * reason when the stream fails or sends nothing for {@value #STALE_MS} ms.
 */
final class CameraView extends SymbolNode {
    static final long STALE_MS = 3000;
    private final ImageView view = new ImageView();
    private final Label noSignal = new Label();
    private final Text caption;
    private final AtomicReference<Image> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastFrameAt;
    private volatile String reason = "";
    private MjpegStream stream;
    private Timeline watchdog;

    CameraView(WidgetDef def) {
        super(def);
        Rectangle frame = new Rectangle(0, 0, w(), h());
        frame.setFill(Isa101.ACTIVE);
        view.setFitWidth(w());
        view.setFitHeight(h());
        view.setPreserveRatio(true);
        noSignal.setPrefSize(w(), h());
        noSignal.setAlignment(Pos.CENTER);
        noSignal.setWrapText(true);
        noSignal.setStyle("-fx-text-fill: white; -fx-font-weight: bold;");
        noSignal.getStyleClass().add("camera-no-signal");
        caption = caption(w(), h() + 1);
        getChildren().addAll(frame, view, noSignal, caption);
        showNoSignal();
    }

    @Override
    protected void render(Props p) {
        caption.setText(p.text("text"));
    }

    @Override
    public void start() {
        String url = def().text("url");
        if (stream != null || url.isBlank()) {
            return;
        }
        stream = new MjpegStream(url, this::frame, r -> {
            reason = r;
            Platform.runLater(this::showNoSignal);
        });
        stream.start();
        watchdog = new Timeline(new KeyFrame(Duration.millis(500), e -> {
            if (view.getImage() != null && System.currentTimeMillis() - lastFrameAt > STALE_MS) {
                reason = Messages.get("camera.stale");
                showNoSignal();
            }
        }));
        watchdog.setCycleCount(Timeline.INDEFINITE);
        watchdog.play();
    }

    /** Reader thread: keep the newest frame; one hand-over to the FX thread at a time. */
    private void frame(Image img) {
        lastFrameAt = System.currentTimeMillis();
        latest.set(img);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                scheduled.set(false);
                Image i = latest.getAndSet(null);
                if (i != null && stream != null) {
                    view.setImage(i);
                    noSignal.setVisible(false);
                }
            });
        }
    }

    private void showNoSignal() {
        view.setImage(null);
        noSignal.setVisible(true);
        noSignal.setText(reason.isEmpty() ? Messages.get("camera.noSignal") : Messages.get("camera.noSignalBecause", reason));
    }

    /** Whether a frame is shown (for tests). */
    boolean hasSignal() {
        return view.getImage() != null;
    }

    @Override
    public void dispose() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        if (watchdog != null) {
            watchdog.stop();
        }
    }
}
