package org.peresvet.app.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.connector.http.HttpBoardProbe;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;

/**
 * Everything the wizard's Finish does, as one list of model edits (applied as one undoable step):
 * the connectors (reused when the project already reads that broker), the boards' objects, the
 * tags with their bindings, the chosen changes and deletions, and the alarms. Pure.
 */
public final class WizardPlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where boards talk: the broker the connectors use. */
    public record Source(String brokerUrl, String username, String password, String caFile) {
        @Override
        public String toString() {
            return "Source[" + brokerUrl + ", user=" + username + "]";
        }
    }

    /** The object a board's tags go to: an existing one, or a new one under {@code parent} from a template. */
    public record Target(UUID existingObject, UUID parent, String newName, Template template) {
        public static Target newObject(UUID parent, String name, Template template) {
            return new Target(null, parent, name, template);
        }

        public static Target existing(UUID object) {
            return new Target(object, null, null, null);
        }
    }

    /** The templates of a new object: what it is (its description) for now. */
    public enum Template { GENERIC, PUMP, TANK, VALVE }

    /**
     * @param lines the preview, one line per thing created, changed or deleted
     */
    public record Plan(List<ModelEdit> edits, List<String> lines, int connectors, int objects, int tags, int alarms, int deleted) {
    }

    private WizardPlan() {
    }

    public static Plan build(ModelSnapshot model, Source source, List<EntityRow> rows, Map<String, Target> targets,
                             List<AlarmRow> alarms) {
        List<ModelEdit> edits = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Map<String, UUID> connectorOf = new HashMap<>();
        Map<Target, UUID> objectOf = new HashMap<>();
        Map<UUID, Template> templated = new LinkedHashMap<>();
        Map<UUID, Set<String>> objectNames = new HashMap<>();
        Map<EntityRow, UUID> tagOf = new HashMap<>();
        Set<String> connectorNames = new HashSet<>();
        model.connectors().forEach(c -> connectorNames.add(c.name().toLowerCase(Locale.ROOT)));
        int connectors = 0;
        int objects = 0;
        int tags = 0;
        int deleted = 0;
        Map<UUID, Set<String>> namesIn = new HashMap<>();
        Map<String, DiscoveredBoard> boards = new LinkedHashMap<>();
        rows.stream().filter(r -> r.include).forEach(r -> boards.putIfAbsent(r.board.id(), r.board));
        for (DiscoveredBoard b : boards.values()) {
            String key = connectorKey(b);
            if (!connectorOf.containsKey(key)) {
                ConnectorDef existing = model.connectors().stream()
                        .filter(c -> Proposals.matches(c, b) && (HttpBoardProbe.isHttp(b) || source.brokerUrl().equals(brokerOf(c))))
                        .findFirst().orElse(null);
                if (existing != null) {
                    connectorOf.put(key, existing.id());
                } else {
                    String base = HttpBoardProbe.isHttp(b) ? "HTTP " + b.name() : "tasmota".equals(b.flavor()) ? "Tasmota " + b.device()
                            : "MQTT boards";
                    String name = base;
                    for (int i = 2; !connectorNames.add(name.toLowerCase(Locale.ROOT)); i++) {
                        name = base + " " + i;
                    }
                    ConnectorDef c = HttpBoardProbe.isHttp(b) ? ConnectorDef.create(name, "http", httpConfig(b))
                            : ConnectorDef.create(name, "mqtt", connectorConfig(source, b));
                    edits.add(new ModelEdit.PutConnector(c));
                    lines.add("+ connector " + name + " (" + Proposals.profileOf(b) + ", "
                            + (HttpBoardProbe.isHttp(b) ? b.device() : source.brokerUrl()) + ")");
                    connectorOf.put(key, c.id());
                    connectors++;
                }
            }
        }
        for (EntityRow r : rows) {
            if (!r.include) {
                continue;
            }
            DiscoveredBoard b = r.board;
            UUID connector = connectorOf.get(connectorKey(b));
            switch (r.status) {
                case NEW -> {
                    Target target = r.target != null ? r.target
                            : targets.getOrDefault(b.id(), Target.newObject(null, b.name(), Template.GENERIC));
                    UUID obj = objectOf.get(target);
                    if (obj == null) {
                        obj = createObject(model, target, b, edits, lines, objectNames);
                        objectOf.put(target, obj);
                        if (target.template() != null && target.template() != Template.GENERIC) {
                            templated.put(obj, target.template());
                        }
                        objects += target.existingObject() == null ? 1 : 0;
                    }
                    Set<String> used = namesIn.computeIfAbsent(obj, o -> namesUnder(model, o));
                    String name = r.tagName;
                    for (int i = 2; !used.add(name.toLowerCase(Locale.ROOT)); i++) {
                        name = r.tagName + " " + i;
                    }
                    TagDef tag = TagDef.builder(obj, name, r.type).id(UUID.randomUUID()).units(r.units == null ? "" : r.units)
                            .deadband(r.deadband).description(description(r)).source(SourceKind.CONNECTOR)
                            .sourceConfig(Proposals.binding(connector, b, r.entity, r.writable)).build();
                    edits.add(new ModelEdit.PutTag(tag));
                    tagOf.put(r, tag.id());
                    lines.add("+ tag " + name + " (" + r.type.name().toLowerCase(Locale.ROOT)
                            + (r.units == null || r.units.isBlank() ? "" : ", " + r.units) + (r.writable ? ", writable" : "") + ")");
                    tags++;
                }
                case CHANGED, UNCHANGED -> {
                    TagDef old = model.tag(r.existingTag);
                    if (old == null) {
                        continue;
                    }
                    TagDef tag = old.toBuilder().units(r.units == null ? "" : r.units).type(r.type).deadband(r.deadband)
                            .sourceConfig(Proposals.binding(connector, b, r.entity, r.writable)).build();
                    edits.add(new ModelEdit.PutTag(tag));
                    tagOf.put(r, tag.id());
                    lines.add("~ tag " + model.tagPath(old.id()) + " (units " + r.units + ", " + r.type.name().toLowerCase(Locale.ROOT) + ")");
                }
                case VANISHED -> {
                    edits.add(new ModelEdit.DeleteTag(r.existingTag));
                    lines.add("- tag " + model.tagPath(r.existingTag) + " (its entity is gone from the board)");
                    deleted++;
                }
                default -> throw new IllegalStateException();
            }
        }
        // a template's standard tags that no entity fills: manual tags, so the object is complete
        for (Map.Entry<UUID, Template> o : templated.entrySet()) {
            Set<String> used = namesIn.computeIfAbsent(o.getKey(), x -> new HashSet<>());
            for (Templates.Standard st : Templates.standardTags(o.getValue())) {
                if (used.add(st.name().toLowerCase(Locale.ROOT))) {
                    edits.add(new ModelEdit.PutTag(TagDef.builder(o.getKey(), st.name(), st.type()).id(UUID.randomUUID())
                            .units(st.units()).description(label(o.getValue()) + " standard tag").build()));
                    lines.add("+ tag " + st.name() + " (" + st.type().name().toLowerCase(Locale.ROOT)
                            + (st.units().isEmpty() ? "" : ", " + st.units()) + ", manual: " + label(o.getValue()) + " standard)");
                    tags++;
                }
            }
        }
        int alarmCount = 0;
        for (AlarmRow a : alarms) {
            UUID tag = tagOf.get(a.row);
            if (!a.include || tag == null) {
                continue;
            }
            AlarmDef.Builder ab = AlarmDef.builder(tag, a.kind).limit(a.limit);
            if (a.name != null) {
                ab.name(a.name);
            }
            AlarmDef def = ab.message(a.why).build();
            edits.add(new ModelEdit.PutAlarm(def));
            lines.add("+ alarm " + def.name() + " on " + a.row.tagName + (a.limit == null ? "" : " at " + a.limit));
            alarmCount++;
        }
        return new Plan(List.copyOf(edits), List.copyOf(lines), connectors, objects, tags, alarmCount, deleted);
    }

    /** A new object for the target (a unique name under its parent), or the existing one. */
    private static UUID createObject(ModelSnapshot model, Target t, DiscoveredBoard b, List<ModelEdit> edits, List<String> lines,
                                     Map<UUID, Set<String>> objectNames) {
        if (t.existingObject() != null) {
            return t.existingObject();
        }
        Set<String> taken = objectNames.computeIfAbsent(t.parent(), p -> {
            Set<String> names = new HashSet<>();
            model.childObjects(p).forEach(o -> names.add(o.name().toLowerCase(Locale.ROOT)));
            return names;
        });
        String name = t.newName();
        for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = t.newName() + " " + i;
        }
        Template tpl = t.template() == null ? Template.GENERIC : t.template();
        ObjectDef o = new ObjectDef(UUID.randomUUID(), t.parent(), name,
                (tpl == Template.GENERIC ? "" : label(tpl) + "; ") + "board " + b.name() + (b.model() == null ? "" : " (" + b.model() + ")"));
        edits.add(new ModelEdit.PutObject(o));
        lines.add("+ object " + name + (tpl == Template.GENERIC ? "" : " [" + label(tpl) + "]"));
        return o.id();
    }

    private static Set<String> namesUnder(ModelSnapshot model, UUID obj) {
        Set<String> s = new HashSet<>();
        if (model.object(obj) != null) {
            model.tagsOf(obj).forEach(t -> s.add(t.name().toLowerCase(Locale.ROOT)));
            model.childObjects(obj).forEach(o -> s.add(o.name().toLowerCase(Locale.ROOT)));
        }
        return s;
    }

    private static String description(EntityRow r) {
        StringBuilder d = new StringBuilder(r.board.name()).append(": ").append(r.entity.key());
        if (r.entity.deviceClass() != null) {
            d.append(" (").append(r.entity.deviceClass()).append(')');
        }
        return d.toString();
    }

    static String label(Template t) {
        return switch (t) {
            case GENERIC -> "Generic";
            case PUMP -> "Pump";
            case TANK -> "Tank";
            case VALVE -> "Valve";
        };
    }

    private static String brokerOf(ConnectorDef c) {
        var n = Proposals.read(c.config());
        return n == null ? null : n.path("broker").asText(n.path("url").asText(null));
    }

    /** Boards that share a connector: every Home Assistant board on the broker; one Tasmota device; one HTTP board. */
    private static String connectorKey(DiscoveredBoard b) {
        return Proposals.profileOf(b) + "|" + ("tasmota".equals(b.flavor()) || HttpBoardProbe.isHttp(b) ? b.device() : "");
    }

    /** An HTTP board is polled every 2 s; an ESPHome web server also pushes its changes on /events. */
    private static String httpConfig(DiscoveredBoard b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("baseUrl", b.device());
        n.put("period", 2000);
        if (HttpBoardProbe.ESPHOME.equals(b.flavor())) {
            n.put("events", true);
        }
        return n.toString();
    }

    private static String connectorConfig(Source s, DiscoveredBoard b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("broker", s.brokerUrl());
        if (s.username() != null && !s.username().isBlank()) {
            n.put("username", s.username());
            n.put("password", s.password() == null ? "" : s.password());
        }
        if (s.caFile() != null && !s.caFile().isBlank()) {
            n.putObject("tls").put("ca", s.caFile());
        }
        n.put("profile", Proposals.profileOf(b));
        if ("tasmota".equals(b.flavor())) {
            n.put("device", b.device());
        }
        return n.toString();
    }
}
