package org.peresvet.app.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.peresvet.connector.http.HttpBoardProbe;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * What the wizard proposes for discovered entities: the tag (type from the component and device
 * class, units, a deadband, writable for switch/number/select/button), what the project already
 * has for them (a re-run shows new, changed and vanished entities) and the alarms worth having.
 * Pure: no JavaFX, no I/O.
 */
public final class Proposals {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Components that become a tag, and those that do not yet. */
    private static final Set<String> READ = Set.of("sensor", "binary_sensor", "text", "select", "number", "switch", "button");
    private static final Map<String, Double> DEADBANDS = Map.of("temperature", 0.1, "humidity", 0.5, "pressure", 0.5,
            "voltage", 0.1, "current", 0.01, "power", 1.0, "battery", 1.0, "distance", 0.01);

    private Proposals() {
    }

    /** The profile of the connector a board's entities are read through. */
    static String profileOf(DiscoveredBoard b) {
        if (HttpBoardProbe.isHttp(b)) {
            return "http";
        }
        return "tasmota".equals(b.flavor()) ? "tasmota" : "homeassistant";
    }

    /** The address of an entity in a binding of its profile, and the JSON path (Tasmota sensors). */
    static String[] addressOf(DiscoveredBoard b, DiscoveredEntity e) {
        if (HttpBoardProbe.isHttp(b)) {
            return new String[] {e.stateTopic(), e.jsonPath()};
        }
        if ("tasmota".equals(b.flavor())) {
            String name = e.key().substring(e.key().indexOf('/') + 1);
            return e.component().equals("switch") ? new String[] {name, null} : new String[] {"SENSOR", e.jsonPath()};
        }
        return new String[] {e.key(), null};
    }

    /** The binding JSON of a tag for this entity. */
    static String binding(UUID connector, DiscoveredBoard b, DiscoveredEntity e, boolean writable) {
        String[] a = addressOf(b, e);
        var n = JSON.createObjectNode();
        n.put("connector", connector.toString());
        n.put("address", a[0]);
        if (a[1] != null) {
            n.put("json", a[1]);
        }
        if (writable) {
            n.put("command", HttpBoardProbe.isHttp(b) ? e.commandTopic() : "tasmota".equals(b.flavor()) ? a[0] : "auto");
        }
        return n.toString();
    }

    /** Why an entity cannot become a tag, or null. */
    static String unsupported(DiscoveredEntity e) {
        if (e.status() != DiscoveredEntity.Status.OK) {
            return e.problem() == null ? "its config was refused" : e.problem();
        }
        if (!READ.contains(e.component())) {
            return "a " + e.component() + " is not supported yet (sensor, binary_sensor, switch, number, select, button and text are)";
        }
        if (e.stateTopic() == null && !e.component().equals("button")) {
            return "it names no state topic";
        }
        return null;
    }

    static ValueType typeOf(DiscoveredEntity e) {
        return switch (e.component()) {
            case "switch", "binary_sensor", "button" -> ValueType.BOOL;
            case "select", "text" -> ValueType.STRING;
            default -> ValueType.DOUBLE;
        };
    }

    static boolean writableOf(DiscoveredEntity e) {
        return e.commandTopic() != null && Set.of("switch", "number", "select", "button").contains(e.component());
    }

    static double deadbandOf(DiscoveredEntity e) {
        if (typeOf(e) != ValueType.DOUBLE || e.component().equals("number")) {
            return 0;
        }
        Double d = e.deviceClass() == null ? null : DEADBANDS.get(e.deviceClass());
        if (d != null) {
            return d;
        }
        if (e.min() != null && e.max() != null && e.max() > e.min()) {
            return (e.max() - e.min()) / 1000;
        }
        return 0;
    }

