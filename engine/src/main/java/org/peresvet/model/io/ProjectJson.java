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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Names;
import org.peresvet.model.Quoted;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SecretFields;
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
            "connectors", "documents", "secrets");
    private static final Set<String> DOCUMENT_KEYS = Set.of("id", "kind", "name", "body");
    private static final Set<String> CONNECTOR_KEYS = Set.of("id", "name", "kind", "enabled", "config");
    private static final Set<String> SETTINGS_KEYS = Set.of("name", "historyRetentionDays", "historyFlushMillis");
    private static final Set<String> OBJECT_KEYS = Set.of("id", "name", "description", "tags", "objects");
    private static final Set<String> TAG_KEYS = Set.of("id", "name", "description", "type", "units", "min", "max",
            "step", "update", "deadband", "default", "enabled", "source", "sourceConfig", "formula", "trigger", "alarms");
    private static final Set<String> ALARM_KEYS = Set.of("id", "name", "kind", "priority", "limit", "setpoint", "value",
            "expression", "message", "deadband", "onDelayMs", "offDelayMs", "latching", "autoAck", "enabled", "suppressedBy");

    private static final JsonFields F = JsonFields.MODEL;

    private ProjectJson() {
    }

    // ---- writing ----

    /** The whole project (root null) or the subtree of one object, as pretty-printed JSON. */
    public static String write(ModelSnapshot model, ProjectSettings settings, UUID root) {
        return write(model, settings, root, null);
    }

    /**
     * The document. Secrets in connector configs ({@link SecretFields}) are left out, or, with
     * {@code reveal}, given as {@code reveal} of the stored (sealed) text; either way the document
     * says so in {@code "secrets": "omitted" | "included"}.
     */
    public static String write(ModelSnapshot model, ProjectSettings settings, UUID root, UnaryOperator<String> reveal) {
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
            int secrets = 0;
            for (ConnectorDef c : connectors) {
                ObjectNode n = connectorNode(c);
                secrets += reveal == null ? SecretFields.strip(n.get("config")) : SecretFields.map(n.get("config"), reveal);
                arr.add(n);
            }
            if (secrets > 0) {
                doc.put("secrets", reveal == null ? "omitted" : "included");
            }
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

    /** One connector as an entry of the document's {@code "connectors"} list (the API's form too). */
    public static ObjectNode connectorJson(ConnectorDef c) {
        return connectorNode(c);
    }

    /** Reads one connector entry strictly; a refusal names its JSON path under {@code p}. A missing id gets a new one. */
    public static ConnectorDef connectorFrom(JsonNode n, String p) {
        return readConnector(n, p, new HashSet<>());
    }

    /** One alarm as an entry of a tag's {@code "alarms"} list (the API's form adds its tag). */
    public static ObjectNode alarmJson(AlarmDef a) {
        return alarmNode(a);
    }

    /** Reads one alarm entry of {@code tag} strictly; a refusal names its JSON path under {@code p}. */
    public static AlarmDef alarmFrom(JsonNode n, TagDef tag, String p) {
        return readAlarm(n, tag, p, new HashSet<>());
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
        F.checkKeys(root, "$", TOP_KEYS);
        String format = F.text(root, "format", "$", false);
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
        JsonNode arr = F.array(root, "objects", "$");
        for (int i = 0; arr != null && i < arr.size(); i++) {
            readObject(arr.get(i), null, "$.objects[" + i + "]", objects, tags, alarms, ids);
        }
        List<ScheduleDef> schedules = new ArrayList<>();
        JsonNode sarr = F.array(root, "schedules", "$");
        for (int i = 0; sarr != null && i < sarr.size(); i++) {
            schedules.add(DefinitionJson.readSchedule(sarr.get(i), "$.schedules[" + i + "]", ids));
        }
        List<MethodDef> methods = new ArrayList<>();
        JsonNode marr = F.array(root, "methods", "$");
        for (int i = 0; marr != null && i < marr.size(); i++) {
            methods.add(DefinitionJson.readMethod(marr.get(i), "$.methods[" + i + "]", ids));
        }
        List<ConnectorDef> connectors = new ArrayList<>();
        JsonNode carr = F.array(root, "connectors", "$");
        for (int i = 0; carr != null && i < carr.size(); i++) {
            connectors.add(readConnector(carr.get(i), "$.connectors[" + i + "]", ids));
        }
        List<DocumentDef> documents = new ArrayList<>();
        JsonNode darr = F.array(root, "documents", "$");
        for (int i = 0; darr != null && i < darr.size(); i++) {
            documents.add(readDocument(darr.get(i), "$.documents[" + i + "]", ids));
        }
        return new ProjectDocument(settings, objects, tags, alarms, schedules, methods, connectors, documents);
    }

    private static DocumentDef readDocument(JsonNode n, String p, Set<UUID> ids) {
        F.object(n, p, DOCUMENT_KEYS);
        UUID id = id(n, p, ids);
        JsonNode body = n.get("body");
        if (body == null || !body.isObject()) {
            throw new ModelException(p + ".body", null, "must be a JSON object");
        }
        DocumentDef d = new DocumentDef(id, F.text(n, "kind", p, true), name(n, p, true), body.toString());
        try {
            d.validate();
        } catch (ModelException e) {
            throw new ModelException(p, e.field(), e.reason());
        }
        return d;
    }

    private static ConnectorDef readConnector(JsonNode n, String p, Set<UUID> ids) {
        F.object(n, p, CONNECTOR_KEYS);
        UUID id = id(n, p, ids);
        String config = F.jsonObjectText(n, "config", p);
        return new ConnectorDef(id, name(n, p, true), F.text(n, "kind", p, true), F.bool(n, "enabled", p, true), config);
    }

    private static ProjectSettings settings(JsonNode n) {
        String p = "$.settings";
        F.object(n, p, SETTINGS_KEYS);
        String name = F.text(n, "name", p, false);
        if (name != null && !name.isEmpty()) {
            Names.check(name, p + ".name", null);
        }
        int days = int32(n, "historyRetentionDays", p, ProjectSettings.DEFAULT_RETENTION_DAYS);
        int flush = int32(n, "historyFlushMillis", p, ProjectSettings.DEFAULT_FLUSH_MILLIS);
        try {
            return new ProjectSettings(name, days, flush);
        } catch (ModelException e) {
            throw new ModelException(p + "." + e.field(), null, e.reason());
        }
    }

    private static int int32(JsonNode n, String key, String p, int dflt) {
        return (int) F.integer(n, key, p, dflt, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static void readObject(JsonNode n, UUID parent, String p, List<ObjectDef> objects, List<TagDef> tags,
                                   List<AlarmDef> alarms, Set<UUID> ids) {
        F.object(n, p, OBJECT_KEYS);
        UUID id = id(n, p, ids);
        String name = name(n, p, true);
        objects.add(new ObjectDef(id, parent, name, F.text(n, "description", p, false)));
        JsonNode tagArr = F.array(n, "tags", p);
        for (int i = 0; tagArr != null && i < tagArr.size(); i++) {
            TagDef tag = readTag(tagArr.get(i), id, p + ".tags[" + i + "]", ids);
            tags.add(tag);
            readAlarms(tagArr.get(i), tag, p + ".tags[" + i + "]", alarms, ids);
        }
        JsonNode children = F.array(n, "objects", p);
        for (int i = 0; children != null && i < children.size(); i++) {
            readObject(children.get(i), id, p + ".objects[" + i + "]", objects, tags, alarms, ids);
        }
    }

    static TagDef readTag(JsonNode n, UUID objectId, String p, Set<UUID> ids) {
        F.object(n, p, TAG_KEYS);
        ValueType type = F.parsed(n, "type", p, true, ValueType::parse);
        SourceKind source = F.parsed(n, "source", p, false, SourceKind::parse);
        Object dflt = coerced(n, "default", p, type);
        String sourceConfig = F.jsonObjectText(n, "sourceConfig", p);
        CalcTrigger trigger = F.parsed(n, "trigger", p, false, CalcTrigger::parse);
        Double deadband = F.number(n, "deadband", p);
        return new TagDef(id(n, p, ids), objectId, name(n, p, true), F.text(n, "description", p, false), type,
                F.text(n, "units", p, false), F.number(n, "min", p), F.number(n, "max", p), F.bool(n, "step", p, false),
                F.bool(n, "update", p, false), deadband == null ? 0 : deadband, dflt, F.bool(n, "enabled", p, true),
                source == null ? SourceKind.MANUAL : source, sourceConfig, F.text(n, "formula", p, false),
                trigger == null ? CalcTrigger.CHANGE : trigger);
    }

    /** A value of the tag's type (a default, an alarm's value); null when absent. */
    private static Object coerced(JsonNode n, String key, String p, ValueType type) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return type.coerce(v);
        } catch (IllegalArgumentException e) {
            throw F.invalid(p, key, e.getMessage());
        }
    }

    private static void readAlarms(JsonNode tagNode, TagDef tag, String p, List<AlarmDef> out, Set<UUID> ids) {
        JsonNode arr = F.array(tagNode, "alarms", p);
        for (int i = 0; arr != null && i < arr.size(); i++) {
            out.add(readAlarm(arr.get(i), tag, p + ".alarms[" + i + "]", ids));
        }
    }

    static AlarmDef readAlarm(JsonNode n, TagDef tag, String p, Set<UUID> ids) {
        F.object(n, p, ALARM_KEYS);
        AlarmKind kind = F.parsed(n, "kind", p, true, AlarmKind::parse);
        AlarmPriority priority = F.parsed(n, "priority", p, false, AlarmPriority::parse);
        Object value = coerced(n, "value", p, tag.type());
        Double deadband = F.number(n, "deadband", p);
        return new AlarmDef(id(n, p, ids), tag.id(), name(n, p, false), kind, priority, F.number(n, "limit", p),
                F.uuid(n, "setpoint", p, "tag id (UUID)"), value, F.text(n, "expression", p, false),
                F.text(n, "message", p, false), deadband == null ? 0 : deadband, F.integer(n, "onDelayMs", p, 0),
                F.integer(n, "offDelayMs", p, 0), F.bool(n, "latching", p, false), F.bool(n, "autoAck", p, false),
                F.bool(n, "enabled", p, true), F.uuid(n, "suppressedBy", p, "tag id (UUID)"));
    }

    /** The item's id (a new one when absent), unique within the document. */
    static UUID id(JsonNode n, String p, Set<UUID> ids) {
        UUID id = F.uuid(n, "id", p);
        if (id == null) {
            id = UUID.randomUUID();
        }
        if (!ids.add(id)) {
            throw new ModelException(p + ".id", null, "id " + id + " appears twice in the document");
        }
        return id;
    }

    /** The item's name, checked by the one name rule here, so a refusal names its JSON path. */
    static String name(JsonNode n, String p, boolean required) {
        String name = F.text(n, "name", p, required);
        if (name != null) {
            Names.check(name, p + ".name", null);
        }
        return name;
    }
}
