package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.peresvet.model.ConnectorDef;

/** Row of {@code connector_def}; the kind-specific config stays JSON text. */
@Entity
@Table(name = "connector_def")
public class ConnectorEntity {
    @Id
    private UUID id;
    @Column(nullable = false, length = 128)
    private String name;
    @Column(nullable = false, length = 32)
    private String kind;
    @Column(nullable = false)
    private boolean enabled;
    @Column(nullable = false, length = 65536)
    private String config;

    protected ConnectorEntity() {
    }

    public static ConnectorEntity from(ConnectorDef c) {
        ConnectorEntity e = new ConnectorEntity();
        e.id = c.id();
        e.copyFrom(c);
        return e;
    }

    public void copyFrom(ConnectorDef c) {
        name = c.name();
        kind = c.kind();
        enabled = c.enabled();
        config = c.config();
    }

    public ConnectorDef toDef() {
        return new ConnectorDef(id, name, kind, enabled, config);
    }
}
