package org.peresvet.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.MethodDef;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelException;
import org.peresvet.model.Names;
import org.peresvet.model.Quoted;
import org.peresvet.model.ScheduleDef;

/**
 * Schedules and methods as JSON objects: the entries of the project document's
 * {@code "schedules"} and {@code "methods"} lists, and the form the project store keeps them in.
 * Reading is strict: unknown keys and wrong types are refused with their JSON path.
 */
public final class DefinitionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        object(n, p, SCHEDULE_KEYS);
        String kindText = text(n, "kind", p, false);
        ScheduleDef.Kind kind;
        if (kindText == null) {
            kind = n.has("cron") ? ScheduleDef.Kind.CRON : ScheduleDef.Kind.INTERVAL;
        } else if (kindText.equalsIgnoreCase("interval") || kindText.equalsIgnoreCase("cron")) {
            kind = ScheduleDef.Kind.valueOf(kindText.toUpperCase());
        } else {
            throw new ModelException(p + ".kind", null, "expected interval or cron, found " + Quoted.of(kindText));
        }
        try {
            String unit = text(n, "unit", p, false);
            String missed = text(n, "missed", p, false);
            return new ScheduleDef(id(n, p, ids), ProjectJson.name(n, p, true), text(n, "description", p, false),
                    bool(n, "enabled", p, true), kind, time(n, "start", p), time(n, "end", p), longOr(n, "every", p, 0),
                    unit == null ? null : ScheduleDef.Unit.parse(unit), text(n, "cron", p, false), text(n, "zone", p, false),
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
            new java.util.TreeMap<>(m.parameters()).forEach(ps::put);
        }
        n.put("timeoutMillis", m.timeoutMillis());
        n.put("maxOutputBytes", m.maxOutputBytes());
        n.put("mode", m.mode().label());
        n.put("limit", m.limit());
        return n;
    }

    public static MethodDef readMethod(JsonNode n, String p, Set<UUID> ids) {
        object(n, p, METHOD_KEYS);
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
                params.put(k, text(ps, k, p + ".parameters", true));
            }
        }
        String object = text(n, "object", p, false);
        try {
            String kind = text(n, "kind", p, false);
            String mode = text(n, "mode", p, false);
            return new MethodDef(id(n, p, ids), ProjectJson.name(n, p, true), text(n, "description", p, false),
                    bool(n, "enabled", p, true), object == null ? null : uuid(object, p + ".object"), inits,
                    kind == null ? null : MethodDef.Kind.parse(kind), text(n, "formula", p, false), text(n, "target", p, false),
                    text(n, "program", p, false), args, params, longOr(n, "timeoutMillis", p, 0),
                    intOr(n, "maxOutputBytes", p), mode == null ? null : MethodDef.RunMode.parse(mode),
                    intOr(n, "limit", p));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage());
        }
    }

    private static MethodDef.Initiator initiator(JsonNode n, String p) {
        object(n, p, INITIATOR_KEYS);
        String tag = text(n, "tag", p, false);
        String schedule = text(n, "schedule", p, false);
        String event = text(n, "event", p, false);
        int kinds = (tag != null ? 1 : 0) + (schedule != null ? 1 : 0) + (event != null ? 1 : 0);
        if (kinds != 1) {
            throw new ModelException(p, null, "an initiator names exactly one of tag, schedule or event");
        }
        if (tag != null) {
            return MethodDef.Initiator.tag(tag, text(n, "condition", p, false));
        }
        if (schedule != null) {
            return MethodDef.Initiator.schedule(uuid(schedule, p + ".schedule"));
        }
        return MethodDef.Initiator.event(event, text(n, "match", p, false));
    }

    // ---- text form for the store ----

    public static String toText(ScheduleDef s) {
        return write(s).toString();
    }

    public static String toText(MethodDef m) {
        return write(m).toString();
    }

    public static ScheduleDef scheduleFromText(String json) {
        return readSchedule(parse(json), "$", new java.util.HashSet<>());
    }

    public static MethodDef methodFromText(String json) {
        return readMethod(parse(json), "$", new java.util.HashSet<>());
    }

    private static JsonNode parse(String json) {
        try {
            return StrictJson.read(json);
        } catch (StrictJsonException e) {
            throw new ModelException("$", null, e.getMessage());
        }
    }

    // ---- helpers ----

    private static void object(JsonNode n, String p, Set<String> keys) {
        if (n == null || !n.isObject()) {
            throw new ModelException(p, null, "must be an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new ModelException(p + "." + Quoted.escape(k, Quoted.MAX_VALUE), null, "unknown key (known keys: "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private static UUID id(JsonNode n, String p, Set<UUID> ids) {
        String s = text(n, "id", p, false);
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
            throw new ModelException(p, null, Quoted.of(s) + " is not a UUID");
        }
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
            throw new ModelException(p + "." + Quoted.escape(key, Quoted.MAX_VALUE), null, "must be a string");
        }
        String s = v.textValue();
        String bad = Names.invalidTextReason(s);
        if (bad != null) {
            throw new ModelException(p + "." + Quoted.escape(key, Quoted.MAX_VALUE), null, bad);
        }
        return s;
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

    private static long longOr(JsonNode n, String key, String p, long dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new ModelException(p + "." + key, null, "must be a whole number");
        }
        return v.asLong();
    }

    /** A whole number that fits an int; 0 (the default) when absent. Never wrapped. */
    private static int intOr(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ModelException(p + "." + key, null, "must be a whole number up to " + Integer.MAX_VALUE);
        }
        return v.asInt();
    }

    private static Long time(JsonNode n, String key, String p) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && !v.canConvertToLong()) {
            throw new ModelException(p + "." + key, null, "must be a time within the range of microseconds in a long");
        }
        if (!v.isIntegralNumber() && !v.isTextual()) {
            throw new ModelException(p + "." + key, null, "must be an ISO-8601 time or whole microseconds");
        }
        try {
            return v.isIntegralNumber() ? v.asLong() : Micros.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ModelException(p + "." + key, null, e.getMessage());
        }
    }
}
