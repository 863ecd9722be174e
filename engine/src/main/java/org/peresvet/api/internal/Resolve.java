package org.peresvet.api.internal;

import java.util.UUID;
import java.util.function.Function;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;

/** Finds tags and objects by UUID or path, answering 404 (or 400 for a malformed id) naming the field. */
public final class Resolve {
    private Resolve() {
    }

    public static TagDef tag(ModelSnapshot m, String given, String field) {
        if (given == null || given.isBlank()) {
            throw ApiError.badRequest(field, "must not be empty");
        }
        TagDef t;
        if (Json.looksLikeUuid(given)) {
            t = m.tag(Json.uuid(given, field));
        } else {
            t = m.findTag(given).orElse(null);
        }
        if (t == null) {
            throw ApiError.notFound(field, "unknown tag '" + given + "'");
        }
        return t;
    }

    public static ObjectDef object(ModelSnapshot m, String given, String field) {
        if (given == null || given.isBlank()) {
            throw ApiError.badRequest(field, "must not be empty");
        }
        ObjectDef o;
        if (Json.looksLikeUuid(given)) {
            o = m.object(Json.uuid(given, field));
        } else {
            o = m.findObject(given).orElse(null);
        }
        if (o == null) {
            throw ApiError.notFound(field, "unknown object '" + given + "'");
        }
        return o;
    }

    /**
     * An object for a path parameter: its UUID or its path ({@code %2F}-encoded in the URL). An
     * empty or unknown one is a 404 naming {@code id} and what was asked.
     */
    public static ObjectDef objectById(ModelSnapshot m, String given) {
        if (given == null || given.isBlank()) {
            throw ApiError.notFound("id", "no object named: the id in the URL is empty (give a UUID or a path)");
        }
        UUID id = uuidOrNull(given);
        ObjectDef o = id != null ? m.object(id) : m.findObject(given).orElse(null);
        if (o == null) {
            throw ApiError.notFound("id", "unknown object '" + given + "'");
        }
        return o;
    }

    /** A tag for a path parameter: its UUID or its path; empty or unknown is a 404 naming {@code id}. */
    public static TagDef tagById(ModelSnapshot m, String given) {
        if (given == null || given.isBlank()) {
            throw ApiError.notFound("id", "no tag named: the id in the URL is empty (give a UUID or a path)");
        }
        UUID id = uuidOrNull(given);
        TagDef t = id != null ? m.tag(id) : m.findTag(given).orElse(null);
        if (t == null) {
            throw ApiError.notFound("id", "unknown tag '" + given + "'");
        }
        return t;
    }

    /**
     * An item of a flat list (connector, schedule, method) for a path parameter: by UUID or by
     * name; empty or unknown is a 404 naming {@code id}.
     */
    public static <T> T itemById(String given, String what, Function<UUID, T> byId,
                                 Function<String, T> byName) {
        if (given == null || given.isBlank()) {
            throw ApiError.notFound("id", "no " + what + " named: the id in the URL is empty (give a UUID or a name)");
        }
        UUID id = uuidOrNull(given);
        T item = id != null ? byId.apply(id) : byName.apply(given);
        if (item == null) {
            throw ApiError.notFound("id", "unknown " + what + " '" + given + "'");
        }
        return item;
    }

    /** The UUID the text spells, or null when it is a path or a name. */
    static UUID uuidOrNull(String given) {
        if (!Json.looksLikeUuid(given)) {
            return null;
        }
        try {
            return UUID.fromString(given);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static UUID id(String s, String field) {
        return Json.uuid(s, field);
    }
}
