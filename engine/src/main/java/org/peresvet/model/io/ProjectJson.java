package org.peresvet.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.JsonValues;
import org.peresvet.model.Names;
import org.peresvet.model.Quoted;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * The project as one readable JSON document: objects nested as a tree, children and tags sorted
 * by name, keys in a fixed order, so projects diff well in git. Reading is strict: unknown keys
 * and wrong types are refused with the JSON path of the offending value.
 */
public final class ProjectJson {
    public static final String FORMAT = "peresvet-project";
    public static final int VERSION = 1;

    /** Pretty printed with "\n" line ends on every OS, so documents diff the same everywhere. */
    private static final ObjectMapper MAPPER = new ObjectMapper().setDefaultPrettyPrinter(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP_KEYS = Set.of("format", "version", "settings", "objects", "schedules", "methods",
            "connectors", "documents");
    private static final Set<String> DOCUMENT_KEYS = Set.of("id", "kind", "name", "body");
    private static final Set<String> CONNECTOR_KEYS = Set.of("id", "name", "kind", "enabled", "config");
    private static final Set<String> SETTINGS_KEYS = Set.of("name", "historyRetentionDays", "historyFlushMillis");
    private static final Set<String> OBJECT_KEYS = Set.of("id", "name", "description", "tags", "objects");
    private static final Set<String> TAG_KEYS = Set.of("id", "name", "description", "type", "units", "min", "max",
            "step", "update", "deadband", "default", "enabled", "source", "sourceConfig", "formula", "trigger", "alarms");
    private static final Set<String> ALARM_KEYS = Set.of("id", "name", "kind", "priority", "limit", "setpoint", "value",
            "expression", "message", "deadband", "onDelayMs", "offDelayMs", "latching", "autoAck", "enabled", "suppressedBy");

    private ProjectJson() {
    }

    // ---- writing ----

    /** The whole project (root null) or the subtree of one object, as pretty-printed JSON. */
    public static String write(ModelSnapshot model, ProjectSettings settings, UUID root) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        if (root == null && settings != null) {
            ObjectNode s = doc.putObject("settings");
            s.put("name", settings.name());
            s.put("historyRetentionDays", settings.historyRetentionDays());
            s.put("historyFlushMillis", settings.historyFlushMillis());
        }
        List<ConnectorDef> connectors = root == null ? model.connectors() : connectorsUsedBy(model, root);
        if (!connectors.isEmpty()) {
            ArrayNode arr = doc.putArray("connectors");
            connectors.forEach(c -> arr.add(connectorNode(c)));
        }
        ArrayNode objects = doc.putArray("objects");
        List<ObjectDef> tops = root == null ? model.childObjects(null) : List.of(model.object(root));
        for (ObjectDef o : tops) {
            objects.add(objectNode(model, o));
        }
        if (root == null && !model.schedules().isEmpty()) {
            ArrayNode arr = doc.putArray("schedules");
            model.schedules().stream().sorted(java.util.Comparator.comparing(ScheduleDef::name).thenComparing(ScheduleDef::id))
                    .forEach(sc -> arr.add(DefinitionJson.write(sc)));
        }
        if (root == null && !model.methods().isEmpty()) {
            ArrayNode arr = doc.putArray("methods");
            model.methods().stream().sorted(java.util.Comparator.comparing(MethodDef::name).thenComparing(MethodDef::id))
                    .forEach(m -> arr.add(DefinitionJson.write(m)));
        }
        if (root == null && !model.documents().isEmpty()) {
            ArrayNode arr = doc.putArray("documents");
            model.documents().forEach(d -> arr.add(documentNode(d)));
        }
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The connectors the subtree's tags are bound to, so an exported subtree can be imported elsewhere. */
    private static List<ConnectorDef> connectorsUsedBy(ModelSnapshot model, UUID root) {
        Set<UUID> used = new HashSet<>();
        model.tagsInSubtree(root).forEach(t -> {
            UUID c = ConnectorDef.boundConnector(t);
            if (c != null) {
                used.add(c);
            }
        });
        return model.connectors().stream().filter(c -> used.contains(c.id())).toList();
    }

    private static ObjectNode documentNode(DocumentDef d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", d.id().toString());
        n.put("kind", d.kind());
        n.put("name", d.name());
        try {
            n.set("body", MAPPER.readTree(d.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("document " + d.name() + " holds invalid JSON", e); // validated on every put
        }
        return n;
    }

    private static ObjectNode connectorNode(ConnectorDef c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id().toString());
        n.put("name", c.name());
        n.put("kind", c.kind());
        n.put("enabled", c.enabled());
        try {
            n.set("config", MAPPER.readTree(c.config()));
        } catch (JsonProcessingException e) {
            n.put("config", c.config());
        }
        return n;
    }

    private static ObjectNode objectNode(ModelSnapshot model, ObjectDef o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", o.id().toString());
        n.put("name", o.name());
        if (!o.description().isEmpty()) {
            n.put("description", o.description());
        }
        List<TagDef> tags = model.tagsOf(o.id());
        if (!tags.isEmpty()) {
            ArrayNode arr = n.putArray("tags");
            tags.forEach(t -> arr.add(withAlarms(tagNode(t), model.alarmsOf(t.id()))));
        }
        List<ObjectDef> children = model.childObjects(o.id());
        if (!children.isEmpty()) {
            ArrayNode arr = n.putArray("objects");
            children.forEach(c -> arr.add(objectNode(model, c)));
        }
        return n;
    }

    static ObjectNode tagNode(TagDef t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", t.id().toString());
        n.put("name", t.name());
        if (!t.description().isEmpty()) {
            n.put("description", t.description());
        }
        n.put("type", t.type().label());
        if (!t.units().isEmpty()) {
            n.put("units", t.units());
        }
        if (t.min() != null) {
            n.put("min", t.min());
        }
        if (t.max() != null) {
            n.put("max", t.max());
        }
        n.put("step", t.step());
        n.put("update", t.update());
        n.put("deadband", t.deadband());
        if (t.defaultValue() != null) {
            n.set("default", MAPPER.valueToTree(t.defaultValue()));
        }
        n.put("enabled", t.enabled());
        n.put("source", t.source().label());
        if (t.sourceConfig() != null && !t.sourceConfig().isBlank()) {
            try {
                n.set("sourceConfig", MAPPER.readTree(t.sourceConfig()));
            } catch (JsonProcessingException e) {
                n.put("sourceConfig", t.sourceConfig());
            }
        }
        if (t.formula() != null) {
            n.put("formula", t.formula());
        }
        if (t.trigger().kind() != CalcTrigger.Kind.CHANGE) {
            n.put("trigger", t.trigger().toString());
        }
        return n;
    }

    /** Adds a tag's alarm definitions to its node, as the list {@code "alarms"}. */
    private static ObjectNode withAlarms(ObjectNode tagNode, List<AlarmDef> alarms) {
        if (!alarms.isEmpty()) {
            ArrayNode arr = tagNode.putArray("alarms");
            alarms.forEach(a -> arr.add(alarmNode(a)));
        }
        return tagNode;
    }

    static ObjectNode alarmNode(AlarmDef a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", a.id().toString());
        n.put("name", a.name());
        n.put("kind", a.kind().label());
        n.put("priority", a.priority().label());
        if (a.limit() != null) {
            n.put("limit", a.limit());
        }
        if (a.setpointTagId() != null) {
            n.put("setpoint", a.setpointTagId().toString());
        }
        if (a.value() != null) {
            n.set("value", MAPPER.valueToTree(a.value()));
        }
        if (a.expression() != null) {
            n.put("expression", a.expression());
        }
        if (!a.message().isEmpty()) {
            n.put("message", a.message());
        }
        n.put("deadband", a.deadband());
        n.put("onDelayMs", a.onDelayMillis());
        n.put("offDelayMs", a.offDelayMillis());
        n.put("latching", a.latching());
        n.put("autoAck", a.autoAck());
        n.put("enabled", a.enabled());
        if (a.suppressionTagId() != null) {
            n.put("suppressedBy", a.suppressionTagId().toString());
        }
        return n;
    }

    // ---- reading ----

    /**
     * Parses and checks a document. Objects and tags without an id get a new one. Structural
     * problems are reported with their JSON path; model rules (names, ranges) are checked when
     * the document is applied.
     */
    public static ProjectDocument read(String json) {
        JsonNode root;
        try {
            root = StrictJson.read(json);
        } catch (StrictJsonException e) {
            throw new ModelException("$", null, e.getMessage());
        }
        return read(root);
    }

    /** Like {@link #read(String)}, from the bytes of a file: strict UTF-8, a bad byte is named by its offset. */
    public static ProjectDocument read(byte[] utf8) {
        JsonNode root;
        try {
            root = StrictJson.read(utf8);
        } catch (StrictJsonException e) {
            throw new ModelException("$", null, e.getMessage());
        }
        return read(root);
    }

    private static ProjectDocument read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ModelException("$", null, "a project document must be a JSON object");
        }
        checkKeys(root, TOP_KEYS, "$");
        String format = text(root, "format", "$", false);
        if (format != null && !FORMAT.equals(format)) {
            throw new ModelException("$.format", null, "expected \"" + FORMAT + "\", found " + Quoted.of(format));
        }
        JsonNode version = root.get("version");
        if (version != null && (!version.isInt() || version.asInt() > VERSION)) {
            throw new ModelException("$.version", null, "unsupported document version " + Quoted.of(version.toString())
                    + " (this Peresvet reads version " + VERSION + ")");
        }
        ProjectSettings settings = root.has("settings") ? settings(root.get("settings")) : null;
        List<ObjectDef> objects = new ArrayList<>();
        List<TagDef> tags = new ArrayList<>();
        List<AlarmDef> alarms = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        JsonNode arr = root.get("objects");
        if (arr != null) {
            if (!arr.isArray()) {
                throw new ModelException("$.objects", null, "must be an array");
            }
            for (int i = 0; i < arr.size(); i++) {
                readObject(arr.get(i), null, "$.objects[" + i + "]", objects, tags, alarms, ids);
            }
        }
        List<ScheduleDef> schedules = new ArrayList<>();
        JsonNode sarr = root.get("schedules");
        if (sarr != null && !sarr.isNull()) {
            if (!sarr.isArray()) {
                throw new ModelException("$.schedules", null, "must be an array");
            }
            for (int i = 0; i < sarr.size(); i++) {
                schedules.add(DefinitionJson.readSchedule(sarr.get(i), "$.schedules[" + i + "]", ids));
            }
        }
        List<MethodDef> methods = new ArrayList<>();
        JsonNode marr = root.get("methods");
        if (marr != null && !marr.isNull()) {
            if (!marr.isArray()) {
                throw new ModelException("$.methods", null, "must be an array");
            }
            for (int i = 0; i < marr.size(); i++) {
                methods.add(DefinitionJson.readMethod(marr.get(i), "$.methods[" + i + "]", ids));
            }
        }
        List<ConnectorDef> connectors = new ArrayList<>();
        JsonNode carr = root.get("connectors");
        if (carr != null && !carr.isNull()) {
            if (!carr.isArray()) {
                throw new ModelException("$.connectors", null, "must be an array");
            }
            for (int i = 0; i < carr.size(); i++) {
                connectors.add(readConnector(carr.get(i), "$.connectors[" + i + "]", ids));
            }
        }
        List<DocumentDef> documents = new ArrayList<>();
        JsonNode darr = root.get("documents");
        if (darr != null && !darr.isNull()) {
            if (!darr.isArray()) {
                throw new ModelException("$.documents", null, "must be an array");
            }
            for (int i = 0; i < darr.size(); i++) {
                documents.add(readDocument(darr.get(i), "$.documents[" + i + "]", ids));
            }
        }
        return new ProjectDocument(settings, objects, tags, alarms, schedules, methods, connectors, documents);
    }

