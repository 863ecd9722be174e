package org.peresvet.connector.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that answers like an ESPHome web server and a Tasmota device:
 * {@code GET /sensor/temperature}, {@code GET /switch/relay}, {@code POST /switch/relay/turn_on|turn_off},
 * {@code GET /events} (server-sent events), {@code GET /cm?cmnd=Status%208}, {@code GET /cm?cmnd=Power%20On}.
 * Faults on demand: {@code /broken} answers 500, {@code /garbage} malformed JSON, {@code /slow} too late.
 */
public final class FakeHttpDevice implements AutoCloseable {
    public final int port;
    private HttpServer server;
    private ExecutorService pool;
    volatile double temperature = 21.5;
    public volatile boolean relay;
    volatile long relayDelayMillis = 20;
    volatile String requiredAuth;
    /** Answer Tasmota's Status 0 (false: only ESPHome's web server answers like a board). */
    public volatile boolean tasmotaStatus = true;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    final AtomicInteger eventClients = new AtomicInteger();

    public FakeHttpDevice(int port) {
        this.port = port;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public FakeHttpDevice start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 50);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-http-device");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        String method = ex.getRequestMethod();
        requests.add(method + " " + ex.getRequestURI());
        if (requiredAuth != null) {
            String h = ex.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString(requiredAuth.getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(h)) {
                send(ex, 401, "");
                return;
            }
        }
        switch (path) {
            case "/sensor/temperature" -> send(ex, 200, temperatureJson());
            case "/switch/relay" -> send(ex, 200, relayJson());
            case "/switch/relay/turn_on", "/switch/relay/turn_off" -> {
                if (!method.equals("POST")) {
                    send(ex, 405, "");
                    return;
                }
                boolean on = path.endsWith("on");
                send(ex, 200, "");
                pool.execute(() -> {
                    sleep(relayDelayMillis);
                    relay = on;
                    push("state", relayJson());
                });
            }
            case "/cm" -> {
                String cmnd = query == null ? "" : java.net.URLDecoder.decode(query.replaceFirst("^cmnd=", ""), StandardCharsets.UTF_8);
                switch (cmnd.toLowerCase(Locale.ROOT)) {
                    case "status 8" -> send(ex, 200, "{\"StatusSNS\":{\"Time\":\"2026-11-27T23:00:00\",\"DS18B20\":{\"Temperature\":"
                            + temperature + "},\"ENERGY\":{\"Voltage\":230,\"Current\":1.25},\"TempUnit\":\"C\"}}");
                    case "power on", "power off" -> {
                        relay = cmnd.toLowerCase(Locale.ROOT).endsWith("on");
                        send(ex, 200, "{\"POWER\":\"" + (relay ? "ON" : "OFF") + "\"}");
                    }
                    case "power" -> send(ex, 200, "{\"POWER\":\"" + (relay ? "ON" : "OFF") + "\"}");
                    case "status 0" -> send(ex, 200, tasmotaStatus ? statusZero() : "{\"Command\":\"Unknown\"}");
                    default -> send(ex, 200, "{\"Command\":\"Unknown\"}");
                }
            }
            case "/broken" -> send(ex, 500, "oops");
            case "/garbage" -> send(ex, 200, "{\"value\": 1,,,");
            case "/huge" -> send(ex, 200, "{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"value\":1}");
            case "/slow" -> {
                sleep(3000);
                send(ex, 200, "{\"value\":1}");
            }
            case "/events" -> events(ex);
            default -> send(ex, 404, "");
        }
    }

    /** Tasmota's answer to Status 0 (abridged): name, firmware, network, relays, sensors. */
    private String statusZero() {
        return "{\"Status\":{\"Module\":1,\"DeviceName\":\"Well pump\",\"FriendlyName\":[\"Well pump\"],\"Topic\":\"well-pump\","
                + "\"Power\":" + (relay ? 1 : 0) + "},\"StatusFWR\":{\"Version\":\"14.1.0(tasmota)\",\"Hardware\":\"ESP32-D0WD-V3\"},"
                + "\"StatusNET\":{\"Hostname\":\"well-pump-4711\",\"Mac\":\"A4:CF:12:00:47:11\"},"
                + "\"StatusSNS\":{\"Time\":\"2026-11-27T23:00:00\",\"DS18B20\":{\"Temperature\":" + temperature + "},"
                + "\"ENERGY\":{\"Voltage\":230,\"Current\":1.25},\"TempUnit\":\"C\"},"
                + "\"StatusSTS\":{\"Time\":\"2026-11-27T23:00:00\",\"POWER\":\"" + (relay ? "ON" : "OFF") + "\"}}";
    }

    private String temperatureJson() {
        return "{\"id\":\"sensor-temperature\",\"value\":" + temperature + ",\"state\":\"" + temperature + " °C\"}";
    }

    private String relayJson() {
        return "{\"id\":\"switch-relay\",\"value\":" + relay + ",\"state\":\"" + (relay ? "ON" : "OFF") + "\"}";
    }

    private void events(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        eventClients.incrementAndGet();
        synchronized (out) {
            // As ESPHome: a ping with the device's info, then the state of every entity.
            out.write(("retry: 30000\nid: 1\nevent: ping\ndata: {\"title\":\"fake\"}\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(("event: state\ndata: " + temperatureJson() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(("event: state\ndata: " + relayJson() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        streams.add(out);
    }

    /** Pushes an event to every connected event stream. */
    void push(String event, String data) {
        for (OutputStream out : streams) {
            try {
                synchronized (out) {
                    out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                streams.remove(out);
            }
        }
    }

    void setTemperature(double t) {
        temperature = t;
        push("state", temperatureJson());
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        } else {
            ex.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (OutputStream out : streams) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        streams.clear();
        if (server != null) {
            server.stop(0);
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