    /** A tag name from the entity's name (or its id), made valid. */
    static String tagName(DiscoveredEntity e) {
        String n = e.name() != null && !e.name().isBlank() ? e.name() : e.key().substring(e.key().lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        n.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || "/\\.:*?\"<>|".indexOf(cp) >= 0 ? '_' : cp));
        String s = out.toString().strip();
        return s.isEmpty() ? "value" : s.length() > 60 ? s.substring(0, 60) : s;
    }

    /** The rows for the chosen boards against the model: each entity, and the tags whose entity vanished. */
    public static List<EntityRow> rows(List<DiscoveredBoard> boards, ModelSnapshot model) {
        List<EntityRow> out = new ArrayList<>();
        for (DiscoveredBoard b : boards) {
            List<Bound> bound = boundTags(b, model);
            Set<UUID> seen = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (DiscoveredEntity e : b.entities()) {
                String why = unsupported(e);
                String[] a = addressOf(b, e);
                Bound existing = bound.stream().filter(x -> x.address.equals(a[0]) && Objects.equals(x.json, a[1])).findFirst()
                        .orElse(null);
                EntityRow.Status st;
                if (existing == null) {
                    st = EntityRow.Status.NEW;
                } else {
                    seen.add(existing.tag.id());
                    boolean same = Objects.equals(blankToNull(existing.tag.units()), blankToNull(e.unit()))
                            && existing.tag.type() == typeOf(e);
                    st = same ? EntityRow.Status.UNCHANGED : EntityRow.Status.CHANGED;
                }
                EntityRow r = new EntityRow(b, e, existing == null ? null : existing.tag.id(), st, why);
                r.tagName = existing != null ? existing.tag.name() : unique(tagName(e), names);
                r.proposedName = r.tagName;
                r.type = typeOf(e);
                r.units = e.unit() == null ? "" : e.unit();
                r.deadband = deadbandOf(e);
                r.writable = writableOf(e);
                r.include = why == null && st != EntityRow.Status.UNCHANGED;
                out.add(r);
            }
            for (Bound x : bound) {
                if (!seen.contains(x.tag.id())) {
                    DiscoveredEntity gone = new DiscoveredEntity(x.address, "?", x.tag.name(), null, null, null, x.json, null,
                            x.tag.units(), null, null, null, null, null, null);
                    EntityRow r = new EntityRow(b, gone, x.tag.id(), EntityRow.Status.VANISHED, null);
                    r.tagName = x.tag.name();
                    r.type = x.tag.type();
                    r.units = x.tag.units();
                    r.include = false;   // deleting a tag is the user's explicit choice
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n.toLowerCase(Locale.ROOT)); i++) {
            n = name + " " + i;
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private record Bound(TagDef tag, String address, String json) {
    }

    /** Tags bound to a connector that reads this board (same profile, and for Tasmota the same device). */
    private static List<Bound> boundTags(DiscoveredBoard b, ModelSnapshot model) {
        List<Bound> out = new ArrayList<>();
        for (ConnectorDef c : model.connectors()) {
            if (!matches(c, b)) {
                continue;
            }
            for (TagDef t : model.tagsBoundTo(c.id())) {
                JsonNode n = read(t.sourceConfig());
                if (n == null || t.source() != SourceKind.CONNECTOR) {
                    continue;
                }
                String address = n.path("address").asText("");
                String json = n.hasNonNull("json") ? n.get("json").asText() : null;
                // a Home Assistant connector serves many boards: only this board's entities are its
                if ("homeassistant".equals(profileOf(b)) && b.entities().stream().noneMatch(e -> e.key().equals(address))
                        && !belongsTo(address, b)) {
                    continue;
                }
                out.add(new Bound(t, address, json));
            }
        }
        return out;
    }

    /** An entity key of this board's (its node id / device name in the key). */
    private static boolean belongsTo(String address, DiscoveredBoard b) {
        String[] parts = address.split("/");
        return parts.length == 3 && (parts[1].equals(b.device()) || parts[1].equals(b.id()));
    }

    static boolean matches(ConnectorDef c, DiscoveredBoard b) {
        if (HttpBoardProbe.isHttp(b)) {
            JsonNode n = "http".equals(c.kind()) ? read(c.config()) : null;
            return n != null && b.device().equals(n.path("baseUrl").asText(""));
        }
        if (!"mqtt".equals(c.kind())) {
            return false;
        }
        JsonNode n = read(c.config());
        if (n == null || !profileOf(b).equals(n.path("profile").asText(""))) {
            return false;
        }
        return !"tasmota".equals(profileOf(b)) || Objects.equals(n.path("device").asText(null), b.device());
    }

    static JsonNode read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The alarms worth having: communication loss for each board (on its first tag, from its
     * availability), limits from a number's min/max, and device-class defaults.
     */
    public static List<AlarmRow> alarms(List<EntityRow> rows) {
        List<AlarmRow> out = new ArrayList<>();
        Set<String> boardsDone = new HashSet<>();
        for (EntityRow r : rows) {
            if (!r.include || r.status == EntityRow.Status.VANISHED) {
                continue;
            }
            DiscoveredEntity e = r.entity;
            if (r.board.availabilityTopic() != null && boardsDone.add(r.board.id())) {
                out.add(new AlarmRow(r, AlarmKind.BAD_QUALITY, null, "Communication lost",
                        r.board.name() + " reports its availability on " + r.board.availabilityTopic()));
            }
            if (r.type != ValueType.DOUBLE) {
                continue;
            }
            if (e.component().equals("number") && e.max() != null) {
                out.add(new AlarmRow(r, AlarmKind.HI, e.max(), null, "the number's maximum"));
            }
            if (e.component().equals("number") && e.min() != null) {
                out.add(new AlarmRow(r, AlarmKind.LO, e.min(), null, "the number's minimum"));
            }
            if ("temperature".equals(e.deviceClass())) {
                out.add(new AlarmRow(r, AlarmKind.HI, 60.0, null, "temperature: high at 60"));
            }
            if ("battery".equals(e.deviceClass())) {
                out.add(new AlarmRow(r, AlarmKind.LO, 20.0, null, "battery: low at 20 %"));
            }
        }
        return out;
    }
}
