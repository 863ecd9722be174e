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

    private static final JsonFields F = JsonFields.MODEL;

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
        F.object(n, p, SCHEDULE_KEYS);
        String kindText = F.text(n, "kind", p, false);
        ScheduleDef.Kind kind;
        if (kindText == null) {
            kind = n.has("cron") ? ScheduleDef.Kind.CRON : ScheduleDef.Kind.INTERVAL;
        } else if (kindText.equalsIgnoreCase("interval") || kindText.equalsIgnoreCase("cron")) {
            kind = ScheduleDef.Kind.valueOf(kindText.toUpperCase());
        } else {
            throw new ModelException(p + ".kind", null, "expected interval or cron, found " + Quoted.of(kindText));
        }
        try {
            String unit = F.text(n, "unit", p, false);
            String missed = F.text(n, "missed", p, false);
            return new ScheduleDef(ProjectJson.id(n, p, ids), ProjectJson.name(n, p, true), F.text(n, "description", p, false),
                    F.bool(n, "enabled", p, true), kind, F.time(n, "start", p), F.time(n, "end", p), F.integer(n, "every", p, 0),
                    unit == null ? null : ScheduleDef.Unit.parse(unit), F.text(n, "cron", p, false), F.text(n, "zone", p, false),
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
        F.object(n, p, METHOD_KEYS);
        List<MethodDef.Initiator> inits = new ArrayList<>();
        JsonNode arr = F.array(n, "initiators", p);
        for (int i = 0; arr != null && i < arr.size(); i++) {
            inits.add(initiator(arr.get(i), p + ".initiators[" + i + "]"));
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
                params.put(k, F.text(ps, k, p + ".parameters", true));
            }
        }
        UUID object = F.uuid(n, "object", p);
        try {
            String kind = F.text(n, "kind", p, false);
            String mode = F.text(n, "mode", p, false);
            return new MethodDef(ProjectJson.id(n, p, ids), ProjectJson.name(n, p, true), F.text(n, "description", p, false),
                    F.bool(n, "enabled", p, true), object, inits,
                    kind == null ? null : MethodDef.Kind.parse(kind), F.text(n, "formula", p, false),
                    F.text(n, "target", p, false), F.text(n, "program", p, false), args, params,
                    F.integer(n, "timeoutMillis", p, 0), int32(n, "maxOutputBytes", p), mode == null ? null
                    : MethodDef.RunMode.parse(mode), int32(n, "limit", p));
        } catch (IllegalArgumentException e) {
            throw new ModelException(p, null, e.getMessage());
        }
    }

    private static MethodDef.Initiator initiator(JsonNode n, String p) {
        F.object(n, p, INITIATOR_KEYS);
        String tag = F.text(n, "tag", p, false);
        UUID schedule = F.uuid(n, "schedule", p);
        String event = F.text(n, "event", p, false);
        int kinds = (tag != null ? 1 : 0) + (schedule != null ? 1 : 0) + (event != null ? 1 : 0);
        if (kinds != 1) {
            throw new ModelException(p, null, "an initiator names exactly one of tag, schedule or event");
        }
        if (tag != null) {
            return MethodDef.Initiator.tag(tag, F.text(n, "condition", p, false));
        }
        if (schedule != null) {
            return MethodDef.Initiator.schedule(schedule);
        }
        return MethodDef.Initiator.event(event, F.text(n, "match", p, false));
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
            throw new ModelException("$", null, e.getMessage());
        }
    }

    /** A whole number that fits an int (never wrapped); 0, the default, when absent. */
    private static int int32(JsonNode n, String key, String p) {
        return (int) F.integer(n, key, p, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
