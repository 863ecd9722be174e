package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.UUID;
import org.peresvet.model.DocumentDef;

/** Row of {@code document_def}: a saved trend, screen or symbol with its JSON body. */
@Entity
@Table(name = "document_def")
public class DocumentEntity {
    @Id
    private UUID id;
    @Column(nullable = false, length = 32)
    private String kind;
    @Column(nullable = false, length = 128)
    private String name;
    @Lob
    @Column(nullable = false)
    private String body;

    protected DocumentEntity() {
    }

    public static DocumentEntity from(DocumentDef d) {
        DocumentEntity e = new DocumentEntity();
        e.id = d.id();
        e.copyFrom(d);
        return e;
    }

    public void copyFrom(DocumentDef d) {
        kind = d.kind();
        name = d.name();
        body = d.body();
    }
}
