package org.peresvet.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.peresvet.engine.Engine;
import org.peresvet.engine.SecurityAccess;
import org.peresvet.model.Actor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.TagDef;
import org.peresvet.screen.ScreenDef;
import org.peresvet.screen.ScreenReferences;
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

    /** A tag or an object, by its id (an unknown id cannot be read). */
    boolean item(ModelSnapshot m, UUID id) {
        if (actor == null) {
            return true;
        }
        if (m.tag(id) != null) {
            return tag(m, id);
        }
        return m.object(id) != null && object(id);
    }

    /**
     * A screen is shown when every tag and object it shows or writes may be read: its body names
     * them, so a screen that reaches outside the user's subtrees is hidden whole (a screen that
     * binds nothing is shown).
     */
    boolean screen(ModelSnapshot m, ScreenDef s) {
        return actor == null || ScreenReferences.uses(m, List.of(s)).stream().allMatch(u -> item(m, u.itemId()));
    }

    /** Refuses (403 naming READ) a screen that shows something outside the user's subtrees. */
    void requireScreen(ModelSnapshot m, ScreenDef s) {
        if (actor == null) {
            return;
        }
        for (ScreenReferences.Use u : ScreenReferences.uses(m, List.of(s))) {
            TagDef t = m.tag(u.itemId());
            security.check(actor, Permission.READ, t != null ? t.objectId() : u.itemId());
        }
    }

    /**
     * A connector is shown when at least one tag bound to it may be read: its state explains those
     * tags' quality; one that feeds only other subtrees (or nothing) is hidden.
     */
    boolean connector(ModelSnapshot m, UUID connectorId) {
        return actor == null || m.tagsBoundTo(connectorId).stream().anyMatch(t -> object(t.objectId()));
    }

    /** The number of a connector's bound tags the user may read. */
    int readableBoundTags(ModelSnapshot m, UUID connectorId) {
        return (int) m.tagsBoundTo(connectorId).stream().filter(t -> actor == null || object(t.objectId())).count();
    }

    /** Refuses (403 naming READ) a connector none of whose bound tags may be read. */
    void requireConnector(ModelSnapshot m, UUID connectorId) {
        if (!connector(m, connectorId)) {
            security.check(actor, Permission.READ, m.tagsBoundTo(connectorId).stream().findFirst().map(TagDef::objectId).orElse(null));
        }
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
