package org.peresvet.connector.mqtt;

import java.util.List;
import java.util.Set;
import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.mqtt.profile.EspHome;
import org.peresvet.connector.mqtt.profile.Reading;

/**
 * ESPHome: an address {@code <component>/<object_id>} (e.g. {@code sensor/tank_level}) reads
 * {@code <device>/<component>/<object_id>/state}; a command {@code switch/pump} writes
 * {@code <device>/switch/pump/command} with ON/OFF for switches. Longer addresses are topics.
 * {@code <device>/status offline} (the board's last will) marks every tag source-lost (q=102).
 */
final class EspHomeProfile extends ProfileHandler {
    private volatile String offline;

    EspHomeProfile(ConnectorContext ctx, MqttConnectorConfig config) {
        super(ctx, config);
    }

    private String expand(String address, String kind) {
        String[] levels = address.split("/", -1);
        return levels.length == 2 ? EspHome.stateTopic(config.device(), levels[0], levels[1]).replaceFirst("/state$", "/" + kind) : address;
    }

    @Override
    String stateTopic(Binding b) {
        return expand(b.address(), "state");
    }

    @Override
    Set<String> extraFilters() {
        return Set.of(EspHome.statusTopic(config.device()));
    }

    @Override
    void message(String topic, byte[] payload, boolean retained) {
        List<Binding> targets = routes.lookup(topic);
        if (targets.isEmpty()) {
            if (!other(topic, payload)) {
                unknown(topic);
            }
            return;
        }
        EspHome.EntityTopic t = EspHome.parse(topic);
        if (t != null && (t.component().equals("sensor") || t.component().equals("number"))) {
            Reading r = EspHome.state(t.component(), payload);
            if (!r.ok()) {
                bad(targets.stream().map(Binding::tagId).toList(), topic + ": " + r.rejection());
                return;
            }
        }
        for (Binding b : targets) {
            ctx.deliver(b.tagId(), payload);
        }
    }

    @Override
    boolean other(String topic, byte[] payload) {
        if (!topic.equals(EspHome.statusTopic(config.device()))) {
            return false;
        }
        Boolean online = EspHome.availability(payload);
        if (Boolean.FALSE.equals(online)) {
            offline = "board " + config.device() + " is offline";
            ctx.sourceLost(allTags(), offline + " (" + topic + ")");
        } else if (Boolean.TRUE.equals(online)) {
            if (offline != null) {
                ctx.log("INFO", "board " + config.device() + " is online again");
            }
            offline = null;
        } else {
            ctx.log("WARN", "unexpected availability on " + topic + " (expected online/offline)");
        }
        return true;
    }

    @Override
    String commandTopic(Binding b) {
        return expand(b.command(), "command");
    }

    @Override
    String defaultCommandPayload(Binding b, Object value) {
        String topic = commandTopic(b);
        EspHome.EntityTopic t = EspHome.parse(topic);
        return t != null && EspHome.ON_OFF.contains(t.component()) ? "{on_off}" : null;
    }

    @Override
    String offlineReason() {
        return offline;
    }
}
