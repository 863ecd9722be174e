package org.peresvet.connector.mqtt.profile;

import java.util.Locale;
import java.util.Set;

/**
 * ESPHome's MQTT topics and payloads: {@code <prefix>/<component>/<object_id>/state} and
 * {@code .../command}; {@code <prefix>/status} is {@code online} (retained) with last will
 * {@code offline}. Switches and binary sensors say {@code ON}/{@code OFF}; a sensor without a
 * reading publishes {@code nan}. Pure.
 */
public final class EspHome {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    /** Components whose state is ON/OFF. */
    public static final Set<String> ON_OFF = Set.of("switch", "binary_sensor", "light", "fan");

    private EspHome() {
    }

    /** A parsed entity topic. {@code kind} is "state" or "command". */
    public record EntityTopic(String prefix, String component, String objectId, String kind) {
    }

    public static String stateTopic(String prefix, String component, String objectId) {
        return prefix + "/" + component + "/" + objectId + "/state";
    }

    public static String commandTopic(String prefix, String component, String objectId) {
        return prefix + "/" + component + "/" + objectId + "/command";
    }

    public static String statusTopic(String prefix) {
        return prefix + "/status";
    }

    /** Parses from the end, since a topic prefix may itself contain '/'. Null when it is no entity topic. */
    public static EntityTopic parse(String topic) {
        String[] p = topic.split("/", -1);
        if (p.length < 4) {
            return null;
        }
        String kind = p[p.length - 1];
        if (!kind.equals("state") && !kind.equals("command")) {
            return null;
        }
        String objectId = p[p.length - 2];
        String component = p[p.length - 3];
        String prefix = topic.substring(0, topic.length() - kind.length() - objectId.length() - component.length() - 3);
        if (prefix.isEmpty() || objectId.isEmpty() || component.isEmpty()) {
            return null;
        }
        return new EntityTopic(prefix, component, objectId, kind);
    }

    /** Availability: true online, false offline, null for anything else. */
    public static Boolean availability(byte[] payload) {
        String s = Utf8.decode(payload);
        if (s == null) {
            return null;
        }
        return s.equals(ONLINE) ? Boolean.TRUE : s.equals(OFFLINE) ? Boolean.FALSE : null;
    }

    /** A state payload of a component: Boolean for ON/OFF components, Double for sensors and numbers, else text. */
    public static Reading state(String component, byte[] payload) {
        String s = Utf8.decode(payload);
        if (s == null) {
            return Reading.rejected("state is not UTF-8 text");
        }
        if (s.isEmpty()) {
            return Reading.rejected("empty state");
        }
        if (ON_OFF.contains(component)) {
            return switch (s) {
                case "ON" -> Reading.of(Boolean.TRUE);
                case "OFF" -> Reading.of(Boolean.FALSE);
                default -> Reading.rejected("'" + abbreviate(s) + "' is neither ON nor OFF");
            };
        }
        if (component.equals("sensor") || component.equals("number")) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("nan")) {
                return Reading.rejected("the sensor has no reading (nan)");
            }
            try {
                return Reading.of(org.peresvet.connector.payload.DeviceNumbers.parseDouble(t));
            } catch (NumberFormatException e) {
                return Reading.rejected(e.getMessage() == null ? "'" + abbreviate(s) + "' is not a number" : e.getMessage());
            }
        }
        return Reading.of(s);
    }

    /** The command payload of a switch. */
    public static String onOff(boolean on) {
        return on ? "ON" : "OFF";
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
