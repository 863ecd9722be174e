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
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;

/** Row of {@code alarm_def}; the engine works with {@link AlarmDef}. A compared value is kept as JSON text. */
@Entity
@Table(name = "alarm_def")
public class AlarmEntity {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    private UUID id;
    @Column(name = "tag_id", nullable = false)
    private UUID tagId;
    @Column(nullable = false, length = 128)
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private AlarmKind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AlarmPriority priority;
    @Column(name = "limit_value")
    private Double limitValue;
    @Column(name = "setpoint_tag_id")
    private UUID setpointTagId;
    @Column(name = "compare_value", length = 4000)
    private String compareValue;
    @Column(length = 4000)
    private String expression;
    @Column(nullable = false, length = 1000)
    private String message;
    @Column(nullable = false)
    private double deadband;
    @Column(name = "on_delay_ms", nullable = false)
    private long onDelayMs;
    @Column(name = "off_delay_ms", nullable = false)
    private long offDelayMs;
    @Column(nullable = false)
    private boolean latching;
    @Column(name = "auto_ack", nullable = false)
    private boolean autoAck;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "suppression_tag_id")
    private UUID suppressionTagId;

    protected AlarmEntity() {
    }

    public static AlarmEntity from(AlarmDef a) {
        AlarmEntity e = new AlarmEntity();
        e.id = a.id();
        e.copyFrom(a);
        return e;
    }

    public void copyFrom(AlarmDef a) {
        tagId = a.tagId();
        name = a.name();
        kind = a.kind();
        priority = a.priority();
        limitValue = a.limit();
        setpointTagId = a.setpointTagId();
        try {
            compareValue = a.value() == null ? null : JSON.writeValueAsString(a.value());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the value of alarm " + a.name(), e);
        }
        expression = a.expression();
        message = a.message();
        deadband = a.deadband();
        onDelayMs = a.onDelayMillis();
        offDelayMs = a.offDelayMillis();
        latching = a.latching();
        autoAck = a.autoAck();
        enabled = a.enabled();
        suppressionTagId = a.suppressionTagId();
    }

    public UUID tagId() {
        return tagId;
    }
}
