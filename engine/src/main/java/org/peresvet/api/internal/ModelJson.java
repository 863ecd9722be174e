package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.UUID;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.model.io.JsonFields;

/**
 * Objects and tags as API JSON. A tag has the keys of the project document's tags ({@code id,
 * name, description, type, units, min, max, step, update, deadband, default, enabled, source,
 * sourceConfig}) plus {@code objectId} and the read-only {@code path}. Reading is strict like the
 * project document: unknown keys and wrong types are refused with their JSON path. A key given as
 * null takes its default, as when it is left out of a new item.
 */
final class ModelJson {
    private static final JsonFields F = Json.FIELDS;
    static final Set<String> OBJECT_KEYS = Set.of("id", "parentId", "name", "description", "path");
    static final Set<String> TAG_KEYS = Set.of("id", "objectId", "name", "description", "type", "units", "min", "max",
            "step", "update", "deadband", "default", "enabled", "source", "sourceConfig", "path");

    private ModelJson() {
    }

    // ---- writing ----

    static ObjectNode object(ModelSnapshot m, ObjectDef o) {
        ObjectNode n = Json.object();
        n.put("id", o.id().toString());
        n.put("parentId", o.parentId() == null ? null : o.parentId().toString());
        n.put("name", o.name());
        n.put("description", o.description());
        n.put("path", m.objectPath(o.id()));
        return n;
    }

    static ObjectNode tag(ModelSnapshot m, TagDef t) {
        ObjectNode n = Json.object();
        n.put("id", t.id().toString());
        n.put("objectId", t.objectId().toString());
        n.put("path", m.tagPath(t.id()));
        n.put("name", t.name());
        n.put("description", t.description());
        n.put("type", t.type().label());
        n.put("units", t.units());
        n.put("min", t.min());
        n.put("max", t.max());
        n.put("step", t.step());
        n.put("update", t.update());
        n.put("deadband", t.deadband());
        n.set("default", t.defaultValue() == null ? null : Json.MAPPER.valueToTree(t.defaultValue()));
        n.put("enabled", t.enabled());
        n.put("source", t.source().label());
        if (t.sourceConfig() == null || t.sourceConfig().isBlank()) {
            n.putNull("sourceConfig");
        } else {
            try {
                n.set("sourceConfig", Json.MAPPER.readTree(t.sourceConfig()));
            } catch (JsonProcessingException e) {
                n.put("sourceConfig", t.sourceConfig());
            }
        }
        return n;
    }

    // ---- reading ----

    /**
     * An object from a body. {@code base} null: a new object (name required, absent keys take
     * defaults); else the keys given change {@code base} (PATCH), or all keys replace it (PUT,
     * {@code replace} true).
     */
    static ObjectDef readObject(JsonNode body, ModelSnapshot m, ObjectDef base, boolean replace) {
        F.object(body, "$", OBJECT_KEYS);
        UUID id = checkId(body, base == null ? null : base.id());
        checkPath(body, base == null ? null : m.objectPath(base.id()), "/v1/objects/{id}/move or parentId");
        boolean full = base == null || replace;
        UUID parent = base == null ? null : base.parentId();
        if (body.has("parentId") || full) {
            String p = F.text(body, "parentId", "$", false);
            parent = p == null ? null : Resolve.object(m, p, "$.parentId").id();
        }
        String name = base == null ? null : base.name();
        if (body.has("name") || full) {
            name = F.text(body, "name", "$", true);
        }
        String description = base == null ? "" : base.description();
        if (body.has("description") || full) {
            description = F.text(body, "description", "$", false);
        }
        UUID finalId = id != null ? id : base != null ? base.id() : UUID.randomUUID();
        return new ObjectDef(finalId, parent, name, description);
    }

