package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.peresvet.model.MethodDef;
import org.peresvet.model.io.DefinitionJson;

/** Row of {@code method_def}: the method as its JSON document. */
@Entity
@Table(name = "method_def")
public class MethodEntity {
    @Id
    private UUID id;
    @Column(nullable = false, length = 128)
    private String name;
    @Column(nullable = false, length = 64000)
    private String definition;

    protected MethodEntity() {
    }

    public static MethodEntity from(MethodDef m) {
        MethodEntity e = new MethodEntity();
        e.id = m.id();
        e.copyFrom(m);
        return e;
    }

    public void copyFrom(MethodDef m) {
        name = m.name();
        definition = DefinitionJson.toText(m);
    }
}
