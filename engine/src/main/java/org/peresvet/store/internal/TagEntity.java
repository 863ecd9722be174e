package org.peresvet.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Row of {@code tag}; the engine works with {@link TagDef}. The default value is kept as JSON text. */
@Entity
@Table(name = "tag")
public class TagEntity {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    private UUID id;
    @Column(name = "object_id", nullable = false)
    private UUID objectId;
    @Column(nullable = false, length = 128)
    private String name;
    @Column(nullable = false, length = 2000)
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(name = "value_type", nullable = false, length = 16)
    private ValueType valueType;
    @Column(nullable = false, length = 32)
    private String units;
    @Column(name = "min_value")
    private Double minValue;
    @Column(name = "max_value")
    private Double maxValue;
    @Column(nullable = false)
    private boolean step;
    @Column(name = "update_same_time", nullable = false)
    private boolean updateSameTime;
    @Column(nullable = false)
    private double deadband;
    @Column(name = "default_value", length = 4000)
    private String defaultValue;
    @Column(nullable = false)
    private boolean enabled;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SourceKind source;
    @Column(name = "source_config", length = 16000)
    private String sourceConfig;
    @Column(length = 8000)
    private String formula;
    @Column(name = "calc_trigger", length = 64)
    private String calcTrigger;

    protected TagEntity() {
    }

    public static TagEntity from(TagDef t) {
        TagEntity e = new TagEntity();
        e.id = t.id();
        e.copyFrom(t);
        return e;
    }

    public void copyFrom(TagDef t) {
        objectId = t.objectId();
        name = t.name();
        description = t.description();
        valueType = t.type();
        units = t.units();
        minValue = t.min();
        maxValue = t.max();
        step = t.step();
        updateSameTime = t.update();
        deadband = t.deadband();
        try {
            defaultValue = t.defaultValue() == null ? null : JSON.writeValueAsString(t.defaultValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store default value of " + t.name(), e);
        }
        enabled = t.enabled();
        source = t.source();
        sourceConfig = t.sourceConfig();
        formula = t.formula();
        calcTrigger = t.formula() == null && t.trigger().kind() == CalcTrigger.Kind.CHANGE ? null : t.trigger().toString();
    }
}