    static TagDef readTag(JsonNode body, ModelSnapshot m, TagDef base, boolean replace) {
        F.object(body, "$", TAG_KEYS);
        UUID id = checkId(body, base == null ? null : base.id());
        checkPath(body, base == null ? null : m.tagPath(base.id()), "/v1/tags/{id}/move, objectId or name");
        boolean full = base == null || replace;
        TagDef.Builder b = full ? TagDef.builder(null, null, ValueType.DOUBLE) : base.toBuilder();
        b.id(id != null ? id : base != null ? base.id() : UUID.randomUUID());
        if (full || body.has("objectId")) {
            b.objectId(Resolve.object(m, F.text(body, "objectId", "$", true), "$.objectId").id());
        }
        if (full || body.has("name")) {
            b.name(F.text(body, "name", "$", true));
        }
        if (full || body.has("description")) {
            b.description(F.text(body, "description", "$", false));
        }
        ValueType type = base == null ? null : base.type();
        if (full || body.has("type")) {
            type = F.parsed(body, "type", "$", true, ValueType::parse);
            b.type(type);
        }
        if (full || body.has("units")) {
            b.units(F.text(body, "units", "$", false));
        }
        if (full || body.has("min")) {
            b.min(F.number(body, "min", "$"));
        }
        if (full || body.has("max")) {
            b.max(F.number(body, "max", "$"));
        }
        if (full || body.has("step")) {
            b.step(F.bool(body, "step", "$", false));
        }
        if (full || body.has("update")) {
            b.update(F.bool(body, "update", "$", false));
        }
        if (full || body.has("deadband")) {
            Double d = F.number(body, "deadband", "$");
            b.deadband(d == null ? 0 : d);
        }
        if (full || body.has("enabled")) {
            b.enabled(F.bool(body, "enabled", "$", true));
        }
        if (full || body.has("source")) {
            SourceKind source = F.parsed(body, "source", "$", false, SourceKind::parse);
            b.source(source == null ? SourceKind.MANUAL : source);
        }
        if (full || body.has("sourceConfig")) {
            JsonNode cfg = body.get("sourceConfig");
            b.sourceConfig(cfg == null || cfg.isNull() ? null : cfg.isTextual() ? cfg.asText() : cfg.toString());
        }
        if (full || body.has("default")) {
            JsonNode d = body.get("default");
            Object dflt = null;
            if (d != null && !d.isNull()) {
                try {
                    dflt = type.coerce(d);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("$.default", e.getMessage());
                }
            }
            b.defaultValue(dflt);
        } else if (base != null && base.defaultValue() != null && type != base.type()) {
            try {
                b.defaultValue(type.coerce(base.defaultValue()));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("$.type", "the tag's default " + base.defaultValue() + " does not fit "
                        + type.label() + "; change \"default\" too");
            }
        }
        return b.build();
    }

    /** An id in the body must be a UUID and, for an existing item, its own id. */
    private static UUID checkId(JsonNode body, UUID existing) {
        UUID id = F.uuid(body, "id", "$");
        if (id == null) {
            return null;
        }
        if (existing != null && !existing.equals(id)) {
            throw ApiError.badRequest("$.id", "the id " + id + " differs from the id in the URL " + existing
                    + "; an id cannot change");
        }
        return id;
    }

    /** {@code path} is read-only: accepted (so a read item can be sent back) only when unchanged. */
    private static void checkPath(JsonNode body, String current, String instead) {
        if (!body.has("path")) {
            return;
        }
        String p = F.text(body, "path", "$", false);
        if (p != null && !p.equals(current)) {
            throw ApiError.badRequest("$.path", "is read-only; to move or rename, use " + instead);
        }
    }

    /** Where a model rule points in a body: the project document's field names to the API's keys. */
    static String field(String modelField) {
        if (modelField == null || modelField.isEmpty()) {
            return null;
        }
        return "$." + switch (modelField) {
            case "parent" -> "parentId";
            case "object" -> "objectId";
            case "defaultValue" -> "default";
            default -> modelField;
        };
    }
}
