package org.peresvet.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.peresvet.model.MethodDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelException;
import org.peresvet.model.ScheduleDef;

/**
 * Schedules and methods as JSON objects: the entries of the project document's
 * {@code "schedules"} and {@code "methods"} lists, and the form the project store keeps them in.
 * Reading is strict: unknown keys and wrong types are refused with their JSON path.
 */
public final class DefinitionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFields FIELDS = JsonFields.MODEL;
    private static final Set<String> SCHEDULE_KEYS = Set.of("id", "name", "description", "enabled", "kind", "start", "end",
            "every", "unit", "cron", "zone", "missed");
    private static final Set<String> METHOD_KEYS = Set.of("id", "name", "description", "enabled", "object", "initiators",
            "kind", "formula", "target", "program", "args", "parameters", "timeoutMillis", "maxOutputBytes", "mode", "limit");
    private static final Set<String> INITIATOR_KEYS = Set.of("tag", "condition", "schedule", "event", "match");

    private DefinitionJson() {
    }

    // ---- schedules ----

    public static ObjectNode write(ScheduleDef s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.id().toString());
        n.put("name", s.name());
        if (!s.description().isEmpty()) {
            n.put("description", s.description());
        }
        n.put("enabled", s.enabled());
        n.put("kind", s.kind().name().toLowerCase());
        if (s.kind() == ScheduleDef.Kind.CRON) {
            n.put("cron", s.cron());
        } else {
            n.put("every", s.every());
            n.put("unit", s.unit().label());
        }
        if (s.start() != null) {
            n.put("start", Micros.format(s.start()));
        }
        if (s.end() != null) {
            n.put("end", Micros.format(s.end()));
        }
        if (s.zone() != null) {
            n.put("zone", s.zone());
        }
        n.put("missed", s.missed().label());
        return n;
    }

    public static ScheduleDef readSchedule(JsonNode n, String p, Set<UUID> ids) {
        FIELDS.object(n, p, SCHEDULE_KEYS);
        String kindText = FIELDS.text(n, "kind", p, false);
        ScheduleDef.Kind kind;
        if (kindText == null) {
            kind = n.has("cron") ? ScheduleDef.Kind.CRON : ScheduleDef.Kind.INTERVAL;
        } else if (kindText.equalsIgnoreCase("interval") || kindText.equalsIgnoreCase("cron")) {
            kind = ScheduleDef.Kind.valueOf(kindText.toUpperCase());
        } else {
            throw new ModelException(p + ".kind", null, "expected interval or cron, found \"" + kindText + "\"");
        }
        try {
            String unit = FIELDS.text(n, "unit", p, false);
            String missed = FIELDS.text(n, "missed", p, false);
            return new ScheduleDef(id(n, p, ids), FIELDS.text(n, "name", p, true), FIELDS.text(n, "description", p, false),
                    FIELDS.bool(n, "enabled", p, true), kind, time(n, "start", p), time(n, "end", p), FIELDS.integer(n, "every", p, 0),
                    unit == null ? null : ScheduleDef.Unit.parse(unit), FIELDS.text(n, "cron", p, false), FIELDS.text(n, "zone", p, false),
                    missed == null ? null : ScheduleDef.MissedRuns.parse(missed));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage());
        }
    }

    // ---- methods ----

    public static ObjectNode write(MethodDef m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", m.id().toString());
        n.put("name", m.name());
        if (!m.description().isEmpty()) {
            n.put("description", m.description());
        }
        n.put("enabled", m.enabled());
        if (m.objectId() != null) {
            n.put("object", m.objectId().toString());
        }
        ArrayNode inits = n.putArray("initiators");
        for (MethodDef.Initiator i : m.initiators()) {
            ObjectNode o = inits.addObject();
            switch (i.type()) {
                case TAG -> {
                    o.put("tag", i.tag());
                    if (i.condition() != null) {
                        o.put("condition", i.condition());
                    }
                }
                case SCHEDULE -> o.put("schedule", i.scheduleId().toString());
                case EVENT -> {
                    o.put("event", i.eventType());
                    if (i.match() != null) {
                        o.put("match", i.match());
                    }
                }
            }
        }
        n.put("kind", m.kind().label());
        if (m.formula() != null) {
            n.put("formula", m.formula());
        }
        if (m.target() != null) {
            n.put("target", m.target());
        }
        if (m.program() != null) {
            n.put("program", m.program());
        }
        if (!m.args().isEmpty()) {
            ArrayNode a = n.putArray("args");
            m.args().forEach(a::add);
        }
        if (!m.parameters().isEmpty()) {
            ObjectNode ps = n.putObject("parameters");
            new TreeMap<>(m.parameters()).forEach(ps::put);
        }
        n.put("timeoutMillis", m.timeoutMillis());
        n.put("maxOutputBytes", m.maxOutputBytes());
        n.put("mode", m.mode().label());
        n.put("limit", m.limit());
        return n;
    }

    public static MethodDef readMethod(JsonNode n, String p, Set<UUID> ids) {
        FIELDS.object(n, p, METHOD_KEYS);
        List<MethodDef.Initiator> inits = new ArrayList<>();
        JsonNode arr = n.get("initiators");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                throw new ModelException(p + ".initiators", null, "must be an array");
            }
            for (int i = 0; i < arr.size(); i++) {
                inits.add(initiator(arr.get(i), p + ".initiators[" + i + "]"));
            }
        }
        List<String> args = new ArrayList<>();
        JsonNode a = n.get("args");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new ModelException(p + ".args", null, "must be an array of strings");
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isTextual()) {
                    throw new ModelException(p + ".args[" + i + "]", null, "must be a string");
                }
                args.add(a.get(i).asText());
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode ps = n.get("parameters");
        if (ps != null && !ps.isNull()) {
            if (!ps.isObject()) {
                throw new ModelException(p + ".parameters", null, "must be an object of name: formula");
            }
            for (Iterator<String> it = ps.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                params.put(k, FIELDS.text(ps, k, p + ".parameters", true));
            }
        }
        String object = FIELDS.text(n, "object", p, false);
        try {
            String kind = FIELDS.text(n, "kind", p, false);
            String mode = FIELDS.text(n, "mode", p, false);
            return new MethodDef(id(n, p, ids), FIELDS.text(n, "name", p, true), FIELDS.text(n, "description", p, false),
                    FIELDS.bool(n, "enabled", p, true), object == null ? null : uuid(object, p + ".object"), inits,
                    kind == null ? null : MethodDef.Kind.parse(kind), FIELDS.text(n, "formula", p, false), FIELDS.text(n, "target", p, false),
                    FIELDS.text(n, "program", p, false), args, params, FIELDS.integer(n, "timeoutMillis", p, 0),
                    (int) FIELDS.integer(n, "maxOutputBytes", p, 0), mode == null ? null : MethodDef.RunMode.parse(mode),
                    (int) FIELDS.integer(n, "limit", p, 0));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage());
        }
    }

    private static MethodDef.Initiator initiator(JsonNode n, String p) {
        FIELDS.object(n, p, INITIATOR_KEYS);
        String tag = FIELDS.text(n, "tag", p, false);
        String schedule = FIELDS.text(n, "schedule", p, false);
        String event = FIELDS.text(n, "event", p, false);
        int kinds = (tag != null ? 1 : 0) + (schedule != null ? 1 : 0) + (event != null ? 1 : 0);
        if (kinds != 1) {
            throw new ModelException(p, null, "an initiator names exactly one of tag, schedule or event");
        }
        if (tag != null) {
            return MethodDef.Initiator.tag(tag, FIELDS.text(n, "condition", p, false));
        }
        if (schedule != null) {
            return MethodDef.Initiator.schedule(uuid(schedule, p + ".schedule"));
        }
        return MethodDef.Initiator.event(event, FIELDS.text(n, "match", p, false));
    }

    // ---- text form for the store ----

    public static String toText(ScheduleDef s) {
        return write(s).toString();
    }

    public static String toText(MethodDef m) {
        return write(m).toString();
    }

    public static ScheduleDef scheduleFromText(String json) {
        return readSchedule(parse(json), "$", new HashSet<>());
    }

    public static MethodDef methodFromText(String json) {
        return readMethod(parse(json), "$", new HashSet<>());
    }

    private static JsonNode parse(String json) {
        try {
            return StrictJson.read(json);
        } catch (StrictJsonException e) {
            throw new ModelException("$", null, "not valid JSON: " + e.getMessage());
        }
    }

    // ---- helpers ----

    private static UUID id(JsonNode n, String p, Set<UUID> ids) {
        String s = FIELDS.text(n, "id", p, false);
        UUID id = s == null ? UUID.randomUUID() : uuid(s, p + ".id");
        if (!ids.add(id)) {
            throw new ModelException(p + ".id", null, "id " + id + " appears twice in the document");
        }
        return id;
    }

    private static UUID uuid(String s, String p) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, "'" + s + "' is not a UUID");
        }
    }

    private static Long time(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return v.isIntegralNumber() ? v.asLong() : Micros.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ModelException(p + "." + key, null, e.getMessage());
        }
    }
}
