package org.peresvet.connector.mqtt.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.peresvet.connector.payload.DeviceNumbers;
import org.peresvet.model.io.JsonFields;

/**
 * Home Assistant MQTT discovery: {@code <prefix>/<component>/[<node_id>/]<object_id>/config},
 * a retained JSON config per entity; an empty payload removes the entity. Both the long keys and
 * the abbreviated ones firmware sends ({@code stat_t}, {@code cmd_t}, {@code avty_t}, {@code dev}
 * {@code {ids, mdl, mf, sw}} ...) are understood, and {@code ~} is expanded at the start or the
 * end of every {@code *_topic} value. Pure: no I/O, never throws.
 */
public final class HaDiscovery {
    public static final String DEFAULT_PREFIX = "homeassistant";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Problems as "min: expected a number", "name: must be text or a number". */
    private static final JsonFields FIELDS = new JsonFields((parent, key, problem, reason, known) -> new IllegalArgumentException(
            key + ": " + (problem == JsonFields.Problem.NOT_NUMBER ? "expected a number" : reason)));

    /** Abbreviation → full key, for the entity level (the subset real firmware uses, and more). */
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("act_t", "action_topic"), Map.entry("atype", "automation_type"),
            Map.entry("avty", "availability"), Map.entry("avty_mode", "availability_mode"),
            Map.entry("avty_t", "availability_topic"), Map.entry("avty_tpl", "availability_template"),
            Map.entry("cmd_t", "command_topic"), Map.entry("cmd_tpl", "command_template"),
            Map.entry("dev", "device"), Map.entry("dev_cla", "device_class"),
            Map.entry("ent_cat", "entity_category"), Map.entry("exp_aft", "expire_after"),
            Map.entry("frc_upd", "force_update"), Map.entry("ic", "icon"),
            Map.entry("json_attr_t", "json_attributes_topic"), Map.entry("json_attr_tpl", "json_attributes_template"),
            Map.entry("max", "max"), Map.entry("min", "min"), Map.entry("mode", "mode"),
            Map.entry("obj_id", "object_id"), Map.entry("opt", "optimistic"), Map.entry("o", "origin"),
            Map.entry("pl_avail", "payload_available"), Map.entry("pl_not_avail", "payload_not_available"),
            Map.entry("pl_on", "payload_on"), Map.entry("pl_off", "payload_off"), Map.entry("pl_prs", "payload_press"),
            Map.entry("pl_open", "payload_open"), Map.entry("pl_cls", "payload_close"), Map.entry("pl_stop", "payload_stop"),
            Map.entry("pos_t", "position_topic"), Map.entry("ret", "retain"), Map.entry("qos", "qos"),
            Map.entry("stat_cla", "state_class"), Map.entry("stat_t", "state_topic"),
            Map.entry("stat_tpl", "state_template"), Map.entry("stat_val_tpl", "state_value_template"),
            Map.entry("stat_on", "state_on"), Map.entry("stat_off", "state_off"),
            Map.entry("step", "step"), Map.entry("uniq_id", "unique_id"),
            Map.entry("unit_of_meas", "unit_of_measurement"), Map.entry("val_tpl", "value_template"),
            Map.entry("sug_dsp_prc", "suggested_display_precision"), Map.entry("t", "topic"),
            Map.entry("en", "enabled_by_default"), Map.entry("pct_cmd_t", "percentage_command_topic"),
            Map.entry("pct_stat_t", "percentage_state_topic"), Map.entry("set_pos_t", "set_position_topic"),
            Map.entry("temp_cmd_t", "temperature_command_topic"), Map.entry("temp_stat_t", "temperature_state_topic"),
            Map.entry("curr_temp_t", "current_temperature_topic"), Map.entry("mode_cmd_t", "mode_command_topic"),
            Map.entry("mode_stat_t", "mode_state_topic"), Map.entry("bri_cmd_t", "brightness_command_topic"),
            Map.entry("bri_stat_t", "brightness_state_topic"), Map.entry("ops", "options"));

    /** Abbreviations inside {@code device}. */
    static final Map<String, String> DEVICE_ABBREVIATIONS = Map.of("ids", "identifiers", "cns", "connections",
            "mf", "manufacturer", "mdl", "model", "mdl_id", "model_id", "sw", "sw_version", "hw", "hw_version",
            "sa", "suggested_area", "cu", "configuration_url", "sn", "serial_number");

    /** Abbreviations inside {@code origin}. */
    static final Map<String, String> ORIGIN_ABBREVIATIONS = Map.of("sw", "sw_version", "url", "support_url");

    private HaDiscovery() {
    }

    /** One availability source of an entity. */
    public record Availability(String topic, String payloadAvailable, String payloadNotAvailable, String valueTemplate) {
    }

    /** The device an entity belongs to (a board). */
    public record Device(List<String> identifiers, String name, String model, String manufacturer, String swVersion,
                         String hwVersion, String suggestedArea) {
        /** The first identifier, else the name: the board's id. */
        public String id() {
            return identifiers.isEmpty() ? name : identifiers.get(0);
        }
    }

    /**
     * An entity as its config describes it.
     *
     * @param key             {@code <component>/[<node_id>/]<object_id>} from the config topic: stable, unique per prefix
     * @param availabilityMode {@code latest} (default), {@code any} or {@code all}
     */
    public record Entity(String key, String component, String nodeId, String objectId, String uniqueId, String name,
                         String stateTopic, String commandTopic, ValueTemplate valueTemplate, String templateProblem,
                         List<Availability> availability, String availabilityMode, String unit, String deviceClass,
                         String stateClass, String payloadOn, String payloadOff, String stateOn, String stateOff,
                         Double min, Double max, Double step, String mode, Integer qos, String icon, Device device,
                         String originName, JsonNode config) {
    }

    /** What one message on the discovery prefix means. */
    public sealed interface Message permits Config, Removed, Rejected, NotDiscovery, DeviceConfig {
    }

    /**
     * A device-based config ({@code <prefix>/device/<id>/config} with {@code cmps}): one message per
     * component, each under the key {@code <platform>/<id>/<component id>} as if it had its own topic.
     * A component given only its platform ({@code {"p": "sensor"}}) is removed, as in Home Assistant.
     *
     * @param key   {@code device/<id>}
     * @param parts a {@link Config}, {@link Rejected} or {@link Removed} per component
     */
    public record DeviceConfig(String key, List<Message> parts) implements Message {
    }

    /** The key prefix of device-based configs. */
    public static final String DEVICE = "device";

    public record Config(Entity entity) implements Message {
    }

    public record Removed(String key) implements Message {
    }

    public record Rejected(String key, String reason) implements Message {
    }

    public record NotDiscovery() implements Message {
    }

    /** The entity key of a config topic, or null when it is not one. */
    public static String keyOf(String prefix, String topic) {
        if (!topic.startsWith(prefix + "/") || !topic.endsWith("/config")) {
            return null;
        }
        String middle = topic.substring(prefix.length() + 1, topic.length() - "/config".length());
        String[] parts = middle.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return middle;
    }

    public static Message parse(String prefix, String topic, byte[] payload) {
        String key = keyOf(prefix, topic);
        if (key == null) {
            return new NotDiscovery();
        }
        if (payload == null || payload.length == 0) {
            return new Removed(key);
        }
        String text = Utf8.decode(payload);
        if (text == null) {
            return new Rejected(key, "config payload is not UTF-8");
        }
        if (text.isBlank()) {
            return new Removed(key);
        }
        JsonNode root;
        try {
            root = DeviceNumbers.readJson(text);
        } catch (Exception e) {
            return new Rejected(key, "config is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return new Rejected(key, "config must be a JSON object");
        }
        if (key.startsWith(DEVICE + "/") && key.indexOf('/') == key.lastIndexOf('/')) {
            return device(key, (ObjectNode) root);
        }
        try {
            return new Config(entity(key, expand((ObjectNode) root)));
        } catch (RuntimeException e) {
            // a device's config never breaks the listener: whatever is wrong is this entity's reason
            return new Rejected(key, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Each component with the device's shared options (its own keys win), then read like a single config. */
    private static Message device(String key, ObjectNode root) {
        String id = key.substring(DEVICE.length() + 1);
        JsonNode cmps = root.get("cmps");
        if (cmps == null) {
            cmps = root.get("components");
        }
        if (cmps == null || !cmps.isObject()) {
            return new Rejected(key, "a device config needs cmps, an object of components");
        }
        ObjectNode shared = MAPPER.createObjectNode();
        root.fields().forEachRemaining(f -> {
            String k = ABBREVIATIONS.getOrDefault(f.getKey(), f.getKey());
            if (!k.equals("cmps") && !k.equals("components")) {
                shared.set(k, f.getValue());
            }
        });
        List<Message> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cmps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String objectId = c.getKey();
            JsonNode cfg = c.getValue();
            if (!cfg.isObject()) {
                parts.add(new Rejected(DEVICE + "/" + id + "/" + objectId, "component " + objectId + " must be an object"));
                continue;
            }
            JsonNode p = cfg.has("p") ? cfg.get("p") : cfg.get("platform");
            if (p == null || !p.isTextual() || !p.asText().matches("[a-z_]{1,40}") || objectId.isEmpty() || objectId.contains("/")
                    || objectId.contains("+") || objectId.contains("#")) {
                parts.add(new Rejected(DEVICE + "/" + id + "/" + objectId.replace('/', '_'),
                        "component " + objectId + " needs a platform (p) such as sensor or switch"));
                continue;
            }
            String partKey = p.asText() + "/" + id + "/" + objectId;
            if (cfg.size() == 1) {
                parts.add(new Removed(partKey));
                continue;
            }
            ObjectNode merged = shared.deepCopy();
            cfg.fields().forEachRemaining(f -> {
                String k = ABBREVIATIONS.getOrDefault(f.getKey(), f.getKey());
                if (!k.equals("p") && !k.equals("platform")) {
                    merged.set(k, f.getValue());
                }
            });
            try {
                parts.add(new Config(entity(partKey, expand(merged))));
            } catch (RuntimeException e) {
                parts.add(new Rejected(partKey, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        return new DeviceConfig(key, List.copyOf(parts));
    }

    /** Long keys, {@code ~} expanded (also inside the availability list), device and origin keys unabbreviated. */
    static ObjectNode expand(ObjectNode in) {
        ObjectNode out = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(ABBREVIATIONS.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        }
        String base = out.hasNonNull("~") && out.get("~").isTextual() ? out.get("~").asText() : null;
        if (base != null) {
            List<String> names = new ArrayList<>();
            out.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if ((k.endsWith("_topic") || k.equals("topic")) && out.get(k).isTextual()) {
                    out.put(k, tilde(out.get(k).asText(), base));
                }
            }
        }
        JsonNode avty = out.get("availability");
        if (avty != null && avty.isArray()) {
            ArrayNode list = MAPPER.createArrayNode();
            for (JsonNode a : avty) {
                if (a.isObject()) {
                    ObjectNode item = MAPPER.createObjectNode();
                    a.fields().forEachRemaining(f -> item.set(ABBREVIATIONS.getOrDefault(f.getKey(), f.getKey()), f.getValue()));
                    if (base != null && item.hasNonNull("topic") && item.get("topic").isTextual()) {
                        item.put("topic", tilde(item.get("topic").asText(), base));
                    }
                    list.add(item);
                } else {
                    list.add(a);
                }
            }
            out.set("availability", list);
        }
        out.set("device", renamed(out.get("device"), DEVICE_ABBREVIATIONS));
        out.set("origin", renamed(out.get("origin"), ORIGIN_ABBREVIATIONS));
        return out;
    }

    private static JsonNode renamed(JsonNode n, Map<String, String> names) {
        if (n == null || !n.isObject()) {
            return n;
        }
        ObjectNode o = MAPPER.createObjectNode();
        n.fields().forEachRemaining(f -> o.set(names.getOrDefault(f.getKey(), f.getKey()), f.getValue()));
        return o;
    }

    private static String tilde(String value, String base) {
        if (value.startsWith("~")) {
            return base + value.substring(1);
        }
        if (value.endsWith("~")) {
            return value.substring(0, value.length() - 1) + base;
        }
        return value;
    }

    private static Entity entity(String key, ObjectNode c) {
        String[] parts = key.split("/");
        String component = parts[0];
        String nodeId = parts.length == 3 ? parts[1] : null;
        String objectId = parts[parts.length - 1];
        String stateTopic = text(c, "state_topic");
        String commandTopic = text(c, "command_topic");
        checkTopics(c);
        ValueTemplate tpl = ValueTemplate.IDENTITY;
        String problem = null;
        String tplText = text(c, "value_template");
        if (tplText == null) {
            tplText = text(c, "state_value_template");
        }
        try {
            tpl = ValueTemplate.parse(tplText);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        String pa = orDefault(text(c, "payload_available"), "online");
        String pna = orDefault(text(c, "payload_not_available"), "offline");
        List<Availability> avail = new ArrayList<>();
        if (text(c, "availability_topic") != null) {
            avail.add(new Availability(text(c, "availability_topic"), pa, pna, text(c, "availability_template")));
        }
        JsonNode list = c.get("availability");
        if (list != null && list.isArray()) {
            for (JsonNode a : list) {
                if (a.isObject() && a.hasNonNull("topic")) {
                    avail.add(new Availability(a.get("topic").asText(), orDefault(text(a, "payload_available"), pa),
                            orDefault(text(a, "payload_not_available"), pna), text(a, "value_template")));
                }
            }
        }
        Device device = null;
        JsonNode d = c.get("device");
        if (d != null && d.isObject()) {
            List<String> ids = new ArrayList<>();
            JsonNode idn = d.get("identifiers");
            if (idn != null && idn.isArray()) {
                idn.forEach(x -> ids.add(x.asText()));
            } else if (idn != null && idn.isValueNode() && !idn.isNull()) {
                ids.add(idn.asText());
            }
            JsonNode cns = d.get("connections");
            if (ids.isEmpty() && cns != null && cns.isArray()) {
                cns.forEach(pair -> {
                    if (pair.isArray() && pair.size() == 2) {
                        ids.add(pair.get(0).asText() + ":" + pair.get(1).asText());
                    }
                });
            }
            device = new Device(List.copyOf(ids), text(d, "name"), text(d, "model"), text(d, "manufacturer"),
                    text(d, "sw_version"), text(d, "hw_version"), text(d, "suggested_area"));
        }
        JsonNode origin = c.get("origin");
        String originName = origin != null && origin.isObject() ? text(origin, "name") : null;
        String uniqueId = text(c, "unique_id");
        String name = text(c, "name");
        Integer qos = c.hasNonNull("qos") && c.get("qos").canConvertToInt() ? c.get("qos").asInt() : null;
        return new Entity(key, component, nodeId, objectId, uniqueId, name, stateTopic, commandTopic, tpl, problem,
                List.copyOf(avail), orDefault(text(c, "availability_mode"), "latest"), text(c, "unit_of_measurement"),
                text(c, "device_class"), text(c, "state_class"), text(c, "payload_on"), text(c, "payload_off"),
                text(c, "state_on"), text(c, "state_off"), number(c, "min"), number(c, "max"), number(c, "step"),
                text(c, "mode"), qos, text(c, "icon"), device, originName, c);
    }

    /** Every topic the config names (any {@code *_topic}, availability list included): concrete and well formed. */
    private static void checkTopics(ObjectNode c) {
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith("_topic") || e.getKey().equals("topic")) {
                JsonNode v = e.getValue();
                if (v != null && !v.isNull()) {
                    if (!v.isTextual()) {
                        throw new IllegalArgumentException(e.getKey() + " must be text");
                    }
                    DeviceTopics.check(e.getKey(), v.textValue());
                }
            }
        }
        JsonNode list = c.get("availability");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("availability must be a list of {topic: ...}");
            }
            int i = 0;
            for (JsonNode a : list) {
                if (!a.isObject() || !a.path("topic").isTextual()) {
                    throw new IllegalArgumentException("availability[" + i + "] needs a topic");
                }
                DeviceTopics.check("availability[" + i + "].topic", a.get("topic").textValue());
                i++;
            }
        }
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    /** A field as Home Assistant's {@code cv.string} takes it: a scalar as text, a list or an object refused. */
    private static String text(JsonNode n, String key) {
        return FIELDS.scalarText(n, key, "config", null);
    }

    /** A number, or text holding one (devices publish both), by the device number rules. */
    private static Double number(JsonNode n, String key) {
        return FIELDS.numberOrText(n, key, "config", v -> v.isNumber() ? DeviceNumbers.number(v).doubleValue()
                : DeviceNumbers.parseDouble(v.asText().strip()));
    }

    /** The config text of an entity as firmware would publish it (used by the board simulator's tests). */
    public static byte[] bytes(JsonNode config) {
        return config.toString().getBytes(StandardCharsets.UTF_8);
    }
}
