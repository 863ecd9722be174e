package org.peresvet.connector.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.peresvet.connector.mqtt.profile.HaConfigs;
import org.peresvet.connector.mqtt.profile.HaDiscovery;
import org.peresvet.model.ConnectorDef;

/**
 * The config of an MQTT connector (kind {@code mqtt}): the connection ({@link MqttSettings}) plus
 * {@code profile} ({@code generic}, {@code esphome}, {@code tasmota}, {@code homeassistant},
 * {@code peresvet}), {@code device} (ESPHome node name / topic prefix, Tasmota topic),
 * {@code discoveryPrefix} (Home Assistant, default {@code homeassistant}), {@code qos} for
 * subscriptions and commands (default 1), and {@code peresvetId} (the external connector's id,
 * default the connector's own id), and for Home Assistant discovery {@code discoveryMaxConfigs}
 * (default 10,000) and {@code discoveryMaxBytes} (default 64 MiB): the most configs held.
 */
public record MqttConnectorConfig(MqttSettings settings, Profile profile, String device, String discoveryPrefix, int qos,
                                  String peresvetId, int discoveryMaxConfigs, long discoveryMaxBytes) {

    public MqttConnectorConfig(MqttSettings settings, Profile profile, String device, String discoveryPrefix, int qos,
                               String peresvetId) {
        this(settings, profile, device, discoveryPrefix, qos, peresvetId, HaConfigs.DEFAULT_MAX_CONFIGS, HaConfigs.DEFAULT_MAX_BYTES);
    }

    public enum Profile {
        GENERIC, ESPHOME, TASMOTA, HOMEASSISTANT, PERESVET;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Profile parse(String s) {
            if (s == null || s.isBlank()) {
                return GENERIC;
            }
            String t = s.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return switch (t) {
                case "generic" -> GENERIC;
                case "esphome" -> ESPHOME;
                case "tasmota" -> TASMOTA;
                case "homeassistant", "ha", "discovery" -> HOMEASSISTANT;
                case "peresvet", "prs" -> PERESVET;
                default -> throw new IllegalArgumentException("profile: '" + s
                        + "' is not one of generic, esphome, tasmota, homeassistant, peresvet");
            };
        }
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static MqttConnectorConfig of(ConnectorDef def) {
        JsonNode c;
        try {
            c = new com.fasterxml.jackson.databind.ObjectMapper().readTree(def.config());
        } catch (Exception e) {
            throw new IllegalArgumentException("config is not valid JSON");
        }
        MqttSettings s = MqttSettings.fromJson(c);
        if (!c.hasNonNull("clientId")) {
            // stable per connector, so a persistent session (cleanSession false) finds its queue again
            s = s.withClientId("peresvet-" + def.id().toString().substring(0, 8));
        }
        Profile p = Profile.parse(MqttSettings.FIELDS.scalarText(c, "profile", MqttSettings.C, null));
        String device = MqttSettings.FIELDS.scalarText(c, "device", MqttSettings.C, null);
        if ((p == Profile.ESPHOME || p == Profile.TASMOTA) && (device == null || device.isBlank())) {
            throw new IllegalArgumentException("device: the " + p.label()
                    + " profile needs the board's " + (p == Profile.ESPHOME ? "node name (topic prefix)" : "Tasmota topic"));
        }
        if (device != null && (device.contains("+") || device.contains("#"))) {
            throw new IllegalArgumentException("device: '" + device + "' must not contain MQTT wildcards");
        }
        int qos = MqttSettings.FIELDS.integerOrDigits(c, "qos", MqttSettings.C, 1);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos: " + qos + " is not 0, 1 or 2");
        }
        String prefix = MqttSettings.FIELDS.scalarText(c, "discoveryPrefix", MqttSettings.C,
                HaDiscovery.DEFAULT_PREFIX);
        String pid = MqttSettings.FIELDS.scalarText(c, "peresvetId", MqttSettings.C, def.id().toString());
        int maxConfigs = MqttSettings.FIELDS.integerOrDigits(c, "discoveryMaxConfigs", MqttSettings.C,
                HaConfigs.DEFAULT_MAX_CONFIGS);
        if (maxConfigs <= 0) {
            throw new IllegalArgumentException("discoveryMaxConfigs: must be > 0");
        }
        JsonNode mb = c.get("discoveryMaxBytes");
        long maxBytes = mb == null || mb.isNull() ? HaConfigs.DEFAULT_MAX_BYTES
                : mb.isIntegralNumber() && mb.canConvertToLong() ? mb.longValue() : -1;
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("discoveryMaxBytes: must be a whole number > 0");
        }
        return new MqttConnectorConfig(s, p, device == null ? null : device.strip(), prefix, qos, pid, maxConfigs, maxBytes);
    }
}
