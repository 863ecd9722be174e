package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.engine.SecurityAccess;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.security.Permission;

/**
 * What one request may read: everything (no users, a service principal, a user who reads
 * everywhere), or only the subtrees where the user's READ is granted. Lists drop what lies
 * outside; asking for one thing outside is refused (403 naming READ) through the facade's check.
 */
final class ReadScope {
    private static final ReadScope EVERYTHING = new ReadScope(null, null);

    private final SecurityAccess security;
    private final Actor actor;

    private ReadScope(SecurityAccess security, Actor actor) {
        this.security = security;
        this.actor = actor;
    }

    static ReadScope of(Call call, Engine engine) {
        SecurityAccess s = engine.security();
        if (!s.hasUsers() || call.principal() == null) {
            return EVERYTHING;
        }
        Actor a = call.actor();
        return a.kind() != Actor.Kind.PERSON || s.allowsEverywhere(a, Permission.READ) ? EVERYTHING : new ReadScope(s, a);
    }

    boolean everything() {
        return actor == null;
    }

    boolean object(UUID objectId) {
        return actor == null || security.allows(actor, Permission.READ, objectId);
    }

    boolean tag(ModelSnapshot m, UUID tagId) {
        if (actor == null) {
            return true;
        }
        TagDef t = m.tag(tagId);
        return t != null && object(t.objectId());
    }

    boolean alarm(ModelSnapshot m, UUID alarmId) {
        if (actor == null) {
            return true;
        }
        AlarmDef a = m.alarm(alarmId);
        return a != null && tag(m, a.tagId());
    }

    /** Refuses (403 naming READ and the object) unless the object may be read. */
    void requireObject(UUID objectId) {
        if (actor != null) {
            security.check(actor, Permission.READ, objectId);
        }
    }

    void requireTag(ModelSnapshot m, UUID tagId) {
        if (actor != null) {
            TagDef t = m.tag(tagId);
            security.check(actor, Permission.READ, t == null ? null : t.objectId());
        }
    }

    void requireAlarm(ModelSnapshot m, UUID alarmId) {
        if (actor != null) {
            AlarmDef a = m.alarm(alarmId);
            requireTag(m, a == null ? null : a.tagId());
        }
    }

    /** Drops the elements whose {@code field} (an object's, tag's or alarm's id) may not be read. */
    void keep(ArrayNode items, String field, Kind kind, ModelSnapshot m) {
        if (actor == null) {
            return;
        }
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            JsonNode id = it.next().get(field);
            UUID u = id == null || !id.isTextual() ? null : parse(id.asText());
            boolean ok = u != null && switch (kind) {
                case OBJECT -> object(u);
                case TAG -> tag(m, u);
                case ALARM -> alarm(m, u);
            };
            if (!ok) {
                it.remove();
            }
        }
    }

    enum Kind { OBJECT, TAG, ALARM }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
