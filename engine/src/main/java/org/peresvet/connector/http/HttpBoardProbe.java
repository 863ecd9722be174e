package org.peresvet.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;

/**
 * A board by its address over HTTP, for the connector wizard: asks it what it is and lists its
 * entities as bindings of the HTTP connector. Tasmota answers {@code /cm?cmnd=Status%200} with
 * its name, firmware, relays and sensors; an ESPHome web server announces every entity's state
 * on {@code /events} when a client connects. An entity's {@link DiscoveredEntity#stateTopic()}
 * is the URL path a binding polls, {@link DiscoveredEntity#jsonPath()} where the value sits and
 * {@link DiscoveredEntity#commandTopic()} the request template a write sends.
 */
public final class HttpBoardProbe {
    /** The {@link DiscoveredBoard#flavor()} of boards read over HTTP. */
    public static final String ESPHOME = "esphome-http";
    public static final String TASMOTA = "tasmota-http";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TASMOTA_UNITS = Map.of("Current", "A", "Voltage", "V", "Power", "W",
            "ApparentPower", "VA", "Humidity", "%", "Total", "kWh", "Today", "kWh", "Yesterday", "kWh", "Frequency", "Hz");

    private HttpBoardProbe() {
    }

    /** True for a board that {@link #probe} found (its tags go through an HTTP connector). */
    public static boolean isHttp(DiscoveredBoard b) {
        return ESPHOME.equals(b.flavor()) || TASMOTA.equals(b.flavor());
    }

