package org.peresvet.api.internal;

import java.util.UUID;
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

    /** An object for a path parameter, which must be a UUID. */
    public static ObjectDef objectById(ModelSnapshot m, String id) {
        ObjectDef o = m.object(Json.uuid(id, "id"));
        if (o == null) {
            throw ApiError.notFound("id", "unknown object " + id);
        }
        return o;
    }

    public static TagDef tagById(ModelSnapshot m, String id) {
        TagDef t = m.tag(Json.uuid(id, "id"));
        if (t == null) {
            throw ApiError.notFound("id", "unknown tag " + id);
        }
        return t;
    }

    public static UUID id(String s, String field) {
        return Json.uuid(s, field);
    }
}
