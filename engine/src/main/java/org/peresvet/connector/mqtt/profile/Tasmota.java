package org.peresvet.connector.mqtt.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tasmota's MQTT topics (default full topic {@code %prefix%/%topic%/}) and payloads:
 * {@code tele/<t>/SENSOR} JSON, {@code tele/<t>/STATE}, {@code stat/<t>/POWER[n]},
 * {@code stat/<t>/RESULT} ({@code {"POWER":"ON"}}), {@code tele/<t>/LWT} {@code Online}/{@code Offline},
 * commands on {@code cmnd/<t>/<Command>}. Pure.
 */
public final class Tasmota {
    public static final String CMND = "cmnd";
    public static final String STAT = "stat";
    public static final String TELE = "tele";
    public static final String ONLINE = "Online";
    public static final String OFFLINE = "Offline";
    private static final Pattern POWER = Pattern.compile("POWER[1-8]?");

    private Tasmota() {
    }

    /** {@code <prefix>/<topic>/<suffix>}. */
    public record Topic(String prefix, String device, String suffix) {
    }

    public static String topic(String prefix, String device, String suffix) {
        return prefix + "/" + device + "/" + suffix;
    }

    /** Null when the topic is not {@code cmnd|stat|tele/<device>/<suffix>}. */
    public static Topic parse(String topic) {
        String[] p = topic.split("/", -1);
        if (p.length != 3 || p[1].isEmpty() || p[2].isEmpty()) {
            return null;
        }
        if (!p[0].equals(CMND) && !p[0].equals(STAT) && !p[0].equals(TELE)) {
            return null;
        }
        return new Topic(p[0], p[1], p[2]);
    }

    public static boolean isPower(String suffix) {
        return POWER.matcher(suffix).matches();
    }

    /** LWT: true Online, false Offline, null otherwise. */
    public static Boolean lwt(byte[] payload) {
        String s = Utf8.decode(payload);
        return s == null ? null : s.equals(ONLINE) ? Boolean.TRUE : s.equals(OFFLINE) ? Boolean.FALSE : null;
    }

    /** {@code stat/<t>/POWER}: ON/OFF (Tasmota also accepts 1/0 in SetOption26 variants). */
    public static Reading power(byte[] payload) {
        String s = Utf8.decode(payload);
        if (s == null) {
            return Reading.rejected("POWER is not UTF-8 text");
        }
        return switch (s.strip()) {
            case "ON", "1" -> Reading.of(Boolean.TRUE);
            case "OFF", "0" -> Reading.of(Boolean.FALSE);
            case "" -> Reading.rejected("empty POWER state");
            default -> Reading.rejected("'" + EspHome.abbreviate(s) + "' is not a POWER state (ON/OFF)");
        };
    }

    /**
     * A JSON telemetry or result message flattened to dotted paths:
     * {@code {"DS18B20":{"Temperature":21.5}}} → {@code DS18B20.Temperature = 21.5}. Values are
     * Double, Long, Boolean or String; ON/OFF stay text. Null on malformed JSON (see {@link #json}).
     */
    public static Map<String, Object> flatten(byte[] payload) {
        JsonNode n = json(payload);
        if (n == null || !n.isObject()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", n, out, 0);
        return out;
    }

    private static void flatten(String path, JsonNode n, Map<String, Object> out, int depth) {
        if (depth > 16) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out, depth + 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(path + "[" + i + "]", n.get(i), out, depth + 1);
            }
        } else if (n.isNumber()) {
            try {
                out.put(path, org.peresvet.connector.payload.DeviceNumbers.number(n));
            } catch (NumberFormatException e) {
                // a reading the number rule refuses is no reading
            }
        } else if (n.isBoolean()) {
            out.put(path, n.booleanValue());
        } else if (!n.isNull()) {
            out.put(path, n.asText());
        }
    }

    /** The message as JSON, or null when it is not UTF-8 JSON. */
    public static JsonNode json(byte[] payload) {
        String s = Utf8.decode(payload);
        if (s == null || s.isBlank()) {
            return null;
        }
        return org.peresvet.connector.payload.DeviceNumbers.readJsonOrNull(s);
    }

    /** The relay states in a RESULT or STATE message: {@code POWER}, {@code POWER1}... → true/false. */
    public static Map<String, Boolean> powers(byte[] payload) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        JsonNode n = json(payload);
        if (n == null || !n.isObject()) {
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (isPower(e.getKey()) && e.getValue().isTextual()) {
                String v = e.getValue().asText();
                if (v.equals("ON") || v.equals("OFF")) {
                    out.put(e.getKey(), v.equals("ON"));
                }
            }
        });
        return out;
    }
}
