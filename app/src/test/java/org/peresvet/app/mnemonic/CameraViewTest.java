package org.peresvet.app.mnemonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peresvet.app.fx.UiSupport.await;
import static org.peresvet.app.fx.UiSupport.fx;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.peresvet.app.fx.Screenshots;
import org.peresvet.app.fx.ValueBridge;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.WidgetDef;
import org.peresvet.screen.WidgetTypes;
import org.testfx.api.FxToolkit;

/**
 * The camera widget against a local HTTP server serving an MJPEG stream the way an ESP32-CAM does
 * (multipart/x-mixed-replace): frames show, and when the stream stops the widget says "NO SIGNAL".
 */
class CameraViewTest {

    private static byte[] jpeg(int n) throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(60, 90, 120));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.fillRect(20 + n % 200, 100, 60, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void showsTheStreamAndNoSignalWhenItStops() throws Exception {
        AtomicBoolean streaming = new AtomicBoolean(true);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stream", ex -> {
            ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace;boundary=frame");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int n = 0; streaming.get(); n++) {
                    byte[] f = jpeg(n);
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + f.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(f);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the client went away
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/stream";
        ScreenDef screen = ScreenDef.of(UUID.randomUUID(), "Camera").withSize(400, 320).withWidgets(List.of(
                WidgetDef.of("cam", WidgetTypes.CAMERA).at(20, 20).with("url", url).with("text", "Pump room")));
        FxToolkit.registerPrimaryStage();
        Stage stage = FxToolkit.setupStage(s -> { });
        ValueBridge bridge = new ValueBridge();
        LiveScreen live = fx(() -> {
            LiveScreen l = new LiveScreen(screen, ModelSnapshot.empty(), bridge, Platform::runLater);
            stage.setScene(new Scene(l.root(), 400, 320));
            stage.show();
            return l;
        });
        try {
            CameraView cam = (CameraView) fx(() -> live.frame("cam").symbol());
            await(() -> fx(cam::hasSignal));
            Screenshots.save(stage.getScene(), "screen-camera-live");
            streaming.set(false);
            await(() -> fx(() -> !cam.hasSignal()));
            String text = fx(() -> ((Label) cam.lookup(".camera-no-signal")).getText());
            assertThat(text).startsWith("NO SIGNAL");
            Screenshots.save(stage.getScene(), "screen-camera-no-signal");
        } finally {
            fx(() -> {
                live.close();
                stage.hide();
                return null;
            });
            server.stop(0);
        }
    }
}
