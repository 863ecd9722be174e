package org.peresvet.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.mqtt.profile.HaDiscovery;
import org.peresvet.connector.mqtt.profile.ValueTemplate;

/**
 * Home Assistant MQTT discovery: the connector listens on the discovery prefix and learns the
 * entities; a binding's address names an entity by its key ({@code sensor/pump-board-1/tank_level},
 * as in the config topic), its {@code unique_id}, or its config topic. Values go through the
 * entity's {@code value_template}; availability topics mark the entity's tags source-lost (q=102);
 * an empty retained config removes the entity (q=102 too). A command {@code auto} (or the
 * entity's address) writes the entity's command topic with {@code payload_on}/{@code payload_off}
 * for switches, the value otherwise.
 */
final class HomeAssistantProfile extends ProfileHandler {
    private final Map<String, HaDiscovery.Entity> entities = new ConcurrentHashMap<>();
    private final Runnable rebind;
    private volatile Map<UUID, HaDiscovery.Entity> byTag = Map.of();
    private volatile Map<String, List<HaDiscovery.Entity>> byAvailability = Map.of();

    HomeAssistantProfile(ConnectorContext ctx, MqttConnectorConfig config, Runnable rebind) {
        super(ctx, config);
        this.rebind = rebind;
    }

    private String prefix() {
        return config.discoveryPrefix();
    }

    @Override
    Set<String> extraFilters() {
        Set<String> f = new java.util.HashSet<>(Set.of(prefix() + "/+/+/config", prefix() + "/+/+/+/config"));
        f.addAll(byAvailability.keySet());
        return f;
    }

    /** The entity a binding names, or null when it has not been discovered (yet). */
    HaDiscovery.Entity resolve(String address) {
        HaDiscovery.Entity e = entities.get(address);
        if (e == null) {
            String key = HaDiscovery.keyOf(prefix(), address);
            e = key == null ? null : entities.get(key);
        }
        if (e == null) {
            for (HaDiscovery.Entity x : entities.values()) {
                if (address.equals(x.uniqueId())) {
                    return x;
                }
            }
        }
        return e;
    }

    @Override
    Set<String> bind(List<Binding> newBindings) {
        Map<UUID, HaDiscovery.Entity> tags = new HashMap<>();
        Map<String, List<HaDiscovery.Entity>> avail = new HashMap<>();
        for (Binding b : newBindings) {
            HaDiscovery.Entity e = resolve(b.address());
            if (e != null) {
                tags.put(b.tagId(), e);
                for (HaDiscovery.Availability a : e.availability()) {
                    avail.computeIfAbsent(a.topic(), k -> new ArrayList<>()).add(e);
                }
                if (e.templateProblem() != null) {
                    ctx.log("WARN", "entity " + e.key() + ": " + e.templateProblem() + " (its tags get quality 103)");
                }
            }
        }
        byTag = Map.copyOf(tags);
        byAvailability = Map.copyOf(avail);
        return super.bind(newBindings);
    }

    @Override
    String stateTopic(Binding b) {
        HaDiscovery.Entity e = byTag.get(b.tagId());
        return e == null ? null : e.stateTopic();
    }

    @Override
    void message(String topic, byte[] payload, boolean retained) {
        if (topic.startsWith(prefix() + "/") && topic.endsWith("/config")) {
            discovery(topic, payload);
            return;
        }
        List<Binding> targets = routes.lookup(topic);
        if (targets.isEmpty()) {
            if (!availability(topic, payload)) {
                unknown(topic);
            }
            return;
        }
        String text = null;
        for (Binding b : targets) {
            HaDiscovery.Entity e = byTag.get(b.tagId());
            if (e == null || e.valueTemplate().isIdentity() && e.templateProblem() == null) {
                ctx.deliver(b.tagId(), payload);
                continue;
            }
            if (e.templateProblem() != null) {
                bad(List.of(b.tagId()), e.templateProblem());
                continue;
            }
            if (text == null) {
                text = org.peresvet.connector.mqtt.profile.Utf8.decode(payload);
            }
            if (text == null) {
                bad(List.of(b.tagId()), topic + ": payload is not UTF-8");
                continue;
            }
            ValueTemplate.Result r = e.valueTemplate().apply(text);
            if (r.ok()) {
                ctx.deliver(b.tagId(), r.text().getBytes(StandardCharsets.UTF_8));
            } else {
                bad(List.of(b.tagId()), topic + ": " + r.rejection());
            }
        }
        availability(topic, payload);
    }