    /**
     * What answers at {@code address} ({@code 192.168.1.50}, {@code http://host:8080}).
     *
     * @throws IOException with a plain reason: refused, unknown host, timeout, or neither firmware
     */
    public static DiscoveredBoard probe(String address, Duration timeout) throws IOException {
        HttpUrl base = baseUrl(address);
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).callTimeout(timeout.toMillis() * 3, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false).build();
        try {
            JsonNode status = getJson(http, base.newBuilder().addPathSegment("cm").addQueryParameter("cmnd", "Status 0").build());
            if (status != null && status.has("Status")) {
                return tasmota(base, status);
            }
            DiscoveredBoard esp = esphome(http, base, timeout);
            if (esp != null) {
                return esp;
            }
            throw new IOException(base + " answers, but neither as an ESPHome web server (/events) nor as Tasmota (/cm?cmnd=Status%200)");
        } catch (ConnectException e) {
            throw new IOException(base + " refused the connection (is the board's web server on?)", e);
        } catch (UnknownHostException e) {
            throw new IOException("unknown host " + base.host(), e);
        } catch (InterruptedIOException e) {
            throw new IOException(base + " did not answer in time", e);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    static HttpUrl baseUrl(String address) throws IOException {
        String a = address == null ? "" : address.strip();
        if (a.isEmpty()) {
            throw new IOException("give the board's address, e.g. 192.168.1.50");
        }
        HttpUrl u = HttpUrl.parse(a.contains("://") ? a : "http://" + a);
        if (u == null) {
            throw new IOException("'" + address + "' is not a board address (e.g. 192.168.1.50 or http://host:8080)");
        }
        return u.newBuilder().encodedPath("/").query(null).build();
    }

    private static JsonNode getJson(OkHttpClient http, HttpUrl url) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (!r.isSuccessful() || r.body() == null) {
                return null;
            }
            try {
                return JSON.readTree(r.body().string());
            } catch (IOException e) {
                return null;   // not JSON: not Tasmota
            }
        }
    }

    private static DiscoveredBoard tasmota(HttpUrl base, JsonNode s) {
        JsonNode st = s.path("Status");
        String topic = st.path("Topic").asText("tasmota");
        String name = st.path("DeviceName").asText(st.path("FriendlyName").path(0).asText(topic));
        String mac = s.path("StatusNET").path("Mac").asText("").replace(":", "").toUpperCase(Locale.ROOT);
        List<DiscoveredEntity> entities = new ArrayList<>();
        for (Iterator<String> it = s.path("StatusSTS").fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.matches("POWER\\d*")) {
                String n = f.equals("POWER") ? "" : f.substring(5);
                entities.add(new DiscoveredEntity("switch/" + f, "switch", f, mac + "_" + f, "/cm?cmnd=Power" + n, "/cm?cmnd=Power" + n
                        + "%20{on_off}", "$." + f, null, null, null, null, null, null, "ON", "OFF"));
            }
        }
        JsonNode sns = s.path("StatusSNS");
        String tempUnit = sns.path("TempUnit").asText("C");
        sensors(sns, "$.StatusSNS", "", tempUnit, mac, entities);
        String fw = s.path("StatusFWR").path("Version").asText(null);
        return new DiscoveredBoard(mac.isEmpty() ? base.host() : mac, name, s.path("StatusFWR").path("Hardware").asText(null),
                fw == null ? "Tasmota" : "Tasmota " + fw, "Tasmota", TASMOTA, base.toString(), null, true, List.copyOf(entities));
    }

    private static void sensors(JsonNode n, String path, String name, String tempUnit, String mac, List<DiscoveredEntity> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String p = path + "." + f.getKey();
            String label = name.isEmpty() ? f.getKey() : name + "." + f.getKey();
            if (f.getValue().isObject()) {
                sensors(f.getValue(), p, label, tempUnit, mac, out);
            } else if (f.getValue().isNumber()) {
                String unit = f.getKey().equals("Temperature") ? "°" + tempUnit : TASMOTA_UNITS.get(f.getKey());
                String dc = f.getKey().toLowerCase(Locale.ROOT);
                out.add(new DiscoveredEntity("sensor/" + label, "sensor", label, mac + "_" + label, "/cm?cmnd=Status%208", null, p,
                        null, unit, dc, null, null, null, null, null));
            }
        }
    }

    /** ESPHome's web server: the burst of state events it sends a new /events client, one per entity. */
    private static DiscoveredBoard esphome(OkHttpClient http, HttpUrl base, Duration timeout) throws IOException {
        OkHttpClient quick = http.newBuilder().readTimeout(Math.min(700, timeout.toMillis()), TimeUnit.MILLISECONDS).build();
        Map<String, JsonNode> states = new LinkedHashMap<>();
        String title = null;
        long end = System.nanoTime() + timeout.toNanos();
        try (Response r = quick.newCall(new Request.Builder().url(base.newBuilder().addPathSegment("events").build()).build()).execute()) {
            String type = r.header("Content-Type", "");
            if (!r.isSuccessful() || r.body() == null || !type.startsWith("text/event-stream")) {
                return null;
            }
            BufferedSource in = r.body().source();
            String event = null;
            try {
                for (String line; System.nanoTime() < end && (line = in.readUtf8Line()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        JsonNode d = parse(line.substring(5).strip());
                        if ("ping".equals(event) && d != null) {
                            title = d.path("title").asText(null);
                        } else if ("state".equals(event) && d != null && d.hasNonNull("id")) {
                            states.put(d.get("id").asText(), d);
                        }
                    }
                }
            } catch (InterruptedIOException quiet) {
                // the burst is over: the board sends nothing more until a state changes
            }
        }
        List<DiscoveredEntity> entities = new ArrayList<>();
        for (JsonNode d : states.values()) {
            String id = d.get("id").asText();
            int dash = id.indexOf('-');
            if (dash <= 0) {
                continue;
            }
            String component = id.substring(0, dash);
            String object = id.substring(dash + 1);
            String path = "/" + component + "/" + object;
            String command = switch (component) {
                case "switch", "light", "fan" -> "POST " + path + "/turn_{on_off_lower}";
                case "number" -> "POST " + path + "/set?value={value}";
                case "button" -> "POST " + path + "/press";
                default -> null;
            };
            String unit = d.hasNonNull("uom") ? d.get("uom").asText() : unitOf(d);
            entities.add(new DiscoveredEntity(component + "/" + object, component, d.path("name").asText(object), id, path, command,
                    "$.value", null, unit, null, null, null, null, null, null));
        }
        String name = title != null ? title : base.host();
        return new DiscoveredBoard(base.host() + ":" + base.port(), name, null, "ESPHome (web server)", "ESPHome", ESPHOME,
                base.toString(), null, true, List.copyOf(entities));
    }

    /** The unit in ESPHome's display state ("21.5 °C" → "°C"), or null. */
    static String unitOf(JsonNode d) {
        String state = d.path("state").asText("");
        int sp = state.lastIndexOf(' ');
        return d.path("value").isNumber() && sp > 0 && sp < state.length() - 1 ? state.substring(sp + 1) : null;
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }
}
