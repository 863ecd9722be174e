package org.peresvet.app.tree;

import java.util.UUID;
import org.peresvet.model.ModelSnapshot;

/** An object or a tag of the model, by id: what the tree holds and what editing commands act on. */
public record NodeRef(Kind kind, UUID id) {

    public enum Kind { OBJECT, TAG }

    public static NodeRef object(UUID id) {
        return new NodeRef(Kind.OBJECT, id);
    }

    public static NodeRef tag(UUID id) {
        return new NodeRef(Kind.TAG, id);
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isTag() {
        return kind == Kind.TAG;
    }

    /** True while the model still holds the item. */
    public boolean existsIn(ModelSnapshot m) {
        return isObject() ? m.object(id) != null : m.tag(id) != null;
    }

    /** The item's name in {@code m}, or null when it is gone. */
    public String name(ModelSnapshot m) {
        if (isObject()) {
            var o = m.object(id);
            return o == null ? null : o.name();
        }
        var t = m.tag(id);
        return t == null ? null : t.name();
    }

    /** The full path of the item in {@code m}. */
    public String path(ModelSnapshot m) {
        return isObject() ? m.objectPath(id) : m.tagPath(id);
    }

    /** The object the item lives under: the parent object, or a tag's object (null for a root object). */
    public UUID parentIn(ModelSnapshot m) {
        if (isObject()) {
            var o = m.object(id);
            return o == null ? null : o.parentId();
        }
        var t = m.tag(id);
        return t == null ? null : t.objectId();
    }
}