    private void discovery(String topic, byte[] payload) {
        HaDiscovery.Message m = HaDiscovery.parse(prefix(), topic, payload);
        if (m instanceof HaDiscovery.Config c) {
            HaDiscovery.Entity old = entities.put(c.entity().key(), c.entity());
            if (isBound(c.entity()) && (old == null || !old.config().equals(c.entity().config()))) {
                ctx.log("INFO", "entity " + c.entity().key() + " discovered: state " + c.entity().stateTopic()
                        + (c.entity().commandTopic() == null ? "" : ", command " + c.entity().commandTopic()));
                rebind.run();
            }
        } else if (m instanceof HaDiscovery.Removed r) {
            HaDiscovery.Entity old = entities.remove(r.key());
            if (old != null) {
                List<UUID> tags = tagsOf(old);
                if (!tags.isEmpty()) {
                    ctx.sourceLost(tags, "entity " + r.key() + " was removed (empty discovery config)");
                    rebind.run();
                }
            }
        } else if (m instanceof HaDiscovery.Rejected r) {
            ctx.log("WARN", "discovery config " + topic + " ignored: " + r.reason());
        }
    }

    private boolean isBound(HaDiscovery.Entity e) {
        for (Binding b : bindings) {
            if (b.address().equals(e.key()) || b.address().equals(e.uniqueId())
                    || e.key().equals(HaDiscovery.keyOf(prefix(), b.address()))) {
                return true;
            }
        }
        return false;
    }

    private List<UUID> tagsOf(HaDiscovery.Entity e) {
        List<UUID> out = new ArrayList<>();
        byTag.forEach((tag, x) -> {
            if (x.key().equals(e.key())) {
                out.add(tag);
            }
        });
        return out;
    }

    private boolean availability(String topic, byte[] payload) {
        List<HaDiscovery.Entity> list = byAvailability.get(topic);
        if (list == null) {
            return false;
        }
        String text = org.peresvet.connector.mqtt.profile.Utf8.decode(payload);
        for (HaDiscovery.Entity e : list) {
            for (HaDiscovery.Availability a : e.availability()) {
                if (a.topic().equals(topic) && a.payloadNotAvailable().equals(text)) {
                    ctx.sourceLost(tagsOf(e), "entity " + e.key() + " is not available (" + topic + " = " + text + ")");
                }
            }
        }
        return true;
    }

    @Override
    Command command(Binding b, Object value) {
        if (b.command() == null) {
            throw new IllegalArgumentException("the binding has no command");
        }
        HaDiscovery.Entity e = b.command().equalsIgnoreCase("auto") || b.command().equals(b.address()) ? byTag.get(b.tagId())
                : resolve(b.command());
        if (e == null) {
            if (b.command().equalsIgnoreCase("auto") || !b.command().contains("/")) {
                throw new IllegalArgumentException("entity " + b.address() + " has not been discovered yet");
            }
            return super.command(b, value);
        }
        if (e.commandTopic() == null) {
            throw new IllegalArgumentException("entity " + e.key() + " has no command topic (read-only)");
        }
        String text;
        if (b.commandPayload() != null) {
            text = org.peresvet.connector.payload.CommandPayload.render(b, value, typeOf(value));
        } else if (value instanceof Boolean on) {
            text = on ? (e.payloadOn() == null ? "ON" : e.payloadOn()) : (e.payloadOff() == null ? "OFF" : e.payloadOff());
        } else {
            text = org.peresvet.connector.payload.CommandPayload.render(b, value, typeOf(value));
        }
        return new Command(e.commandTopic(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Entities seen so far (for tests and the status). */
    int entityCount() {
        return entities.size();
    }
}
