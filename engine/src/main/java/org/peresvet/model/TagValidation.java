package org.peresvet.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks one tag's properties; the first problem found is thrown as a {@link ModelException}. */
final class TagValidation {
    private TagValidation() {
    }

    static void check(TagDef t, String where) {
        Names.checkText(t.description(), where, "description");
        Names.checkText(t.units(), where, "units");
        Names.checkText(t.formula(), where, "formula");
        Names.checkText(t.sourceConfig(), where, "sourceConfig");
        if (t.defaultValue() instanceof String text) {
            Names.checkText(text, where, "defaultValue");
        }
        if (t.units().length() > 32) {
            throw new ModelException(where, "units", "must be at most 32 characters");
        }
        if (t.description().length() > 2000) {
            throw new ModelException(where, "description", "must be at most 2000 characters");
        }
        if (t.min() != null && !Double.isFinite(t.min())) {
            throw new ModelException(where, "min", "must be a finite number");
        }
        if (t.max() != null && !Double.isFinite(t.max())) {
            throw new ModelException(where, "max", "must be a finite number");
        }
        if (t.min() != null && t.max() != null && t.min() > t.max()) {
            throw new ModelException(where, "min", "min " + t.min() + " is greater than max " + t.max());
        }
        if ((t.min() != null || t.max() != null) && !t.type().isNumeric()) {
            throw new ModelException(where, "min", "a " + t.type().label() + " tag has no engineering range");
        }
        if (!Double.isFinite(t.deadband()) || t.deadband() < 0) {
            throw new ModelException(where, "deadband", "must be zero or a positive number");
        }
        if (t.defaultValue() != null) {
            try {
                t.type().coerce(t.defaultValue());
            } catch (IllegalArgumentException e) {
                throw new ModelException(where, "defaultValue", e.getMessage());
            }
        }
        if (t.sourceConfig() != null && !t.sourceConfig().isBlank()) {
            JsonNode cfg;
            try {
                cfg = JsonValues.read(t.sourceConfig());
            } catch (IllegalArgumentException e) {
                throw new ModelException(where, "sourceConfig", "is not valid JSON (" + e.getMessage() + ")");
            }
            if (!cfg.isObject()) {
                throw new ModelException(where, "sourceConfig", "must be a JSON object");
            }
        }
        if (t.formula() != null) {
            if (t.formula().length() > 8000) {
                throw new ModelException(where, "formula", "must be at most 8000 characters");
            }
            if (t.source() == SourceKind.SIMULATED) {
                throw new ModelException(where, "formula", "a simulated tag cannot also be calculated");
            }
        }
        if (t.trigger().kind() == CalcTrigger.Kind.PERIODIC && (t.trigger().periodMillis() < CalcTrigger.MIN_PERIOD_MILLIS
                || t.trigger().periodMillis() > CalcTrigger.MAX_PERIOD_MILLIS)) {
            throw new ModelException(where, "trigger", "a periodic trigger needs a period between "
                    + CalcTrigger.MIN_PERIOD_MILLIS + " ms and " + CalcTrigger.MAX_PERIOD_MILLIS + " ms (366 days)");
        }
        if (t.trigger().kind() == CalcTrigger.Kind.SCHEDULE && t.trigger().scheduleId() == null) {
            throw new ModelException(where, "trigger", "a schedule trigger needs a schedule id");
        }
        if (t.source() == SourceKind.SIMULATED) {
            if (!t.type().isNumeric()) {
                throw new ModelException(where, "source", "the simulator generates numbers; a "
                        + t.type().label() + " tag cannot be simulated");
            }
            if (t.sourceConfig() == null || t.sourceConfig().isBlank()) {
                throw new ModelException(where, "sourceConfig", "a simulated tag needs a simulator config");
            }
            try {
                SimulatorSpec.parse(t.sourceConfig());
            } catch (IllegalArgumentException e) {
                throw new ModelException(where, "sourceConfig", e.getMessage());
            }
        }
    }
}
