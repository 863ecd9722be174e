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
import org.peresvet.connector.mqtt.profile.HaConfigs;
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
    /**
     * A template that takes more CPU than this on one message is switched off for its entity (CPU
     * time, not wall time: a GC pause or a busy machine must not switch off a good template).
     */
    static final long TEMPLATE_BUDGET_NANOS = 50_000_000;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final HaConfigs configs;
    private final Map<String, String> slowTemplates = new ConcurrentHashMap<>();
    private final Runnable rebind;
    private volatile Set<String> boundKeys = Set.of();
    private volatile Map<UUID, HaDiscovery.Entity> byTag = Map.of();
    private volatile Map<String, List<HaDiscovery.Entity>> byAvailability = Map.of();

    HomeAssistantProfile(ConnectorContext ctx, MqttConnectorConfig config, Runnable rebind) {
        super(ctx, config);
        this.rebind = rebind;
        this.configs = new HaConfigs(config.discoveryPrefix(), config.discoveryMaxConfigs(), config.discoveryMaxBytes());
    }

    /** The discovery configs seen, with their problems and conflicts. */
    HaConfigs configs() {
        return configs;
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
        HaDiscovery.Entity e = configs.active(address);
        if (e == null) {
            String key = HaDiscovery.keyOf(prefix(), address);
            e = key == null ? null : configs.active(key);
        }
        if (e == null) {
            e = configs.byUniqueId(address); // the first owner only: a duplicate claim never takes a binding
        }
        return e;
    }

    @Override
    Set<String> bind(List<Binding> newBindings) {
        Map<UUID, HaDiscovery.Entity> tags = new HashMap<>();
        Map<String, List<HaDiscovery.Entity>> avail = new HashMap<>();
        Set<String> keys = new java.util.HashSet<>();
        for (Binding b : newBindings) {
            HaDiscovery.Entity e = resolve(b.address());
            String direct = HaDiscovery.keyOf(prefix(), b.address());
            keys.add(direct != null ? direct : b.address());
            if (e != null) {
                keys.add(e.key());
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
        boundKeys = Set.copyOf(keys);
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
            String problem = e.templateProblem() != null ? e.templateProblem() : slowTemplates.get(e.key());
            if (problem != null) {
                bad(List.of(b.tagId()), problem);
                continue;
            }
            if (text == null) {
                text = org.peresvet.connector.mqtt.profile.Utf8.decode(payload);
            }
            if (text == null) {
                bad(List.of(b.tagId()), topic + ": payload is not UTF-8");
                continue;
            }
            long t0 = CPU.getCurrentThreadCpuTime();
            ValueTemplate.Result r = e.valueTemplate().apply(text);
            long took = CPU.getCurrentThreadCpuTime() - t0;
            if (took > TEMPLATE_BUDGET_NANOS) {
                String why = "value_template " + e.valueTemplate().source() + " took " + took / 1_000_000
                        + " ms on one message (the budget is " + TEMPLATE_BUDGET_NANOS / 1_000_000 + " ms): switched off";
                slowTemplates.put(e.key(), why);
                ctx.log("WARN", "entity " + e.key() + ": " + why);
            }
            if (r.ok()) {
                ctx.deliver(b.tagId(), r.text().getBytes(StandardCharsets.UTF_8));
            } else if (r.absent()) {
                continue;   // a message of the same topic with other readings: this entity's value stands
            } else {
                bad(List.of(b.tagId()), topic + ": " + r.rejection());
            }
        }
        availability(topic, payload);
    }

    /** Never throws: whatever a device's config holds affects only its own entity (see {@link HaConfigs}). */
    private void discovery(String topic, byte[] payload) {
        Set<String> bound = boundKeys;
        HaConfigs.Change c = configs.apply(topic, payload, bound::contains);
        c.warnings().forEach(w -> ctx.log("WARN", w));
        if (!c.activeChanged()) {
            return;
        }
        boolean rebindNow = false;
        for (HaDiscovery.Entity old : c.removed()) {
            List<UUID> tags = tagsOf(old);
            if (!tags.isEmpty()) {
                ctx.sourceLost(tags, "entity " + old.key() + " was removed (empty discovery config)");
                rebindNow = true;
            }
        }
        for (String key : c.keys()) {
            HaDiscovery.Entity now = configs.active(key);
            if (now != null && isBound(now)) {
                slowTemplates.remove(now.key());
                ctx.log("INFO", "entity " + now.key() + " discovered: state " + now.stateTopic()
                        + (now.commandTopic() == null ? "" : ", command " + now.commandTopic()));
                rebindNow = true;
            }
        }
        if (rebindNow) {
            rebind.run();
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

    /** Configs held so far (for tests and the status). */
    int entityCount() {
        return configs.size();
    }
}