    private static DocumentDef readDocument(JsonNode n, String p, Set<UUID> ids) {
        if (!n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        checkKeys(n, DOCUMENT_KEYS, p);
        UUID id = id(n, p, ids);
        JsonNode body = n.get("body");
        if (body == null || !body.isObject()) {
            throw new ModelException(p + ".body", null, "must be a JSON object");
        }
        DocumentDef d = new DocumentDef(id, text(n, "kind", p, true), name(n, p, true), body.toString());
        try {
            d.validate();
        } catch (ModelException e) {
            throw new ModelException(p, e.field(), e.reason());
        }
        return d;
    }

    private static ConnectorDef readConnector(JsonNode n, String p, Set<UUID> ids) {
        if (!n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        checkKeys(n, CONNECTOR_KEYS, p);
        UUID id = id(n, p, ids);
        String config = jsonObject(n, "config", p);
        return new ConnectorDef(id, name(n, p, true), text(n, "kind", p, true), bool(n, "enabled", p, true), config);
    }

    private static ProjectSettings settings(JsonNode n) {
        String p = "$.settings";
        if (!n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        checkKeys(n, SETTINGS_KEYS, p);
        String name = text(n, "name", p, false);
        if (name != null && !name.isEmpty()) {
            Names.check(name, p + ".name", null);
        }
        int days = integer(n, "historyRetentionDays", p, ProjectSettings.DEFAULT_RETENTION_DAYS);
        int flush = integer(n, "historyFlushMillis", p, ProjectSettings.DEFAULT_FLUSH_MILLIS);
        try {
            return new ProjectSettings(name, days, flush);
        } catch (ModelException e) {
            throw new ModelException(p + "." + e.field(), null, e.reason());
        }
    }

    private static void readObject(JsonNode n, UUID parent, String p, List<ObjectDef> objects, List<TagDef> tags,
                                   List<AlarmDef> alarms, Set<UUID> ids) {
        if (!n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        checkKeys(n, OBJECT_KEYS, p);
        UUID id = id(n, p, ids);
        String name = name(n, p, true);
        objects.add(new ObjectDef(id, parent, name, text(n, "description", p, false)));
        JsonNode tagArr = n.get("tags");
        if (tagArr != null) {
            if (!tagArr.isArray()) {
                throw new ModelException(p + ".tags", null, "must be an array");
            }
            for (int i = 0; i < tagArr.size(); i++) {
                TagDef tag = readTag(tagArr.get(i), id, p + ".tags[" + i + "]", ids);
                tags.add(tag);
                readAlarms(tagArr.get(i).get("alarms"), tag, p + ".tags[" + i + "].alarms", alarms, ids);
            }
        }
        JsonNode children = n.get("objects");
        if (children != null) {
            if (!children.isArray()) {
                throw new ModelException(p + ".objects", null, "must be an array");
            }
            for (int i = 0; i < children.size(); i++) {
                readObject(children.get(i), id, p + ".objects[" + i + "]", objects, tags, alarms, ids);
            }
        }
    }

    static TagDef readTag(JsonNode n, UUID objectId, String p, Set<UUID> ids) {
        if (!n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        checkKeys(n, TAG_KEYS, p);
        ValueType type;
        try {
            type = ValueType.parse(text(n, "type", p, true));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p + ".type", null, e.getMessage());
        }
        SourceKind source = SourceKind.MANUAL;
        String sourceText = text(n, "source", p, false);
        if (sourceText != null) {
            try {
                source = SourceKind.parse(sourceText);
            } catch (IllegalArgumentException e) {
                throw new ModelException(p + ".source", null, e.getMessage());
            }
        }
        Object dflt = null;
        JsonNode d = n.get("default");
        if (d != null && !d.isNull()) {
            try {
                dflt = type.coerce(d);
            } catch (IllegalArgumentException e) {
                throw new ModelException(p + ".default", null, e.getMessage());
            }
        }
        String sourceConfig = jsonObject(n, "sourceConfig", p);
        CalcTrigger trigger;
        try {
            trigger = CalcTrigger.parse(text(n, "trigger", p, false));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p + ".trigger", null, e.getMessage());
        }
        return new TagDef(id(n, p, ids), objectId, name(n, p, true), text(n, "description", p, false), type,
                text(n, "units", p, false), number(n, "min", p), number(n, "max", p), bool(n, "step", p, false),
                bool(n, "update", p, false), numberOr(n, "deadband", p, 0), dflt, bool(n, "enabled", p, true),
                source, sourceConfig, text(n, "formula", p, false), trigger);
    }

    private static void readAlarms(JsonNode arr, TagDef tag, String p, List<AlarmDef> out, Set<UUID> ids) {
        if (arr == null || arr.isNull()) {
            return;
        }
        if (!arr.isArray()) {
            throw new ModelException(p, null, "must be an array");
        }
        for (int i = 0; i < arr.size(); i++) {
            out.add(readAlarm(arr.get(i), tag, p + "[" + i + "]", ids));
        }
    }

    static AlarmDef readAlarm(JsonNode n, TagDef tag, String p, Set<UUID> ids) {
        if (!n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        checkKeys(n, ALARM_KEYS, p);
        AlarmKind kind;
        try {
            kind = AlarmKind.parse(text(n, "kind", p, true));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p + ".kind", null, e.getMessage());
        }
        AlarmPriority priority = null;
        String prio = text(n, "priority", p, false);
        if (prio != null) {
            try {
                priority = AlarmPriority.parse(prio);
            } catch (IllegalArgumentException e) {
                throw new ModelException(p + ".priority", null, e.getMessage());
            }
        }
        Object value = null;
        JsonNode v = n.get("value");
        if (v != null && !v.isNull()) {
            try {
                value = tag.type().coerce(v);
            } catch (IllegalArgumentException e) {
                throw new ModelException(p + ".value", null, e.getMessage());
            }
        }
        return new AlarmDef(id(n, p, ids), tag.id(), name(n, p, false), kind, priority, number(n, "limit", p),
                tagRef(n, "setpoint", p), value, text(n, "expression", p, false), text(n, "message", p, false),
                numberOr(n, "deadband", p, 0), millis(n, "onDelayMs", p), millis(n, "offDelayMs", p),
                bool(n, "latching", p, false), bool(n, "autoAck", p, false), bool(n, "enabled", p, true),
                tagRef(n, "suppressedBy", p));
    }

    private static UUID tagRef(JsonNode n, String key, String p) {
        String s = text(n, key, p, false);
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ModelException(p + "." + key, null, Quoted.of(s) + " is not a tag id (UUID)");
        }
    }

    private static long millis(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ModelException(p + "." + key, null, "must be a whole number of milliseconds");
        }
        return v.asLong();
    }

    private static void checkKeys(JsonNode n, Set<String> known, String p) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new ModelException(p + "." + Quoted.escape(k, Quoted.MAX_VALUE), null, "unknown key (known keys: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static UUID id(JsonNode n, String p, Set<UUID> ids) {
        String s = text(n, "id", p, false);
        UUID id;
        if (s == null) {
            id = UUID.randomUUID();
        } else {
            try {
                id = UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new ModelException(p + ".id", null, Quoted.of(s) + " is not a UUID");
            }
        }
        if (!ids.add(id)) {
            throw new ModelException(p + ".id", null, "id " + id + " appears twice in the document");
        }
        return id;
    }

    /** The item's name, checked by the one name rule here, so a refusal names its JSON path. */
    static String name(JsonNode n, String p, boolean required) {
        String name = text(n, "name", p, required);
        if (name != null) {
            Names.check(name, p + ".name", null);
        }
        return name;
    }

    private static String text(JsonNode n, String key, String p, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ModelException(p + "." + key, null, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new ModelException(p + "." + key, null, "must be a string");
        }
        String s = v.textValue();
        String bad = Names.invalidTextReason(s);
        if (bad != null) {
            throw new ModelException(p + "." + key, null, bad);
        }
        return s;
    }

    /**
     * A JSON object kept as text (a source or connector config): written inline, or as a string
     * holding JSON. Kept in one compact form, so a document exported and imported again is the same.
     */
    private static String jsonObject(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode obj = v;
        if (v.isTextual()) {
            if (v.textValue().isBlank()) {
                return null;
            }
            try {
                obj = JsonValues.read(v.textValue());
            } catch (IllegalArgumentException e) {
                throw new ModelException(p + "." + key, null, "is not valid JSON (" + e.getMessage() + ")");
            }
        } else {
            String bad = JsonValues.problem(v);
            if (bad != null) {
                throw new ModelException(p + "." + key, null, "cannot be kept: " + bad);
            }
        }
        if (!obj.isObject()) {
            throw new ModelException(p + "." + key, null, "must be a JSON object");
        }
        return obj.toString();
    }

    private static Double number(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new ModelException(p + "." + key, null, "must be a number");
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new ModelException(p + "." + key, null, "must be a finite number; " + Quoted.of(v.asText())
                    + " is out of the range of a double");
        }
        return d == 0 ? 0.0 : d; // minus zero reads back as zero from every format
    }

    private static double numberOr(JsonNode n, String key, String p, double dflt) {
        Double d = number(n, key, p);
        return d == null ? dflt : d;
    }

    private static int integer(JsonNode n, String key, String p, int dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ModelException(p + "." + key, null, "must be a whole number between " + Integer.MIN_VALUE
                    + " and " + Integer.MAX_VALUE);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode n, String key, String p, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ModelException(p + "." + key, null, "must be true or false");
        }
        return v.asBoolean();
    }
}
