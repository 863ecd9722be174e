package org.peresvet.model;

import java.util.Objects;
import java.util.UUID;

/** An object of the plant hierarchy. Immutable; a root object has no parent. */
public record ObjectDef(UUID id, UUID parentId, String name, String description) {

    public ObjectDef {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
    }

    public static ObjectDef create(UUID parentId, String name) {
        return new ObjectDef(UUID.randomUUID(), parentId, name, "");
    }

    public ObjectDef withName(String newName) {
        return new ObjectDef(id, parentId, newName, description);
    }

    public ObjectDef withParent(UUID newParent) {
        return new ObjectDef(id, newParent, name, description);
    }

    public ObjectDef withDescription(String newDescription) {
        return new ObjectDef(id, parentId, name, newDescription);
    }
}
