package org.peresvet.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An alarm on a tag: what makes it active and how operators are told. Immutable; part of the
 * project model (stored, exported with its tag). Change it through {@link #toBuilder()}.
 *
 * @param name             unique among the alarms of the tag, e.g. "Hi"; the alarm's path is
 *                         {@code <tag path>#<name>}
 * @param limit            the threshold of limit kinds, the allowed deviation of {@code DEVIATION},
 *                         the allowed change per second of {@code RATE}
 * @param setpointTagId    the setpoint of {@code DEVIATION}
 * @param value            what {@code DISCRETE_EQUALS} / {@code DISCRETE_DIFFERS} compare with, in the
 *                         tag's type
 * @param expression       the formula of {@code EXPRESSION}
 * @param message          text for operators; placeholders {@code {value}}, {@code {units}},
 *                         {@code {limit}}, {@code {path}} (tag path), {@code {name}}; empty: a default text
 * @param deadband         hysteresis: a numeric alarm clears only when the value is back inside the
 *                         limit by this much
 * @param onDelayMillis    the condition must hold this long before the alarm activates
 * @param offDelayMillis   the condition must be gone this long before the alarm clears
 * @param latching         stays in alarm after the process returns to normal, until acknowledged and reset
 * @param autoAck          acknowledged automatically when it returns to normal
 * @param suppressionTagId a tag whose truthy value (true, non-zero, non-empty) suppresses the alarm
 *                         by design, e.g. "pump stopped"; null: never suppressed
 */
public record AlarmDef(UUID id, UUID tagId, String name, AlarmKind kind, AlarmPriority priority, Double limit,
                       UUID setpointTagId, Object value, String expression, String message, double deadband,
                       long onDelayMillis, long offDelayMillis, boolean latching, boolean autoAck, boolean enabled,
                       UUID suppressionTagId) {

    public AlarmDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        priority = priority == null ? defaultPriority(kind) : priority;
        name = name == null ? defaultName(kind) : name;
        message = message == null ? "" : message;
        expression = expression == null || expression.isBlank() ? null : expression;
    }

    /** The usual name of an alarm of this kind: HiHi, Hi, Lo, LoLo, Deviation, … */
    public static String defaultName(AlarmKind kind) {
        return switch (kind) {
            case HIHI -> "HiHi";
            case HI -> "Hi";
            case LO -> "Lo";
            case LOLO -> "LoLo";
            case DEVIATION -> "Deviation";
            case RATE -> "Rate";
            case DISCRETE_EQUALS -> "Equals";
            case DISCRETE_DIFFERS -> "Differs";
            case BAD_QUALITY -> "BadQuality";
            case EXPRESSION -> "Expression";
        };
    }

    static AlarmPriority defaultPriority(AlarmKind kind) {
        return kind == AlarmKind.HIHI || kind == AlarmKind.LOLO ? AlarmPriority.HIGH : AlarmPriority.MEDIUM;
    }

    public static Builder builder(UUID tagId, AlarmKind kind) {
        return new Builder().id(UUID.randomUUID()).tagId(tagId).kind(kind);
    }

    public Builder toBuilder() {
        return new Builder().id(id).tagId(tagId).name(name).kind(kind).priority(priority).limit(limit)
                .setpointTagId(setpointTagId).value(value).expression(expression).message(message).deadband(deadband)
                .onDelayMillis(onDelayMillis).offDelayMillis(offDelayMillis).latching(latching).autoAck(autoAck)
                .enabled(enabled).suppressionTagId(suppressionTagId);
    }

    /** Builder with the defaults of a new alarm: enabled, no delays, no deadband, not latching. */
    public static final class Builder {
        private UUID id;
        private UUID tagId;
        private String name;
        private AlarmKind kind;
        private AlarmPriority priority;
        private Double limit;
        private UUID setpointTagId;
        private Object value;
        private String expression;
        private String message = "";
        private double deadband;
        private long onDelayMillis;
        private long offDelayMillis;
        private boolean latching;
        private boolean autoAck;
        private boolean enabled = true;
        private UUID suppressionTagId;

        public Builder id(UUID v) { id = v; return this; }
        public Builder tagId(UUID v) { tagId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder kind(AlarmKind v) { kind = v; return this; }
        public Builder priority(AlarmPriority v) { priority = v; return this; }
        public Builder limit(Double v) { limit = v; return this; }
        public Builder setpointTagId(UUID v) { setpointTagId = v; return this; }
        public Builder value(Object v) { value = v; return this; }
        public Builder expression(String v) { expression = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder deadband(double v) { deadband = v; return this; }
        public Builder onDelayMillis(long v) { onDelayMillis = v; return this; }
        public Builder offDelayMillis(long v) { offDelayMillis = v; return this; }
        public Builder latching(boolean v) { latching = v; return this; }
        public Builder autoAck(boolean v) { autoAck = v; return this; }
        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder suppressionTagId(UUID v) { suppressionTagId = v; return this; }

        public AlarmDef build() {
            return new AlarmDef(id, tagId, name, kind, priority, limit, setpointTagId, value, expression, message,
                    deadband, onDelayMillis, offDelayMillis, latching, autoAck, enabled, suppressionTagId);
        }
    }
}
