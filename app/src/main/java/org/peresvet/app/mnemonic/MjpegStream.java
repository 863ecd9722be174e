package org.peresvet.app.mnemonic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.function.Consumer;
import javafx.scene.image.Image;

/**
 * Reads an MJPEG stream over HTTP (multipart/x-mixed-replace, as ESP32-CAM boards serve it) on its
 * own daemon thread: each JPEG between its start (FF D8) and end (FF D9) markers is decoded there,
 * off the FX thread, and handed to {@code frames}; a failure or the stream's end goes to
 * {@code lost}, and the reader reconnects after a pause until closed. Frames are bounded in size.
 */
final class MjpegStream implements AutoCloseable {
    static final int MAX_FRAME = 8 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 3000;
    private static final int READ_TIMEOUT_MS = 3000;
    private static final long RETRY_MS = 1000;

    private final String url;
    private final Consumer<Image> frames;
    private final Consumer<String> lost;
    private final Thread thread;
    private volatile boolean closed;
    private volatile HttpURLConnection connection;

    MjpegStream(String url, Consumer<Image> frames, Consumer<String> lost) {
        this.url = url;
        this.frames = frames;
        this.lost = lost;
        thread = new Thread(this::run, "camera " + url);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection = c;
                c.setConnectTimeout(CONNECT_TIMEOUT_MS);
                c.setReadTimeout(READ_TIMEOUT_MS);
                try (InputStream in = c.getInputStream()) {
                    readFrames(in);
                }
                if (!closed) {
                    lost.accept("stream ended");
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    lost.accept(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Scans bytes for JPEG start and end markers; everything between two frames (headers) is skipped. */
    private void readFrames(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(64 * 1024);
        boolean inFrame = false;
        int prev = -1;
        int b;
        byte[] buf = new byte[16 * 1024];
        int n;
        while (!closed && (n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                b = buf[i] & 0xFF;
                if (!inFrame) {
                    if (prev == 0xFF && b == 0xD8) {
                        inFrame = true;
                        frame.reset();
                        frame.write(0xFF);
                        frame.write(0xD8);
                    }
                } else {
                    frame.write(b);
                    if (prev == 0xFF && b == 0xD9) {
                        inFrame = false;
                        Image img = new Image(new ByteArrayInputStream(frame.toByteArray()));
                        if (!img.isError()) {
                            frames.accept(img);
                        }
                    } else if (frame.size() > MAX_FRAME) {
                        throw new IOException("a frame larger than " + MAX_FRAME / 1024 / 1024 + " MB");
                    }
                }
                prev = b;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
        thread.interrupt();
    }
}
