package org.peresvet.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A tag: a typed parameter of an object. Immutable; change it through {@link #toBuilder()}.
 *
 * @param step        no interpolation between samples (default false: linear)
 * @param update      a sample at an existing timestamp replaces the stored one
 * @param deadband    the platform's {@code prsMaxLineDev}; 0 keeps every change
 * @param defaultValue the value in the tag's Java form, or null
 * @param sourceConfig JSON text describing the source (simulator spec, connector binding), or null
 * @param formula     the formula of a calculated tag (see docs/formulas.md), or null for a tag
 *                    whose values come from its source
 * @param trigger     when the formula runs (default: on a change of any input)
 */
public record TagDef(UUID id, UUID objectId, String name, String description, ValueType type,
                     String units, Double min, Double max, boolean step, boolean update,
                     double deadband, Object defaultValue, boolean enabled, SourceKind source,
                     String sourceConfig, String formula, CalcTrigger trigger) {

    /** A tag without a formula. */
    public TagDef(UUID id, UUID objectId, String name, String description, ValueType type,
                  String units, Double min, Double max, boolean step, boolean update,
                  double deadband, Object defaultValue, boolean enabled, SourceKind source,
                  String sourceConfig) {
        this(id, objectId, name, description, type, units, min, max, step, update, deadband, defaultValue,
                enabled, source, sourceConfig, null, null);
    }

    public TagDef {
        formula = formula == null || formula.isBlank() ? null : formula;
        trigger = trigger == null ? CalcTrigger.CHANGE : trigger;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        units = units == null ? "" : units;
        source = source == null ? SourceKind.MANUAL : source;
        // Minus zero is zero: stores and spreadsheets do not keep its sign, so neither does the model.
        min = min != null && min == 0 ? Double.valueOf(0.0) : min;
        max = max != null && max == 0 ? Double.valueOf(0.0) : max;
        deadband = deadband == 0 ? 0.0 : deadband;
        // An empty text default is no default: a CSV cell cannot tell them apart, so the model does not either.
        if (type == ValueType.STRING && "".equals(defaultValue)) {
            defaultValue = null;
        }
        try {
            defaultValue = type.coerce(defaultValue);
        } catch (IllegalArgumentException e) {
            // Kept as given: validation reports it with the tag's path.
        }
    }

    public static Builder builder(UUID objectId, String name, ValueType type) {
        return new Builder().id(UUID.randomUUID()).objectId(objectId).name(name).type(type);
    }

    /** True for a calculated tag: its values come from its formula. */
    public boolean calculated() {
        return formula != null;
    }

    public Builder toBuilder() {
        return new Builder().id(id).objectId(objectId).name(name).description(description).type(type)
                .units(units).min(min).max(max).step(step).update(update).deadband(deadband)
                .defaultValue(defaultValue).enabled(enabled).source(source).sourceConfig(sourceConfig)
                .formula(formula).trigger(trigger);
    }

    /** Builder with the defaults of a new tag: enabled, linear, manual source. */
    public static final class Builder {
        private UUID id;
        private UUID objectId;
        private String name;
        private String description = "";
        private ValueType type = ValueType.DOUBLE;
        private String units = "";
        private Double min;
        private Double max;
        private boolean step;
        private boolean update;
        private double deadband;
        private Object defaultValue;
        private boolean enabled = true;
        private SourceKind source = SourceKind.MANUAL;
        private String sourceConfig;
        private String formula;
        private CalcTrigger trigger = CalcTrigger.CHANGE;

        public Builder id(UUID v) { id = v; return this; }
        public Builder objectId(UUID v) { objectId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder type(ValueType v) { type = v; return this; }
        public Builder units(String v) { units = v; return this; }
        public Builder min(Double v) { min = v; return this; }
        public Builder max(Double v) { max = v; return this; }
        public Builder step(boolean v) { step = v; return this; }
        public Builder update(boolean v) { update = v; return this; }
        public Builder deadband(double v) { deadband = v; return this; }
        public Builder defaultValue(Object v) { defaultValue = v; return this; }
        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder source(SourceKind v) { source = v; return this; }
        public Builder sourceConfig(String v) { sourceConfig = v; return this; }
        public Builder formula(String v) { formula = v; return this; }
        public Builder trigger(CalcTrigger v) { trigger = v; return this; }

        public Builder simulated(SimulatorSpec spec) {
            source = SourceKind.SIMULATED;
            sourceConfig = spec.toJson();
            return this;
        }

        public TagDef build() {
            return new TagDef(id, objectId, name, description, type, units, min, max, step, update,
                    deadband, defaultValue, enabled, source, sourceConfig, formula, trigger);
        }
    }
}
