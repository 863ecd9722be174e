package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.peresvet.model.ObjectDef;

/** Row of {@code plant_object}; the engine works with {@link ObjectDef}. */
@Entity
@Table(name = "plant_object")
public class ObjectEntity {
    @Id
    private UUID id;
    @Column(name = "parent_id")
    private UUID parentId;
    @Column(nullable = false, length = 128)
    private String name;
    @Column(nullable = false, length = 2000)
    private String description;

    protected ObjectEntity() {
    }

    public static ObjectEntity from(ObjectDef o) {
        ObjectEntity e = new ObjectEntity();
        e.id = o.id();
        e.copyFrom(o);
        return e;
    }

    public void copyFrom(ObjectDef o) {
        parentId = o.parentId();
        name = o.name();
        description = o.description();
    }
}
