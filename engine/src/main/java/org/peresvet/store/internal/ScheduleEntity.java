package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.io.DefinitionJson;

/** Row of {@code schedule_def}: the schedule as its JSON document. */
@Entity
@Table(name = "schedule_def")
public class ScheduleEntity {
    @Id
    private UUID id;
    @Column(nullable = false, length = 128)
    private String name;
    @Column(nullable = false, length = 16000)
    private String definition;

    protected ScheduleEntity() {
    }

    public static ScheduleEntity from(ScheduleDef s) {
        ScheduleEntity e = new ScheduleEntity();
        e.id = s.id();
        e.copyFrom(s);
        return e;
    }

    public void copyFrom(ScheduleDef s) {
        name = s.name();
        definition = DefinitionJson.toText(s);
    }
}
