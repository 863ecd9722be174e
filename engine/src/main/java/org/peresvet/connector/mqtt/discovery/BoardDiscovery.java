package org.peresvet.connector.mqtt.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.profile.HaConfigs;
import org.peresvet.connector.mqtt.profile.HaDiscovery;
import org.peresvet.connector.mqtt.profile.PeresvetProtocol;
import org.peresvet.connector.mqtt.profile.Tasmota;
import org.peresvet.connector.mqtt.profile.Utf8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the boards and entities seen on a broker, for the connector wizard: Home Assistant
 * discovery configs (ESPHome and any firmware that speaks it), Tasmota's own discovery, and the
 * boards' availability topics (ESPHome {@code <node>/status}, Tasmota {@code tele/<t>/LWT}).
 * {@link #snapshot()} gives the current list; listeners hear every change (on the link's
 * dispatcher thread: keep them quick). It publishes one thing: {@code online} to
 * {@code <prefix>/status} on every connect, so that boards re-announce themselves (as they do for
 * Home Assistant). Connectors of the Peresvet protocol are listed by their id.
 *
 * <p>Hostile devices are expected: a refused config or a {@code unique_id} conflict is listed on
 * its entity with the reason ({@link DiscoveredEntity#status()}, {@link DiscoveredEntity#problem()})
 * and affects nothing else; configs, Tasmota boards and availability topics held are bounded
 * ({@link HaConfigs}: the oldest are dropped first, with a warning).
 */
public final class BoardDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardDiscovery.class);
    private static final String TASMOTA_DISCOVERY = "tasmota/discovery/";

    private final String prefix;
    private final MqttLink link;
    private final List<Consumer<List<DiscoveredBoard>>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<MqttLink.State, String>> stateListeners = new CopyOnWriteArrayList<>();
    private final HaConfigs haConfigs;
    private final int maxOthers;
    // guarded by this
    private final Map<String, JsonNode> tasmotaConfigs;
    private final Map<String, JsonNode> tasmotaSensors;
    private final Map<String, String> availability;
    private final Map<String, Boolean> peresvetConnectors;
    private volatile List<DiscoveredBoard> boards = List.of();

    public BoardDiscovery(MqttSettings settings, String discoveryPrefix) {
        this(settings, discoveryPrefix, HaConfigs.DEFAULT_MAX_CONFIGS, HaConfigs.DEFAULT_MAX_BYTES);
    }

    /**
     * @param maxConfigs the most discovery configs held (Tasmota boards and availability topics: as many each)
     * @param maxBytes   the most bytes of Home Assistant config held
     */
    public BoardDiscovery(MqttSettings settings, String discoveryPrefix, int maxConfigs, long maxBytes) {
        this.prefix = discoveryPrefix == null ? HaDiscovery.DEFAULT_PREFIX : discoveryPrefix;
        this.haConfigs = new HaConfigs(prefix, maxConfigs, maxBytes);
        this.maxOthers = maxConfigs;
        this.tasmotaConfigs = bounded("Tasmota board configs");
        this.tasmotaSensors = bounded("Tasmota sensor lists");
        this.availability = bounded("availability topics");
        this.peresvetConnectors = bounded("Peresvet-protocol connectors");
        this.link = new MqttLink("discovery", settings, new MqttLink.Listener() {
            @Override
            public void stateChanged(MqttLink.State state, String reason) {
                LOG.debug("discovery link {}: {}", state, reason);
                if (state == MqttLink.State.CONNECTED) {
                    announce();
                }
                for (BiConsumer<MqttLink.State, String> l : stateListeners) {
                    l.accept(state, reason);
                }
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
                onMessage(topic, payload);
            }
        }, 0, 100_000, 32L * 1024 * 1024);
        link.subscribeAll(List.of(prefix + "/#", TASMOTA_DISCOVERY + "#", "+/status", "tele/+/LWT",
                PeresvetProtocol.TO_PLATFORM + "+", PeresvetProtocol.LOST_PREFIX + "+"));
    }

    /** Insertion-ordered, dropping the oldest beyond {@link #maxOthers} with a warning. */
    private <V> Map<String, V> bounded(String what) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() > maxOthers) {
                    LOG.warn("discovery holds at most {} {}: dropped the oldest ({})", maxOthers, what, eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    public BoardDiscovery start() {
        link.start();
        return this;
    }

    public MqttLink.State state() {
        return link.state();
    }

    /** Why the link is not connected (the last failure), or what it is doing. */
    public String reason() {
        return link.reason();
    }

    /** Called with the link's state on every change (connected, or the reason of a failure). */
    public void addStateListener(BiConsumer<MqttLink.State, String> l) {
        stateListeners.add(l);
    }

    /** Asks every board to publish its discovery again, as Home Assistant does when it starts. */
    public void announce() {
        link.publish(prefix + "/status", "online".getBytes(StandardCharsets.UTF_8), 1, false)
                .exceptionally(e -> {
                    LOG.debug("discovery: announce failed: {}", e.toString());
                    return null;
                });
    }

    /** The boards seen so far, sorted by name. */
    public List<DiscoveredBoard> snapshot() {
        return boards;
    }

    /** Called with the new list after every change. */
    public void addListener(Consumer<List<DiscoveredBoard>> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<List<DiscoveredBoard>> l) {
        listeners.remove(l);
    }

    private void onMessage(String topic, byte[] payload) {
        boolean changed;
        synchronized (this) {
            try {
                changed = apply(topic, payload);
                if (changed) {
                    boards = build();
                }
            } catch (RuntimeException e) {
                // a device's message must never break the listing; say which one, without a stack trace
                LOG.warn("discovery: message on {} ignored: {}", topic, e.toString());
                return;
            }
        }
        if (changed) {
            List<DiscoveredBoard> now = boards;
            for (Consumer<List<DiscoveredBoard>> l : listeners) {
                try {
                    l.accept(now);
                } catch (RuntimeException e) {
                    LOG.warn("A discovery listener failed", e);
                }
            }
        }
    }

    private boolean apply(String topic, byte[] payload) {
        if (topic.startsWith(prefix + "/")) {
            if (HaDiscovery.keyOf(prefix, topic) == null) {
                return false;
            }
            long before = haConfigs.version();
            HaConfigs.Change c = haConfigs.apply(topic, payload, k -> false);
            c.warnings().forEach(w -> LOG.warn("discovery: {}", w));
            for (String key : c.keys()) {
                HaDiscovery.Entity now = haConfigs.active(key);
                if (now != null) {
                    for (HaDiscovery.Availability a : now.availability()) {
                        link.subscribe(a.topic());   // e.g. an availability topic outside +/status (checked: no wildcards)
                    }
                }
            }
            return before != haConfigs.version();
        }
        if (topic.startsWith(TASMOTA_DISCOVERY)) {
            String rest = topic.substring(TASMOTA_DISCOVERY.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return false;
            }
            String mac = rest.substring(0, slash);
            String kind = rest.substring(slash + 1);
            JsonNode n = payload.length == 0 ? null : Tasmota.json(payload);
            Map<String, JsonNode> target = kind.equals("config") ? tasmotaConfigs : kind.equals("sensors") ? tasmotaSensors : null;
            if (target == null) {
                return false;
            }
            if (n == null || !n.isObject()) {
                return target.remove(mac) != null;
            }
            JsonNode old = target.put(mac, n);
            return !n.equals(old);
        }
        if (topic.startsWith(PeresvetProtocol.TO_PLATFORM) || topic.startsWith(PeresvetProtocol.LOST_PREFIX)) {
            boolean lost = topic.startsWith(PeresvetProtocol.LOST_PREFIX);
            String id = topic.substring(topic.lastIndexOf('/') + 1);
            if (id.isEmpty() || lost && payload.length == 0) {
                return false;
            }
            Boolean was = peresvetConnectors.put(id, !lost);
            return !Boolean.valueOf(!lost).equals(was);
        }
        String text = Utf8.decode(payload);
        String old = availability.put(topic, text == null ? "" : text);
        return !java.util.Objects.equals(old, text);
    }

    private List<DiscoveredBoard> build() {
        Map<String, List<HaConfigs.Entry>> byDevice = new LinkedHashMap<>();
        for (HaConfigs.Entry x : haConfigs.entries()) {
            HaDiscovery.Entity e = x.entity();
            String[] parts = x.key().split("/");
            String node = parts.length == 3 ? parts[1] : null;
            String id = e != null && e.device() != null ? e.device().id() : e != null && e.nodeId() != null ? e.nodeId()
                    : node != null ? node : x.key();
            byDevice.computeIfAbsent(id, k -> new ArrayList<>()).add(x);
        }
        List<DiscoveredBoard> out = new ArrayList<>();
        byDevice.forEach((id, list) -> out.add(haBoard(id, list)));
        tasmotaConfigs.forEach((mac, cfg) -> out.add(tasmotaBoard(mac, cfg, tasmotaSensors.get(mac))));
        // the platform tells a Peresvet connector its tags: it has no entities of its own to list
        peresvetConnectors.forEach((id, online) -> out.add(new DiscoveredBoard(id, id, null, null, null, "peresvet", id,
                PeresvetProtocol.LOST_PREFIX + id, online, List.of())));
        out.sort(Comparator.comparing(b -> b.name() == null ? b.id() : b.name()));
        return List.copyOf(out);
    }

    private DiscoveredBoard haBoard(String id, List<HaConfigs.Entry> all) {
        List<HaDiscovery.Entity> list = new ArrayList<>();
        List<DiscoveredEntity> entities = new ArrayList<>();
        for (HaConfigs.Entry x : all) {
            if (x.active() != null) {
                list.add(x.active());
            } else {
                entities.add(problemEntity(x));
            }
        }
        HaDiscovery.Entity first = list.isEmpty() ? all.get(0).entity() : list.get(0);
        HaDiscovery.Device d = first == null ? null : first.device();
        boolean esphome = first != null && "ESPHome".equalsIgnoreCase(first.originName()) || d != null && d.swVersion() != null
                && d.swVersion().toLowerCase(Locale.ROOT).startsWith("esphome");
        String avTopic = null;
        Boolean online = null;
        Map<String, String> problems = new HashMap<>();
        all.forEach(x -> {
            if (x.problem() != null) {
                problems.put(x.key(), x.problem());
            }
        });
        for (HaDiscovery.Entity e : list) {
            for (HaDiscovery.Availability a : e.availability()) {
                avTopic = avTopic == null ? a.topic() : avTopic;
                String v = availability.get(a.topic());
                if (v != null) {
                    online = v.equals(a.payloadAvailable()) ? Boolean.TRUE : v.equals(a.payloadNotAvailable()) ? Boolean.FALSE : online;
                }
            }
            String problem = e.templateProblem() != null ? e.templateProblem() : problems.get(e.key());
            entities.add(new DiscoveredEntity(e.key(), e.component(), e.name(), e.uniqueId(), e.stateTopic(), e.commandTopic(), null,
                    e.valueTemplate().isIdentity() ? null : e.valueTemplate().source(), e.unit(), e.deviceClass(), e.min(), e.max(),
                    e.step(), e.payloadOn(), e.payloadOff(),
                    e.templateProblem() != null ? DiscoveredEntity.Status.REFUSED : DiscoveredEntity.Status.OK, problem));
        }
        entities.sort(Comparator.comparing(DiscoveredEntity::key));
        String device = esphome && avTopic != null && avTopic.endsWith("/status") ? avTopic.substring(0, avTopic.length() - 7)
                : first != null ? first.nodeId() : null;
        return new DiscoveredBoard(id, d != null && d.name() != null ? d.name() : id, d == null ? null : d.model(),
                d == null ? null : d.swVersion(), d == null ? null : d.manufacturer(), esphome ? "esphome" : "homeassistant",
                device, avTopic, online, List.copyOf(entities));
    }

    /** A refused or conflicting config, listed with its reason. */
    private static DiscoveredEntity problemEntity(HaConfigs.Entry x) {
        HaDiscovery.Entity e = x.entity();
        String component = x.key().substring(0, x.key().indexOf('/'));
        DiscoveredEntity.Status st = x.status() == HaConfigs.Status.CONFLICT ? DiscoveredEntity.Status.CONFLICT
                : DiscoveredEntity.Status.REFUSED;
        if (e == null) {
            return new DiscoveredEntity(x.key(), component, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, st, x.problem());
        }
        return new DiscoveredEntity(e.key(), e.component(), e.name(), e.uniqueId(), e.stateTopic(), e.commandTopic(), null,
                e.valueTemplate().isIdentity() ? null : e.valueTemplate().source(), e.unit(), e.deviceClass(), e.min(), e.max(),
                e.step(), e.payloadOn(), e.payloadOff(), st, x.problem());
    }

    private DiscoveredBoard tasmotaBoard(String mac, JsonNode cfg, JsonNode sensors) {
        String t = cfg.path("t").asText(null);
        String lwt = t == null ? null : Tasmota.topic(Tasmota.TELE, t, "LWT");
        String v = lwt == null ? null : availability.get(lwt);
        Boolean online = v == null ? null : v.equals(cfg.path("onln").asText(Tasmota.ONLINE)) ? Boolean.TRUE
                : v.equals(cfg.path("ofln").asText(Tasmota.OFFLINE)) ? Boolean.FALSE : null;
        List<DiscoveredEntity> entities = new ArrayList<>();
        JsonNode rl = cfg.path("rl");
        int relays = 0;
        for (JsonNode r : rl) {
            if (r.asInt() == 1) {
                relays++;
            }
        }
        for (int i = 0, n = 0; i < rl.size(); i++) {
            if (rl.get(i).asInt() != 1) {
                continue;
            }
            n++;
            String power = relays == 1 ? "POWER" : "POWER" + (i + 1);
            String friendly = cfg.path("fn").path(i).asText(power);
            entities.add(new DiscoveredEntity("switch/" + power, "switch", friendly, mac + "_RL_" + (i + 1),
                    Tasmota.topic(Tasmota.STAT, t, power), Tasmota.topic(Tasmota.CMND, t, power), null, null, null, null,
                    null, null, null, "ON", "OFF"));
        }
        if (sensors != null) {
            Map<String, Object> flat = Tasmota.flatten(sensors.path("sn").toString().getBytes(StandardCharsets.UTF_8));
            if (flat != null) {
                String tempUnit = String.valueOf(flat.getOrDefault("TempUnit", "C"));
                flat.forEach((path, value) -> {
                    if (path.equals("Time") || path.endsWith("Unit") || !(value instanceof Number)) {
                        return;
                    }
                    entities.add(new DiscoveredEntity("sensor/" + path, "sensor", path, mac + "_" + path,
                            Tasmota.topic(Tasmota.TELE, t, "SENSOR"), null, "$." + path, null, unit(path, tempUnit), null,
                            null, null, null, null, null));
                });
            }
        }
        String sw = cfg.path("sw").asText(null);
        return new DiscoveredBoard(mac, cfg.path("dn").asText(t), cfg.path("md").asText(null), sw == null ? null : "Tasmota " + sw,
                "Tasmota", "tasmota", t, lwt, online, List.copyOf(entities));
    }

    /** Units Tasmota implies by the reading's name. */
    private static String unit(String path, String tempUnit) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        return switch (leaf) {
            case "Temperature", "DewPoint" -> "°" + tempUnit;
            case "Humidity" -> "%";
            case "Pressure" -> "hPa";
            case "Current" -> "A";
            case "Voltage" -> "V";
            case "Power", "ApparentPower" -> "W";
            case "Total", "Today", "Yesterday" -> "kWh";
            default -> null;
        };
    }

    @Override
    public void close() {
        link.close();
    }
}
