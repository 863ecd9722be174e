package org.peresvet.connector.mqtt;

import java.util.Set;
import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.mqtt.profile.Tasmota;

/**
 * Tasmota: addresses {@code SENSOR} and {@code STATE} read {@code tele/<device>/...} (with a JSON
 * path such as {@code $.ANALOG.Range1}), {@code POWER}, {@code POWER2}… and {@code RESULT} read
 * {@code stat/<device>/...}; a command {@code POWER} writes {@code cmnd/<device>/POWER} with ON/OFF.
 * Longer addresses are topics. {@code tele/<device>/LWT Offline} marks every tag source-lost (q=102).
 */
final class TasmotaProfile extends ProfileHandler {
    private volatile String offline;

    TasmotaProfile(ConnectorContext ctx, MqttConnectorConfig config) {
        super(ctx, config);
    }

    @Override
    String stateTopic(Binding b) {
        String a = b.address();
        if (a.contains("/")) {
            return a;
        }
        String prefix = a.equalsIgnoreCase("SENSOR") || a.equalsIgnoreCase("STATE") ? Tasmota.TELE : Tasmota.STAT;
        return Tasmota.topic(prefix, config.device(), a.toUpperCase(java.util.Locale.ROOT));
    }

    private String lwtTopic() {
        return Tasmota.topic(Tasmota.TELE, config.device(), "LWT");
    }

    @Override
    Set<String> extraFilters() {
        return Set.of(lwtTopic());
    }

    @Override
    boolean other(String topic, byte[] payload) {
        if (!topic.equals(lwtTopic())) {
            return false;
        }
        Boolean online = Tasmota.lwt(payload);
        if (Boolean.FALSE.equals(online)) {
            offline = "device " + config.device() + " is offline";
            ctx.sourceLost(allTags(), offline + " (" + topic + ")");
        } else if (Boolean.TRUE.equals(online)) {
            if (offline != null) {
                ctx.log("INFO", "device " + config.device() + " is online again");
            }
            offline = null;
        } else {
            ctx.log("WARN", "unexpected LWT on " + topic + " (expected Online/Offline)");
        }
        return true;
    }

    @Override
    String commandTopic(Binding b) {
        String c = b.command();
        return c.contains("/") ? c : Tasmota.topic(Tasmota.CMND, config.device(), c);
    }

    @Override
    String defaultCommandPayload(Binding b, Object value) {
        String topic = commandTopic(b);
        Tasmota.Topic t = Tasmota.parse(topic);
        return t != null && Tasmota.isPower(t.suffix().toUpperCase(java.util.Locale.ROOT)) ? "{on_off}" : null;
    }

    @Override
    String offlineReason() {
        return offline;
    }
}
